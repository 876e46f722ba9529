#!/usr/bin/env bash
# The rules' evidence run: every case a claim reads (--profile evidence: each class's claim sides at their declared
# settings, nothing else) as EVIDENCE_PASSES passes of one launch each, so every claim case has that many launches, spread
# through the run; the passes merged (`AsyncBench.Publish merge-passes`) and published (`publish`: the pages, rules.md and
# rules.json, whose evidence line states the launches, the passes and the job, Evidence). Issue 27: the verdicts come
# from a run with at least 5 launches of every claim case, not from a gate night that gave a case fewer.
#
#   scripts/evidence.sh
#
# Environment (all optional):
#   EVIDENCE_PASSES   passes, each one launch of every claim case (default 5, at least 2)
#   EVIDENCE_FILTER   BenchmarkDotNet --filter patterns, space-separated, narrowing the claim cases (default '*')
#   EVIDENCE_JOB      a BenchmarkDotNet job for each launch instead of the profile's, e.g. dry: a smoke run that proves the
#                     script works (its numbers mean nothing); needs EVIDENCE_OUT, so it never replaces results/latest
#   EVIDENCE_OUT      where the run is published (default results: a new run folder there, and results/latest)
# Exit: 0 published; 1 published, but a benchmark failed (the pages' 'Failed benchmarks'); 2 bad input (one error line,
# nothing published, temporary files removed).
set -uo pipefail

cd "$(dirname "$0")/.."

work=""
bad() { echo "error: $*" >&2; [ -z "$work" ] || rm -rf "$work"; exit 2; }
whole() { [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -ge "$3" ] || bad "$1='$2' must be a whole number from $3; unset it for the default."; }

passes="${EVIDENCE_PASSES:-5}"; whole EVIDENCE_PASSES "$passes" 2
filter="${EVIDENCE_FILTER:-*}"
read -r -a filters <<< "$filter"   # several patterns, split on spaces, never expanded against the file system
job=()
if [ -n "${EVIDENCE_JOB:-}" ]; then
    [ -n "${EVIDENCE_OUT:-}" ] || bad "EVIDENCE_JOB='$EVIDENCE_JOB' is a smoke run, not evidence: publish it elsewhere with EVIDENCE_OUT=DIR (results/latest is the evidence run's)."
    job=(--job "$EVIDENCE_JOB")
fi
out="${EVIDENCE_OUT:-results}"
mkdir -p "$out" 2>/dev/null && [ -w "$out" ] || bad "EVIDENCE_OUT='$out' cannot be created or written; name a writable folder."

work="$(mktemp -d "${TMPDIR:-/tmp}/asyncbench-evidence.XXXXXX")" || bad "cannot create a temporary folder (TMPDIR='${TMPDIR:-/tmp}')."
trap 'rm -rf "$work"' EXIT

echo "== build (Release)"
dotnet build -c Release --nologo -v quiet benchmarks/AsyncBench.Benchmarks > "$work/build.log" 2>&1 \
    || { tail -n 20 "$work/build.log" >&2; bad "the suite does not build (see above); nothing was published."; }
dotnet build -c Release --nologo -v quiet scripts/AsyncBench.Publish > "$work/build-publisher.log" 2>&1 \
    || { tail -n 20 "$work/build-publisher.log" >&2; bad "the publisher does not build (see above); nothing was published."; }
suite() { dotnet run -c Release --no-build --project benchmarks/AsyncBench.Benchmarks -- "$@"; }
publish() { dotnet run -c Release --no-build --project scripts/AsyncBench.Publish -- "$@"; }

# The filter is checked once, before the first pass: one that selects no claim case is bad input, not an empty run.
suite --profile evidence ${job[@]+"${job[@]}"} --list flat --filter "${filters[@]}" > "$work/list.txt" 2> "$work/list.err" \
    || { cat "$work/list.err" >&2; bad "the suite refused the options (see above); nothing was published."; }
grep -qE '^[A-Za-z_][A-Za-z0-9_.]*$' "$work/list.txt" \
    || bad "EVIDENCE_FILTER='$filter' selects no case a claim reads; see: dotnet run --project benchmarks/AsyncBench.Benchmarks -- --profile evidence --list flat."

status=0
launches=()
for pass in $(seq 1 "$passes"); do
    echo "== pass $pass of $passes: --profile evidence --pass $pass --passes $passes ${job[*]+${job[*]}}"
    suite --profile evidence ${job[@]+"${job[@]}"} --pass "$pass" --passes "$passes" --filter "${filters[@]}" --artifacts "$work/pass-$pass"
    code=$?
    [ "$code" -ne 2 ] || bad "the suite refused pass $pass (see above); nothing was published."
    [ "$code" -eq 0 ] || status=1
    [ -d "$work/pass-$pass/results" ] || bad "pass $pass left no reports ($work/pass-$pass/results): no benchmark ran (see above); nothing was published."
    launches+=("$work/pass-$pass/results")
done

echo "== merge the $passes passes"
publish merge-passes "${launches[@]}" --out "$work/merged" || bad "merge-passes could not join the passes (see above); nothing was published."
echo "== publish into $out"
publish publish "$work/merged" --out "$out" || bad "publish could not read the merged passes (see above)."
run_dir="$(find "$out" -mindepth 1 -maxdepth 1 -type d -name '20*' | sort | tail -n 1)"
echo "== published: $run_dir ($(grep -c '"FullName"' "$work"/merged/*-report-full.json | awk -F: '{ s += $2 } END { print s }') cases, $passes launches each)"
[ "$status" -eq 0 ] || echo "error: at least one benchmark failed (see the published pages' 'Failed benchmarks')." >&2
exit "$status"
