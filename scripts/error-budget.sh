#!/usr/bin/env bash
# The error budget against a real server that is not the mock (issue 28's goal): starts scripts/AsyncBench.FlakyServer
# (every N-th request answered 500, every request waiting L ms), runs the suite's HTTP cases against it
# (ASYNCBENCH_HTTP_URL) once with --error-budget 2% and once with 0.5%, publishes both runs and stops the server.
# With 1 failure in 100: at 2 % every case should be measured with its error rate (Errors [%]) near 1 %; at 0.5 % the
# cases whose failed share passes it fail, each with the budget's message, and the others run. A run with a budget is
# a reviewer's run: the publisher puts it under <out>/reviews/, apart from the machine's history and latest/.
#
#   scripts/error-budget.sh [--out DIR] [--fail-every N] [--latency-ms L] [--port P] [-- SUITE OPTIONS...]
#
#   --out DIR        where the two runs' artifacts and pages go (default: a new temporary folder, printed)
#   --fail-every N   the server fails every N-th request (default 100: 1 %)
#   --latency-ms L   every request waits L ms at the server (default 20)
#   --port P         the server's port (default 0: a free one)
#   SUITE OPTIONS    passed to the suite as they are, e.g. --job dry (a smoke) or --profile full; without a --filter the
#                    run takes every HTTP case (--filter '*HttpBenchmarks*'), without a --profile the sweep's (every Count)
# Exit: 0 both runs finished (the 0.5 % run may have failed cases: that is its outcome, printed); 2 bad input or setup.
set -uo pipefail

cd "$(dirname "$0")/.."
root="$(pwd)"

usage="Usage: scripts/error-budget.sh [--out DIR] [--fail-every N] [--latency-ms L] [--port P] [-- SUITE OPTIONS...]"
out=""
fail_every=100
latency_ms=20
port=0
while [ $# -gt 0 ]; do
    case "$1" in
        --out|--fail-every|--latency-ms|--port)
            if [ $# -lt 2 ] || [ -z "$2" ]; then
                echo "error: $1 needs a value. $usage" >&2
                exit 2
            fi
            case "$1" in
                --out) out="$2" ;;
                --fail-every) fail_every="$2" ;;
                --latency-ms) latency_ms="$2" ;;
                --port) port="$2" ;;
            esac
            shift 2 ;;
        --) shift; break ;;
        *) echo "error: unknown option '$1'. $usage" >&2; exit 2 ;;
    esac
done
suite=("$@")
if ! printf '%s\n' "${suite[@]+"${suite[@]}"}" | grep -q -E '^(--filter|-f|--anyCategories|--allCategories)(=|$)'; then
    suite+=(--filter '*HttpBenchmarks*')
fi
# Every Count, not only the declared setting the quick profile runs: the budget's outcome differs between Count=10 and 100.
if ! printf '%s\n' "${suite[@]+"${suite[@]}"}" | grep -q -E '^--profile(=|$)'; then
    suite+=(--profile sweep)
fi
out="${out:-$(mktemp -d "${TMPDIR:-/tmp}/asyncbench-error-budget.XXXXXX")}"
mkdir -p "$out" || exit 2
out="$(cd "$out" && pwd)"

dotnet build -c Release --nologo -v quiet scripts/AsyncBench.FlakyServer >/dev/null || { echo "error: the flaky server did not build." >&2; exit 2; }
dotnet build -c Release --nologo -v quiet scripts/AsyncBench.Publish >/dev/null || { echo "error: the publisher did not build." >&2; exit 2; }

log="$out/flaky-server.log"
dotnet "$root/scripts/AsyncBench.FlakyServer/bin/Release/net10.0/AsyncBench.FlakyServer.dll" \
    --fail-every "$fail_every" --latency-ms "$latency_ms" --port "$port" >"$log" 2>&1 &
server=$!
stop_server() {
    if kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server" 2>/dev/null
        wait "$server" 2>/dev/null
    fi
}
trap stop_server EXIT

url=""
for _ in $(seq 1 60); do
    url="$(grep -o -m 1 'http://[0-9.:]*/' "$log" 2>/dev/null || true)"
    [ -n "$url" ] && break
    if ! kill -0 "$server" 2>/dev/null; then break; fi
    sleep 0.5
done
if [ -z "$url" ]; then
    echo "error: the flaky server did not start:" >&2
    cat "$log" >&2
    exit 2
fi
head -n 1 "$log"

declare -A status
for budget in 2% 0.5%; do
    name="budget-${budget%\%}pct"
    echo "== $name: the suite's HTTP cases against $url with --error-budget $budget"
    ASYNCBENCH_HTTP_URL="${url}item" dotnet run -c Release --project benchmarks/AsyncBench.Benchmarks -- \
        --error-budget "$budget" --artifacts "$out/$name" "${suite[@]}" >"$out/$name.log" 2>&1
    status[$name]=$?
    if [ "${status[$name]}" -eq 2 ]; then
        echo "error: the suite refused its options (exit 2):" >&2
        grep '^error:' "$out/$name.log" >&2
        exit 2
    fi
    # The run's own verdict: which cases failed past the budget, and why (SuiteRunner's lines), or none.
    sed -n '/^error: .* benchmark(s) failed/,$p' "$out/$name.log"
    echo "== $name: exit ${status[$name]}; the log: $out/$name.log"
    dotnet run -c Release --no-build --project scripts/AsyncBench.Publish -- publish "$out/$name/results" --out "$out/results" \
        || { echo "error: could not publish $name (see above)." >&2; exit 2; }
done

stop_server
trap - EXIT
tail -n 1 "$log"
echo "pages: $out/results/reviews/ (the 2 % run exited ${status[budget-2pct]}, the 0.5 % run ${status[budget-0.5pct]})"
