#!/usr/bin/env bash
# The nightly performance run: the whole suite in the nightly profile, published under
# results/<machine>/, compared with a baseline, failing on a regression.
# .github/workflows/nightly.yml runs exactly this script on every runner kind.
#
# Environment (all optional):
#   ASYNCBENCH_MACHINE   the machine kind; results of different machines are kept apart (default: host name)
#   NIGHTLY_PROFILE      the suite's --profile (default: nightly)
#   NIGHTLY_FILTER       BenchmarkDotNet --filter (default: '*', the whole suite)
#   NIGHTLY_THRESHOLD    compare's --threshold in percent (default: 10)
#   NIGHTLY_RESULTS      the results root (default: results)
# Baseline: <results>/<machine>/baseline/ if present, else the previous published run of the same machine;
# the machine's last 20 published runs are the history each benchmark's noise band is learnt from.
# Exit: 0 all ran and no regression; 1 a benchmark failed or a regression; 2 bad input to publish/compare.
set -uo pipefail

cd "$(dirname "$0")/.."

machine="${ASYNCBENCH_MACHINE:-$(hostname)}"
export ASYNCBENCH_MACHINE="$machine"
# The commit is taken before the run, so the pages name the code that was measured.
export ASYNCBENCH_COMMIT="${ASYNCBENCH_COMMIT:-$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)}"
profile="${NIGHTLY_PROFILE:-nightly}"
filter="${NIGHTLY_FILTER:-*}"
threshold="${NIGHTLY_THRESHOLD:-10}"
out="${NIGHTLY_RESULTS:-results}/$machine"
artifacts="$(mktemp -d "${TMPDIR:-/tmp}/asyncbench-nightly.XXXXXX")"
trap 'rm -rf "$artifacts"' EXIT

publish() { dotnet run -c Release --project scripts/AsyncBench.Publish -- "$@"; }

echo "== benchmarks: profile $profile, filter '$filter', machine $machine"
dotnet run -c Release --project benchmarks/AsyncBench.Benchmarks -- --profile "$profile" --filter "$filter" --artifacts "$artifacts"
bench_status=$?
if [ "$bench_status" -ne 0 ]; then
    echo "warning: the benchmark run exited with $bench_status (a benchmark failed); publishing what it measured, failed ones listed as failed." >&2
fi

mkdir -p "$out"
# The newest earlier run of this machine, before this run is added (names sort by date and time).
previous="$(find "$out" -mindepth 1 -maxdepth 1 -type d -name '20*' | sort | tail -n 1)"

echo "== publish into $out"
publish publish "$artifacts/results" --out "$out" || exit 2
new_run="$(find "$out" -mindepth 1 -maxdepth 1 -type d -name '20*' | sort | tail -n 1)"
echo "published: $new_run"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "run_dir=$new_run" >> "$GITHUB_OUTPUT"
fi

baseline=""
if [ -d "$out/baseline" ]; then
    baseline="$out/baseline"
elif [ -n "$previous" ] && [ "$previous" != "$new_run" ]; then
    baseline="$previous"
fi

compare_status=0
if [ -z "$baseline" ]; then
    echo "== no baseline and no earlier run of $machine: nothing to compare with (this run becomes the history's first)."
else
    echo "== compare $baseline -> $new_run (threshold $threshold%, history: the published runs in $out)"
    # --history: the machine's earlier runs teach each benchmark's own run-to-run spread and the machine's
    # drift; with fewer than 5 of them, compare says so and uses its stated fallback.
    publish compare "$baseline" "$new_run" --threshold "$threshold" --history "$out" > "$new_run/comparison.md"
    compare_status=$?
    cat "$new_run/comparison.md"
    # latest/ is the same run: keep its copy of the comparison too.
    cp "$new_run/comparison.md" "$out/latest/comparison.md" 2>/dev/null || true
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
        cat "$new_run/comparison.md" >> "$GITHUB_STEP_SUMMARY"
    fi
fi

if [ "$compare_status" -eq 2 ]; then
    echo "error: compare could not read its input (see above)." >&2
    exit 2
fi
if [ "$compare_status" -ne 0 ]; then
    echo "error: performance regression against $baseline (see comparison.md)." >&2
    exit 1
fi
if [ "$bench_status" -ne 0 ]; then
    echo "error: at least one benchmark failed (see the published pages' 'Failed benchmarks')." >&2
    exit 1
fi
echo "== nightly run passed: no regression."
