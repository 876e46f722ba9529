# Shared by scripts/nightly.sh and scripts/pin-anchor.sh (sourced, not run): where a machine's history lives.
#
#   open_results         sets results_dir, out (<results>/<machine>) and remote; with NIGHTLY_RESULTS_BRANCH the history
#                        is that git branch, checked out as a worktree in NIGHTLY_RESULTS_DIR (default .nightly-results;
#                        an orphan branch on the first run), fetched from origin when there is one; else the folder
#                        NIGHTLY_RESULTS (default results)
#   save_results MESSAGE commits the results worktree and pushes it to origin (retrying on a race); sets save_status
#                        (3 when NIGHTLY_PUSH=required and the push failed)
#   json_escape TEXT     TEXT as the inside of a JSON string
#   json_field FILE KEY  the value of "KEY": "..." (a string, unescaped) or "KEY": N in a JSON file written by these
#                        scripts (one field a line); empty when absent

#   json_list FILE KEY   the strings of the list "KEY": [ ... ] written one a line (unescaped); nothing for an empty list
#   latest_run_of OUT CLASS...  the newest published run folder in OUT (<date>_<time>_<machine>) whose raw reports hold
#                        one of the classes; empty when none does
json_list() {
    [ -f "$1" ] || return 0
    awk -v key="$2" '
        found && /^ *"([^"\\]|\\.)*",?$/ { item = $0; sub(/^ *"/, "", item); sub(/",?$/, "", item); print item; next }
        found { exit }
        $0 ~ "^ *\"" key "\": *\\[ *$" { found = 1 }' "$1" | sed -e 's/\\"/"/g' -e 's/\\\\/\\/g'
}

json_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g'; }

json_field() {
    [ -f "$1" ] || return 0
    sed -n -E "s/^ *\"$2\": *(\"(.*)\"|([0-9]+)),?$/\\2\\3/p" "$1" | head -n 1 | sed -e 's/\\"/"/g' -e 's/\\\\/\\/g'
}

open_results() {
    branch="${NIGHTLY_RESULTS_BRANCH:-}"
    remote=""
    results_dir=""
    if [ -z "$branch" ]; then
        out="${NIGHTLY_RESULTS:-results}/$machine"
        return 0
    fi
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
        return 2
    fi
    if [ -n "$remote" ] && git fetch --quiet "$remote" "+refs/heads/$branch:refs/remotes/$remote/$branch" 2>/dev/null; then
        git worktree add --quiet -B "$branch" "$results_dir" "$remote/$branch" || return 2
        echo "== results branch '$branch' from $remote, checked out in $results_dir"
    elif git rev-parse --verify --quiet "refs/heads/$branch" >/dev/null; then
        git worktree add --quiet "$results_dir" "$branch" || return 2
        echo "== results branch '$branch' (local), checked out in $results_dir"
    else
        # First run: an orphan branch with nothing but results.
        git worktree add --quiet --detach "$results_dir" HEAD || return 2
        git -C "$results_dir" checkout --quiet --orphan "$branch" && git -C "$results_dir" rm -rfq . || return 2
        echo "== results branch '$branch' created (orphan) in $results_dir: this run starts the history"
    fi
    out="$results_dir/results/$machine"
}

save_results() {
    save_status=0
    [ -n "$branch" ] || return 0
    git -C "$results_dir" add -A results
    local identity=()
    if [ -z "$(git -C "$results_dir" config user.email)" ]; then
        identity=(-c user.name=asyncbench-nightly -c user.email=asyncbench-nightly@users.noreply.github.com)
    fi
    if git -C "$results_dir" ${identity[@]+"${identity[@]}"} commit --quiet -m "$1"; then
        echo "== committed to the results branch '$branch': $1"
    fi
    [ -n "$remote" ] || return 0
    local pushed=no attempt
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
}

# The history comparison needs an earlier run of the same benchmarks. With the rotation, the night before judged the
# other part: comparing with it found no benchmark in common and printed an error line on every night.
latest_run_of() {
    local out="$1" run class
    shift
    while IFS= read -r run; do
        for class in "$@"; do
            if [ -f "$run/raw/$class-report-full.json" ]; then echo "$run"; return 0; fi
        done
    done < <(find "$out" -mindepth 1 -maxdepth 1 -type d -name '20*' | sort -r)
}
