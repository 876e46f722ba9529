#!/usr/bin/env bash
# Times the README's two commands from a fresh clone of HEAD and writes the table of docs/durations.md:
#   dotnet run -c Release --project benchmarks/AsyncBench.Benchmarks   (the suite, quick profile, build included)
#   dotnet test                                                          (the tests but the BenchmarkDotNet stage, build included)
# Each command runs in a clone of its own (git clone of this repository, HEAD checked out), so each includes its
# build, as on a fresh machine; NuGet's package cache is the user's (the table says whether it was empty). The suite's
# run is then published into a temporary folder (not timed) for its case count and precision. The table also states
# the date, the commit, the machine (cores, CPU, OS, SDK) and the load average before and after each command: timings
# on a busy machine are not the suite's. Run it on a quiet machine; it takes as long as the two commands.
#
#   scripts/durations.sh [--filter PATTERN] [--test-filter EXPRESSION] [--out FILE]
#
#   --filter PATTERN          narrow the suite's run (BenchmarkDotNet --filter), to try the script; needs --out
#   --test-filter EXPRESSION  narrow dotnet test (its --filter), to try the script; needs --out
#   --out FILE                where the table goes (default: docs/durations.md); a narrowed run is not the README's
#                             command, so it is never written to docs/durations.md
# Exit: 0 both commands passed; 1 one failed (the table says which); 2 bad input.
set -uo pipefail

cd "$(dirname "$0")/.."
root="$(pwd)"

usage="Usage: scripts/durations.sh [--filter PATTERN] [--test-filter EXPRESSION] [--out FILE]"
filter=""
test_filter=""
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --filter|--test-filter|--out)
            if [ $# -lt 2 ] || [ -z "$2" ]; then
                echo "error: $1 needs a value. $usage" >&2
                exit 2
            fi
            case "$1" in
                --filter) filter="$2" ;;
                --test-filter) test_filter="$2" ;;
                --out) out="$2" ;;
            esac
            shift 2 ;;
        *) echo "error: unknown argument '$1'. $usage" >&2; exit 2 ;;
    esac
done
if [ -z "$out" ]; then
    if [ -n "$filter" ] || [ -n "$test_filter" ]; then
        echo "error: a narrowed run (--filter, --test-filter) is not the README's command; write its table elsewhere with --out FILE." >&2
        exit 2
    fi
    out="docs/durations.md"
fi
if ! out_dir="$(cd "$(dirname "$out")" 2>/dev/null && pwd)"; then
    echo "error: the folder of --out '$out' does not exist. Create it, or name a file in an existing folder." >&2
    exit 2
fi
out="$out_dir/$(basename "$out")"

commit="$(git rev-parse --short=12 HEAD)"
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
    echo "== note: the checkout has uncommitted changes; the clones measure HEAD ($commit) without them."
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/asyncbench-durations.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cores="$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')"
cpu="$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)"
cpu="${cpu:-$(uname -m)}"
os="$(uname -sr)"
sdk="$(dotnet --version 2>/dev/null || echo '?')"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
if [ -d "$packages" ] && [ -n "$(ls -A "$packages" 2>/dev/null)" ]; then
    cache="NuGet cache already filled"
else
    cache="NuGet cache empty: packages downloaded"
fi
load() { cut -d ' ' -f 1 /proc/loadavg 2>/dev/null || echo '?'; }
clock() { date +%s.%N; }
minutes() { awk -v s="$1" 'BEGIN { printf "%d min %02d s", int(s / 60), int(s % 60 + 0.5) }'; }

# A fresh clone of HEAD in $work/$1.
clone() {
    git clone --quiet --no-hardlinks "$root" "$work/$1" && git -C "$work/$1" checkout --quiet --detach "$commit"
}

rows=()
status=0

# Runs a command in a fresh clone of its own, $work/<name>, its output in $work/<name>.log; sets the globals elapsed,
# exit_code and load_span. Usage: timed NAME COMMAND...
timed() {
    local name="$1" start end before
    shift
    echo "== clone $commit for: $*"
    clone "$name" || exit 2
    before="$(load)"
    start="$(clock)"
    (cd "$work/$name" && "$@") > "$work/$name.log" 2>&1
    exit_code=$?
    end="$(clock)"
    load_span="$before → $(load)"
    elapsed="$(minutes "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")"
    if [ "$exit_code" -ne 0 ]; then
        status=1
        tail -n 30 "$work/$name.log" >&2
    fi
}

# Adds the table's row of a timed command. Usage: row SHOWN-COMMAND WHAT-RAN
row() {
    rows+=("| \`$1\` | $elapsed | exit $exit_code | $2 | $load_span |")
    echo "== ${rows[${#rows[@]}-1]}"
}

# The suite: the README's run command, narrowed only with --filter.
suite="dotnet run -c Release --project benchmarks/AsyncBench.Benchmarks"
read -r -a run <<< "$suite"
if [ -n "$filter" ]; then
    run+=(-- --filter "$filter")
fi
timed run "${run[@]}"
if [ -d "$work/run/BenchmarkDotNet.Artifacts/results" ] &&
    (cd "$work/run" && ASYNCBENCH_MACHINE=durations dotnet run --project scripts/AsyncBench.Publish -- publish BenchmarkDotNet.Artifacts/results --out "$work/published") > "$work/publish.log" 2>&1; then
    index="$work/published/latest/index.md"
    cases="$(grep -m 1 ' benchmarks from ' "$index" | sed 's/ from [0-9]* report(s)//; s/\.$//')"
    precision="$(grep -m 1 '^Precision:' "$index" | sed -E 's/.* is (±[0-9.]+%) of its mean, and ([0-9]+ of [0-9]+) cases exceed ±50%.*/precision: median case \1 (99.9 % interval), \2 past ±50 %/')"
    what="$cases${precision:+; $precision}"
else
    what="not published (see the run's output)"
fi
row "$suite${filter:+ -- --filter '$filter'}" "$what"

# The tests: the README's test command, narrowed only with --test-filter.
tests=(dotnet test)
if [ -n "$test_filter" ]; then
    tests+=(--filter "$test_filter")
fi
timed test "${tests[@]}"
# One count over all test assemblies, from each assembly's "Passed!" or "Failed!" line.
counts="$(awk '/(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
    END { printf "%d passed, %d failed, %d skipped", p, f, s }' "$work/test.log")"
row "dotnet test${test_filter:+ --filter '$test_filter'}" "$counts"

{
    echo "# Durations"
    echo
    echo "<!-- Written by scripts/durations.sh: do not edit by hand; run the script on a quiet machine to refresh it. -->"
    echo
    echo "How long the README's two commands take from a fresh clone, build included: each in a clone of its own, one"
    echo "after the other. The numbers go stale with every change to the suite or its tests; \`scripts/durations.sh\` measures"
    echo "them again and rewrites this table. The published runs' own measurements are in [measurements.md](measurements.md)."
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$commit\` on $cores cores ($cpu, $os), .NET SDK $sdk; $cache."
    echo
    echo "| command | wall time | result | what ran | load average (1 min), before → after |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "The nightly's wall time is not recorded by the runs it publishes (\`run.json\` has none), so it is not in this table."
} > "$out"
echo "== wrote $out"
exit "$status"
