#!/usr/bin/env bash
# Makes a fault-injection commit for a power trial of the paired nightly: on a new throwaway branch from HEAD, a commit
# that adds benchmarks/AsyncBench.Benchmarks/Faults/InjectedSlowdown.txt, slowing N benchmark methods by PERCENT % in
# their own build only (every case of a drawn method; see Faults/InjectedSlowdown.cs). The methods are drawn with SEED
# from every workload in turn (the namespaces under AsyncBench.Benchmarks, canaries left out), so the draw is stated
# before the night and not chosen. The gate reads no declaration of it; trials tabulate the sidecar's percent afterwards.
#
#   scripts/make-slowdown-commit.sh SEED PERCENT N
#
# Prints the branch (slowdown/s<SEED>-p<PERCENT>-n<N>) and the night to run with it, e.g.
#   NIGHTLY_BASE=HEAD NIGHTLY_HEAD=slowdown/s7-p15-n24 scripts/nightly.sh
# The working tree is not touched (the commit is made in a temporary worktree). Exit 2 on bad input.
set -uo pipefail

cd "$(dirname "$0")/.."
usage="Usage: scripts/make-slowdown-commit.sh SEED PERCENT N, e.g. scripts/make-slowdown-commit.sh 7 15 24"
if [ $# -ne 3 ] || ! [[ "$1" =~ ^[0-9]+$ ]] || ! [[ "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] || ! [[ "$3" =~ ^[1-9][0-9]*$ ]]; then
    echo "error: give a seed (whole number), a percent and how many benchmark methods to slow. $usage" >&2
    exit 2
fi
seed="$1" percent="$2" n="$3"
branch="slowdown/s$seed-p$percent-n$n"
if git rev-parse --verify --quiet "refs/heads/$branch" >/dev/null; then
    echo "error: the branch '$branch' exists; delete it (git branch -D $branch) or choose another seed." >&2
    exit 2
fi
file=benchmarks/AsyncBench.Benchmarks/Faults/InjectedSlowdown.txt
if [ -e "$file" ]; then
    echo "error: HEAD already commits $file; start from a commit without fault injection." >&2
    exit 2
fi

# The suite's benchmark methods as the nightly measures them (its profile's cut), by workload.
dotnet build -c Release --nologo -v quiet benchmarks/AsyncBench.Benchmarks > /dev/null || { echo "error: the suite does not build." >&2; exit 2; }
mapfile -t methods < <(dotnet run -c Release --no-build --project benchmarks/AsyncBench.Benchmarks -- --profile nightly-pass --list flat 2>/dev/null \
    | grep -E '^AsyncBench\.Benchmarks\.[A-Za-z0-9_.]+$' | grep -v '\.Canaries\.' | sort -u)
[ "${#methods[@]}" -ge "$n" ] || { echo "error: the suite has ${#methods[@]} benchmark methods; N=$n is more." >&2; exit 2; }

# A linear congruential generator in shell arithmetic: the same draw from the same seed on every machine.
state=$seed
next() { state=$(( (state * 1103515245 + 12345) % 2147483648 )); }
mapfile -t workloads < <(printf '%s\n' "${methods[@]}" | cut -d. -f3 | sort -u)
declare -A pool
for w in "${workloads[@]}"; do
    mapfile -t of < <(printf '%s\n' "${methods[@]}" | grep "^AsyncBench\.Benchmarks\.$w\.")
    for (( i = ${#of[@]} - 1; i > 0; i-- )); do next; j=$(( state % (i + 1) )); t="${of[$i]}"; of[$i]="${of[$j]}"; of[$j]="$t"; done
    pool[$w]="$(printf '%s\n' "${of[@]}")"
done
drawn=()
while [ "${#drawn[@]}" -lt "$n" ]; do
    for w in "${workloads[@]}"; do
        [ "${#drawn[@]}" -lt "$n" ] || break
        first="$(printf '%s\n' "${pool[$w]}" | sed -n 1p)"
        [ -n "$first" ] || continue
        drawn+=("$first")
        pool[$w]="$(printf '%s\n' "${pool[$w]}" | sed 1d)"
    done
done

tree="$(mktemp -d "${TMPDIR:-/tmp}/asyncbench-slowdown.XXXXXX")"
cases="$(mktemp "${TMPDIR:-/tmp}/asyncbench-cases.XXXXXX")"
trap 'git worktree remove --force "$tree" >/dev/null 2>&1; git worktree prune; rm -rf "$tree" "$cases" "$cases.d"' EXIT
# Every case's full name (the declarations sidecars): a rule must match a case, and a method without parameters has
# no '(...)' in its name.
dotnet run -c Release --no-build --project benchmarks/AsyncBench.Benchmarks -- --export-declarations "$cases.d" > /dev/null \
    || { echo "error: the suite could not list its cases (--export-declarations)." >&2; exit 2; }
cat "$cases.d"/*.json | grep -o '"FullName": *"[^"]*"' | sed 's/^"FullName": *"//; s/"$//' | sort -u > "$cases"
git worktree add --quiet -b "$branch" "$tree" HEAD || exit 2
{
    echo "# Fault injection for a power trial of the paired nightly (scripts/make-slowdown-commit.sh $seed $percent $n):"
    echo "# $n benchmark methods drawn with seed $seed from every workload in turn, each case of them $percent % slower in this build."
    echo "# Never merge this commit."
    for m in "${drawn[@]}"; do
        # A rule names cases: 'Type.Method' for a method without parameters, 'Type.Method(*' (each of its cases) else.
        if grep -qxF "$m" "$cases"; then printf '%s=%s\n' "$m" "$percent"; else printf '%s(*=%s\n' "$m" "$percent"; fi
    done
} > "$tree/$file"
git -C "$tree" add "$file"
git -C "$tree" -c user.name="${GIT_AUTHOR_NAME:-asyncbench-trials}" -c user.email="${GIT_AUTHOR_EMAIL:-asyncbench-trials@users.noreply.github.com}" \
    commit --quiet -m "Fault injection (trial, never merge): $n methods $percent % slower, seed $seed" || exit 2
echo "== $branch: $(git rev-parse --short=12 "$branch"), $n methods $percent % slower:"
printf '   %s\n' "${drawn[@]}"
echo "Run the power night: NIGHTLY_BASE=$(git rev-parse --short=12 HEAD) NIGHTLY_HEAD=$branch scripts/nightly.sh"
