#!/usr/bin/env bash
# The nightly performance run: the whole suite in the nightly profile, published under
# <results>/<machine>/, judged against the machine's history, failing on a regression.
# .github/workflows/nightly.yml runs exactly this script on every runner kind.
#
# Environment (all optional):
#   ASYNCBENCH_MACHINE      the machine kind; results of different machines are kept apart (default: host name)
#   NIGHTLY_PROFILE         the suite's --profile (default: nightly)
#   NIGHTLY_PASSES          with the nightly profile: run the suite this many times with one launch per case
#                           (--profile nightly-pass) and publish the passes as one run whose launches they are
#                           (publish merge-passes), so a case's launches are spread through the hour; a class that
#                           declares its launches ([NightlyLaunches]) takes part in that many passes instead;
#                           5 (the default with the nightly profile: the whole suite took 55 min 29 s so, build
#                           included, on a 2-core VM);
#                           1 runs the nightly profile's five launches back to back
#   NIGHTLY_FILTER          BenchmarkDotNet --filter, one or more patterns separated by spaces (default: '*', the
#                           whole suite); with a narrower filter the
#                           canaries are added (NIGHTLY_CANARY_FILTER, default '*Canar*'), so a run-wide shift can
#                           still be told the machine's or the code's
#   NIGHTLY_THRESHOLD       compare's --threshold in percent: the slowdown the gate must catch (default: 15)
#   NIGHTLY_RESULTS_BRANCH  keep the history on this git branch (CI: results), where no cache eviction reaches it:
#                           checked out as a worktree in NIGHTLY_RESULTS_DIR (default: .nightly-results; an
#                           orphan branch on the first run), the run published into <dir>/results/<machine>/,
#                           committed, and pushed to origin when there is one
#   NIGHTLY_PUSH            'required' (CI): a failed push of the results branch fails the run (exit 3);
#                           otherwise it is reported and skipped
#   NIGHTLY_RESULTS         without a results branch: the results folder (default: results)
# Baseline: <results>/<machine>/baseline/ if present, else the previous published run of the same machine;
# the machine's last 20 published runs are the history each benchmark's noise is learnt from.
# Exit: 0 all ran and no regression; 1 a benchmark failed or a regression; 2 bad input to publish/compare;
# 3 the results branch could not be saved (NIGHTLY_PUSH=required).
set -uo pipefail

cd "$(dirname "$0")/.."

machine="${ASYNCBENCH_MACHINE:-$(hostname)}"
export ASYNCBENCH_MACHINE="$machine"
# The commit is taken before the run, so the pages name the code that was measured.
export ASYNCBENCH_COMMIT="${ASYNCBENCH_COMMIT:-$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)}"
profile="${NIGHTLY_PROFILE:-nightly}"
filter="${NIGHTLY_FILTER:-*}"
canaries="${NIGHTLY_CANARY_FILTER:-*Canar*}"
threshold="${NIGHTLY_THRESHOLD:-15}"
# Passes are the nightly profile's: another profile runs once unless told otherwise (and is then refused below).
if [ "$profile" = nightly ]; then passes="${NIGHTLY_PASSES:-5}"; else passes="${NIGHTLY_PASSES:-1}"; fi
if ! [[ "$passes" =~ ^[1-9][0-9]*$ ]] || { [ "$passes" -gt 1 ] && [ "$profile" != nightly ]; }; then
    echo "error: NIGHTLY_PASSES='$passes' must be a whole number from 1, and above 1 only with NIGHTLY_PROFILE=nightly (got '$profile'); e.g. NIGHTLY_PASSES=5." >&2
    exit 2
fi
branch="${NIGHTLY_RESULTS_BRANCH:-}"
artifacts="$(mktemp -d "${TMPDIR:-/tmp}/asyncbench-nightly.XXXXXX")"
trap 'rm -rf "$artifacts"' EXIT

publish() { dotnet run -c Release --project scripts/AsyncBench.Publish -- "$@"; }

remote=""
if [ -n "$branch" ]; then
    # The history lives on a branch: a worktree of it, fetched from origin when there is one.
    results_dir="${NIGHTLY_RESULTS_DIR:-.nightly-results}"
    if git remote get-url origin >/dev/null 2>&1; then
        remote=origin
    else
        echo "== no remote 'origin': the results branch '$branch' is kept in this repository only (not pushed)."
    fi
    git worktree remove --force "$results_dir" >/dev/null 2>&1
    git worktree prune
    if [ -e "$results_dir" ]; then
        echo "error: '$results_dir' exists and is not a worktree of this repository; move it away or set NIGHTLY_RESULTS_DIR." >&2
        exit 2
    fi
    if [ -n "$remote" ] && git fetch --quiet "$remote" "+refs/heads/$branch:refs/remotes/$remote/$branch" 2>/dev/null; then
        git worktree add --quiet -B "$branch" "$results_dir" "$remote/$branch" || exit 2
        echo "== results branch '$branch' from $remote, checked out in $results_dir"
    elif git rev-parse --verify --quiet "refs/heads/$branch" >/dev/null; then
        git worktree add --quiet "$results_dir" "$branch" || exit 2
        echo "== results branch '$branch' (local), checked out in $results_dir"
    else
        # First run: an orphan branch with nothing but results.
        git worktree add --quiet --detach "$results_dir" HEAD || exit 2
        git -C "$results_dir" checkout --quiet --orphan "$branch" && git -C "$results_dir" rm -rfq . || exit 2
        echo "== results branch '$branch' created (orphan) in $results_dir: this run starts the history"
    fi
    out="$results_dir/results/$machine"
