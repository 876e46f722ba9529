#!/usr/bin/env bash
# Power trials and A/A tabulation from published runs: each RUN is compared with BASE (and the machine's
# history, if given), and the comparisons are tabulated by `AsyncBench.Publish trials`. A RUN whose sidecar
# declares injected slowdowns (the suite's fault-injection setting) is a trial; one without is an A/A pair.
#
#   scripts/gate-trials.sh [--history DIR] [--threshold PCT] [--out DIR] BASE RUN...
#
# BASE and RUN are published run folders (or artifacts folders). Writes <out>/<run>.md and <out>/<run>.json
# per comparison and <out>/trials.md (default out: a new temporary folder, printed). Exit 2 on bad input.
set -uo pipefail

cd "$(dirname "$0")/.."

history=()
threshold=()
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --history) history=(--history "$2"); shift 2 ;;
        --threshold) threshold=(--threshold "$2"); shift 2 ;;
        --out) out="$2"; shift 2 ;;
        -*) echo "error: unknown option '$1'. Usage: scripts/gate-trials.sh [--history DIR] [--threshold PCT] [--out DIR] BASE RUN..." >&2; exit 2 ;;
        *) break ;;
    esac
done
if [ $# -lt 2 ]; then
    echo "error: give a base run and at least one run to compare with it. Usage: scripts/gate-trials.sh [--history DIR] [--threshold PCT] [--out DIR] BASE RUN..." >&2
    exit 2
fi
base="$1"
shift
out="${out:-$(mktemp -d "${TMPDIR:-/tmp}/asyncbench-trials.XXXXXX")}"
mkdir -p "$out" || exit 2

# Build once; every comparison then runs the built publisher.
dotnet build -c Release --nologo -v quiet scripts/AsyncBench.Publish >/dev/null || { echo "error: the publisher did not build." >&2; exit 2; }
publish() { dotnet run -c Release --no-build --project scripts/AsyncBench.Publish -- "$@"; }

files=()
for run in "$@"; do
    name="$(basename "${run%/}")"
    # An artifacts folder's reports are in <run>/results: name the comparison by the run, not by "results".
    if [ "$name" = results ]; then name="$(basename "$(dirname "${run%/}")")"; fi
    publish compare "$base" "$run" ${threshold[@]+"${threshold[@]}"} ${history[@]+"${history[@]}"} --json "$out/$name.json" > "$out/$name.md"
    status=$?
    if [ "$status" -eq 2 ]; then
        echo "error: could not compare '$run' with '$base' (see above)." >&2
        exit 2
    fi
    echo "compared $name: exit $status ($out/$name.md)"
    files+=("$out/$name.json")
done

publish trials "${files[@]}" > "$out/trials.md" || exit 2
cat "$out/trials.md"
echo "written: $out/trials.md"
