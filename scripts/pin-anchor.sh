#!/usr/bin/env bash
# Pins (or re-pins) the machine's anchor: the fixed commit each paired night also pairs head with, over a rotating part
# of the cases, so the series head ÷ anchor across nights carries no day term (AsyncBench.Publish drift reads it).
# Re-pin rarely, and on record: the file says who, when and why, and the results branch keeps every earlier pin.
#
#   scripts/pin-anchor.sh REF WHY...
#
# Writes results/<machine>/anchor.json where scripts/nightly.sh reads it (the same ASYNCBENCH_MACHINE,
# NIGHTLY_RESULTS_BRANCH / NIGHTLY_RESULTS_DIR / NIGHTLY_RESULTS and NIGHTLY_PUSH), and commits it to the results branch.
# The anchor must be an ancestor of the nights' head (checked each night). Exit 2 on bad input.
set -uo pipefail

cd "$(dirname "$0")/.."
source scripts/lib/results.sh

if [ $# -lt 2 ]; then
    echo "error: give the commit to pin and why, e.g. scripts/pin-anchor.sh v1.4 'release 1.4: the series restarts here'." >&2
    exit 2
fi
commit="$(git rev-parse --verify --quiet "$1^{commit}")" || { echo "error: '$1' is not a commit of this repository; give a branch, tag or commit." >&2; exit 2; }
if ! git merge-base --is-ancestor "$commit" HEAD; then
    echo "error: '$1' (${commit:0:12}) is not an ancestor of HEAD: the nights' head would not descend from it. Pin a commit on this line of history." >&2
    exit 2
fi
shift
why="$*"
machine="${ASYNCBENCH_MACHINE:-$(hostname)}"
open_results || exit 2
mkdir -p "$out"
previous="$(json_field "$out/anchor.json" commit)"
by="$(git config user.name || true)"
printf '{\n  "commit": "%s",\n  "pinnedOn": "%s",\n  "by": "%s",\n  "why": "%s",\n  "previous": "%s"\n}\n' \
    "$commit" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(json_escape "${by:-$USER}")" "$(json_escape "$why")" "$previous" > "$out/anchor.json"
echo "== anchor of $machine pinned: ${commit:0:12}${previous:+ (was ${previous:0:12})}: $why"
save_results "anchor: $machine pinned at ${commit:0:12}: $why"
exit "$save_status"