else
    out="${NIGHTLY_RESULTS:-results}/$machine"
fi

read -r -a filters <<< "$filter"   # several patterns, split on spaces, never expanded against the file system
if [ "$filter" != "*" ]; then
    filters+=("$canaries")
fi

bench_status=0
if [ "$passes" -eq 1 ]; then
    echo "== benchmarks: profile $profile, filter ${filters[*]}, machine $machine"
    dotnet run -c Release --project benchmarks/AsyncBench.Benchmarks -- --profile "$profile" --filter "${filters[@]}" --artifacts "$artifacts"
    bench_status=$?
    reports="$artifacts/results"
else
    # Pass k measures one launch of every class with k or more nightly launches: $passes, or what the class declares
    # ([NightlyLaunches]: more where its launches differ most, fewer where they agree); a pass with no class ends the night.
    pass_results=()
    pass=1
    while [ "$pass" -le 100 ]; do
        echo "== benchmarks, pass $pass (a night of $passes passes; classes declaring more launches take more): profile nightly-pass, filter ${filters[*]}, machine $machine"
        dotnet run -c Release --project benchmarks/AsyncBench.Benchmarks -- --profile nightly-pass --pass "$pass" --passes "$passes" --filter "${filters[@]}" --artifacts "$artifacts/pass-$pass"
        status=$?
        if [ "$status" -ne 0 ]; then
            bench_status=$status
        fi
        if [ ! -d "$artifacts/pass-$pass/results" ]; then
            break
        fi
        pass_results+=("$artifacts/pass-$pass/results")
        pass=$((pass + 1))
    done
    reports="$artifacts/merged"
    echo "== merge the ${#pass_results[@]} passes: each pass is one launch of every case it ran"
    publish merge-passes "${pass_results[@]}" --out "$reports" || exit 2
fi
if [ "$bench_status" -ne 0 ]; then
    echo "warning: the benchmark run exited with $bench_status (a benchmark failed); publishing what it measured, failed ones listed as failed." >&2
fi

mkdir -p "$out"
# The newest earlier run of this machine, before this run is added (names sort by date and time).
previous="$(find "$out" -mindepth 1 -maxdepth 1 -type d -name '20*' | sort | tail -n 1)"

echo "== publish into $out"
publish publish "$reports" --out "$out" || exit 2
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
    # drift; with fewer than 5 of them, compare says so and uses its stated fallback. --json: for trials.
    publish compare "$baseline" "$new_run" --threshold "$threshold" --history "$out" --json "$new_run/comparison.json" > "$new_run/comparison.md"
    compare_status=$?
    cat "$new_run/comparison.md"
    # latest/ is the same run: keep its copy of the comparison too.
    cp "$new_run/comparison.md" "$new_run/comparison.json" "$out/latest/" 2>/dev/null || true
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
        cat "$new_run/comparison.md" >> "$GITHUB_STEP_SUMMARY"
    fi
fi

save_status=0
if [ -n "$branch" ]; then
    git -C "$results_dir" add -A results
    identity=()
    if [ -z "$(git -C "$results_dir" config user.email)" ]; then
        identity=(-c user.name=asyncbench-nightly -c user.email=asyncbench-nightly@users.noreply.github.com)
    fi
    if git -C "$results_dir" ${identity[@]+"${identity[@]}"} commit --quiet -m "nightly: $machine at $ASYNCBENCH_COMMIT ($(basename "$new_run"))"; then
        echo "== committed $(basename "$new_run") to the results branch '$branch'"
    fi
    if [ -n "$remote" ]; then
        pushed=no
        # The runner kinds push to one branch, each into its own folder: on a race, rebase and retry.
        for attempt in 1 2 3; do
            if git -C "$results_dir" push --quiet "$remote" "HEAD:refs/heads/$branch"; then
                pushed=yes
                break
            fi
            git -C "$results_dir" ${identity[@]+"${identity[@]}"} pull --quiet --rebase "$remote" "$branch" || break
        done
        if [ "$pushed" = yes ]; then
            echo "== pushed the results branch '$branch' to $remote"
        elif [ "${NIGHTLY_PUSH:-}" = required ]; then
            echo "error: could not push the results branch '$branch' to $remote; this run's history is only in $results_dir." >&2
            save_status=3
        else
            echo "== skipped: could not push the results branch '$branch' to $remote (no rights?); the history stays in the local branch."
        fi
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
if [ "$save_status" -ne 0 ]; then
    exit "$save_status"
fi
echo "== nightly run passed: no regression."
