#!/usr/bin/env bash
# The paired nightly: head judged against a base built the same night, launch by launch.
# .github/workflows/nightly.yml runs exactly this script on every runner kind.
#
# How a night runs:
#   1. base = NIGHTLY_BASE, else the last commit this machine's gate passed (results/<machine>/gate.json on the results
#      branch); head = NIGHTLY_HEAD, else HEAD; the anchor = results/<machine>/anchor.json (scripts/pin-anchor.sh; pinned
#      automatically on a machine's first night). Each is checked out in a worktree of its own and built there (Release).
#   2. Tonight's cases: the previous night's undecided cases first, then a rotating part of the suite's classes
#      (class i of the sorted list is judged on the nights K with K mod NIGHTLY_PARTS = i mod NIGHTLY_PARTS).
#   3. Round 1: ONE BenchmarkDotNet run of those cases with jobs base-rK and head-rK (NIGHTLY_SLOTS pairs a case, one
#      launch each), each case's base and head launches back to back, the order per slot drawn from the seed
#      (the suite's --paired-base; see benchmarks/AsyncBench.Benchmarks/Running/PairedRun.cs).
#   4. Then, while the budget lasts, `AsyncBench.Publish paired-plan NIGHT --budget-seconds S` names the cases still
#      undecided or needing a confirmation and their pairs, within the seconds left, each case priced by its own launches
#      as tonight's rounds timed them: one more round of those; until it names none or none fits.
#   5. An anchor round pairs head with the anchor over tonight's part (NIGHTLY_ANCHOR_SLOTS pairs): the head ÷ anchor
#      series that `AsyncBench.Publish drift` reads across nights.
#   6. `AsyncBench.Publish paired NIGHT` judges every case and gives the exit code. Head's launches are published as the
#      night's pages (merge-passes, publish), with the history comparison (compare --history) as a report that does not
#      gate. On exit 0 head becomes the last passed commit; what stayed undecided runs first the next night.
#   Without a base (a machine's first night, or a base built with another BenchmarkDotNet) head runs alone and is
#   published; the night exits 0 unless a benchmark failed.
#
# The night's folder (results/<machine>/nights/<date-time>/): paired.json (the manifest the publisher reads),
# rounds/r<K>/results (each round's BenchmarkDotNet reports), plan-<K>.txt, paired.md / judgement.json (the judgement).
#
# Environment (all optional):
#   ASYNCBENCH_MACHINE      the machine kind; results of different machines are kept apart (default: host name)
#   NIGHTLY_BASE            the base commit (a git ref) instead of the last passed one
#   NIGHTLY_HEAD            the head commit (a git ref; default HEAD), e.g. a branch made by scripts/make-slowdown-commit.sh
#   NIGHTLY_ANCHOR          the anchor commit instead of the pinned one (for trials; re-pin with scripts/pin-anchor.sh)
#   NIGHTLY_MINUTES         the night's budget, builds included (default 55: the hour of a 2-core VM, with room to publish)
#   NIGHTLY_PARTS           the rotation: tonight's part of the classes is 1/NIGHTLY_PARTS (default 2: every case every
#                           second night; a round of pairs of the whole suite took 20-28 min on the 2-core VM)
#   NIGHTLY_SLOTS           pairs a case in the first round (default 2)
#   NIGHTLY_ANCHOR_SLOTS    pairs a case in the anchor round (default 1; 0: no anchor round)
#   NIGHTLY_SEED            the seed of the slots' orders (default: the date, yyyymmdd); round K uses seed + K
#   NIGHTLY_FILTER          BenchmarkDotNet --filter patterns, space-separated, narrowing the suite (default '*')
#   NIGHTLY_PROFILE         the suite's --profile for each launch (default nightly-pass: one launch of the nightly job, tiered
#                           compilation off: Profiles.RuntimeSettings)
#   NIGHTLY_JOB             a BenchmarkDotNet job for each paired launch instead of the profile's, e.g. dry: a smoke night
#                           that proves the loop works (its numbers mean nothing; never for a gate)
#   NIGHTLY_THRESHOLD       the slowdown the gate must catch, in percent (default 15)
#   NIGHTLY_RESULTS_BRANCH  keep the history on this git branch (CI: results), see scripts/lib/results.sh
#   NIGHTLY_RESULTS_DIR     its worktree (default .nightly-results); NIGHTLY_RESULTS: the folder without a branch (default results)
#   NIGHTLY_PUSH            'required' (CI): a failed push of the results branch fails the run (exit 3)
#   NIGHTLY_WORK            where the worktrees and builds go (default: a new temporary folder, removed at the end)
# Exit: 0 no benchmark confirmed slower and none failed; 1 a benchmark confirmed slower, or failing in head (that passed
# in base); 2 bad input (an unknown ref, a base or head that does not build, an anchor that is not an ancestor of head,
# a bad setting): one error line, nothing published; 3 the results branch could not be saved (NIGHTLY_PUSH=required).
set -uo pipefail

cd "$(dirname "$0")/.."
source scripts/lib/results.sh

started=$(date +%s)
night=""
bad() { echo "error: $*" >&2; [ -z "$night" ] || rm -rf "$night"; exit 2; }
whole() { [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -ge "$3" ] || bad "$1='$2' must be a whole number from $3; unset it for the default."; }

machine="${ASYNCBENCH_MACHINE:-$(hostname)}"
export ASYNCBENCH_MACHINE="$machine"
minutes="${NIGHTLY_MINUTES:-55}";        whole NIGHTLY_MINUTES "$minutes" 5
parts="${NIGHTLY_PARTS:-2}";             whole NIGHTLY_PARTS "$parts" 1
slots="${NIGHTLY_SLOTS:-2}";             whole NIGHTLY_SLOTS "$slots" 1
anchor_slots="${NIGHTLY_ANCHOR_SLOTS:-1}"; whole NIGHTLY_ANCHOR_SLOTS "$anchor_slots" 0
seed="${NIGHTLY_SEED:-$(date -u +%Y%m%d)}"; whole NIGHTLY_SEED "$seed" 0
threshold="${NIGHTLY_THRESHOLD:-15}"
[[ "$threshold" =~ ^[0-9]+([.][0-9]+)?$ ]] || bad "NIGHTLY_THRESHOLD='$threshold' must be a percent, e.g. 15."
profile="${NIGHTLY_PROFILE:-nightly-pass}"
job=()
if [ -n "${NIGHTLY_JOB:-}" ]; then job=(--job "$NIGHTLY_JOB"); fi
filter="${NIGHTLY_FILTER:-*}"
read -r -a filters <<< "$filter"   # several patterns, split on spaces, never expanded against the file system

# --- the commits: every ref is checked before anything is built or published -------------------------------------
commit_of() { git rev-parse --verify --quiet "$1^{commit}"; }
head_ref="${NIGHTLY_HEAD:-HEAD}"
head_commit="$(commit_of "$head_ref")" || bad "NIGHTLY_HEAD='$head_ref' is not a commit of this repository; give a branch, tag or commit (fetch it first)."
if [ -n "${NIGHTLY_BASE:-}" ]; then
    base_commit="$(commit_of "$NIGHTLY_BASE")" || bad "NIGHTLY_BASE='$NIGHTLY_BASE' is not a commit of this repository; give a branch, tag or commit (in CI: fetch-depth 0), or unset it to pair with the last passed commit."
fi

open_results || exit 2
gate_file="$out/gate.json"
anchor_file="$out/anchor.json"
base_reason=none
if [ -n "${NIGHTLY_BASE:-}" ]; then
    base_reason=NIGHTLY_BASE
    base_ref="$NIGHTLY_BASE"
elif last="$(json_field "$gate_file" lastPassed)" && [ -n "$last" ]; then
    base_commit="$(commit_of "$last")" || bad "the last passed commit $last ($gate_file) is not in this repository: fetch the whole history (CI: fetch-depth 0), or set NIGHTLY_BASE."
    base_reason=last-passed
    base_ref="$last"
fi

anchor_reason=""
anchor_pinned=""
if [ -n "${NIGHTLY_ANCHOR:-}" ]; then
    anchor_commit="$(commit_of "$NIGHTLY_ANCHOR")" || bad "NIGHTLY_ANCHOR='$NIGHTLY_ANCHOR' is not a commit of this repository."
    anchor_reason="NIGHTLY_ANCHOR"
elif pinned="$(json_field "$anchor_file" commit)" && [ -n "$pinned" ]; then
    anchor_commit="$(commit_of "$pinned")" || bad "the pinned anchor $pinned ($anchor_file) is not in this repository: fetch the whole history (CI: fetch-depth 0), or re-pin it with scripts/pin-anchor.sh."
    anchor_reason="$(json_field "$anchor_file" why)"
    anchor_pinned="$(json_field "$anchor_file" pinnedOn)"
fi
if [ -n "${anchor_commit:-}" ] && ! git merge-base --is-ancestor "$anchor_commit" "$head_commit"; then
    bad "the anchor ${anchor_commit:0:12} is not an ancestor of head ${head_commit:0:12}: its series would compare another line of history. Re-pin it on head's line (scripts/pin-anchor.sh REF WHY) or set NIGHTLY_ANCHOR."
fi
export ASYNCBENCH_COMMIT="${head_commit:0:12}"

# --- build each commit in a worktree of its own ---------------------------------------------------------------------
work="${NIGHTLY_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/asyncbench-nightly.XXXXXX")}"
mkdir -p "$work" || bad "NIGHTLY_WORK='$work' cannot be created."
trees=()
cleanup() {
    local tree
    for tree in ${trees[@]+"${trees[@]}"}; do git worktree remove --force "$tree" >/dev/null 2>&1; done
    git worktree prune
    [ -n "${NIGHTLY_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

anchor_dir="$work/anchor"
# build NAME COMMIT: a worktree in $work/NAME at COMMIT with the suite built (Release); false when it does not build.
build() {
    local dir="$work/$1"
    git worktree add --quiet --detach "$dir" "$2" >/dev/null 2>&1 || { echo "   could not check out $2 in $dir" >&2; return 1; }
    trees+=("$dir")
    echo "== build $1 (${2:0:12}) in $dir"
    dotnet build -c Release --nologo -v quiet "$dir/benchmarks/AsyncBench.Benchmarks" > "$work/build-$1.log" 2>&1 \
        || { tail -n 20 "$work/build-$1.log" >&2; return 1; }
}

# The base first: a base that does not build is the night's bad input, found before head's build is spent.
bdn_version() { git show "$1:Directory.Packages.props" 2>/dev/null | sed -n 's/.*PackageVersion Include="BenchmarkDotNet" Version="\([^"]*\)".*/\1/p'; }
base_note=""
if [ "$base_reason" != none ]; then
    build base "$base_commit" || bad "the base ${base_commit:0:12} ($base_reason: $base_ref) does not build (see above); set NIGHTLY_BASE to a commit that builds. Nothing was published."
    if [ "$(bdn_version "$base_commit")" != "$(bdn_version "$head_commit")" ]; then
        base_note="base's BenchmarkDotNet $(bdn_version "$base_commit") differs from head's $(bdn_version "$head_commit"): not comparable, head runs alone tonight"
        echo "== $base_note"
        base_reason=none
    fi
fi
if [ -n "${anchor_commit:-}" ] && [ "$anchor_slots" -gt 0 ] && [ "$base_reason" != none ]; then
    if [ "$anchor_commit" = "$base_commit" ]; then
        anchor_dir="$work/base"   # the same commit: its build serves both rounds
    else
        build anchor "$anchor_commit" || bad "the anchor ${anchor_commit:0:12} does not build (see above); re-pin it (scripts/pin-anchor.sh). Nothing was published."
    fi
    [ "$(bdn_version "$anchor_commit")" = "$(bdn_version "$head_commit")" ] || { echo "== the anchor's BenchmarkDotNet differs from head's: no anchor round tonight (re-pin the anchor)."; anchor_slots=0; }
fi

build head "$head_commit" || bad "head ${head_commit:0:12} does not build (see above); fix the build, nothing was published."
dotnet build -c Release --nologo -v quiet "$work/head/scripts/AsyncBench.Publish" > "$work/build-publisher.log" 2>&1 \
    || { tail -n 20 "$work/build-publisher.log" >&2; bad "head's publisher does not build (see above); nothing was published."; }
publish() { dotnet run -c Release --no-build --project "$work/head/scripts/AsyncBench.Publish" -- "$@"; }
suite() { (cd "$work/head" && dotnet run -c Release --no-build --project benchmarks/AsyncBench.Benchmarks -- "$@"); }

# --- tonight's cases --------------------------------------------------------------------------------------------------
nights_before="$(json_field "$gate_file" nights)"
night_number=$(( ${nights_before:-0} + 1 ))
part=$(( night_number % parts ))
mapfile -t classes < <(suite --profile "$profile" --list flat --filter "${filters[@]}" 2>/dev/null | grep -E '^[A-Za-z_][A-Za-z0-9_.]*$' | sed 's/\.[^.]*$//' | sort -u)
[ "${#classes[@]}" -gt 0 ] || bad "NIGHTLY_FILTER='$filter' selects no benchmark of head; see: dotnet run --project benchmarks/AsyncBench.Benchmarks -- --list flat."
[ "$parts" -le "${#classes[@]}" ] || bad "NIGHTLY_PARTS=$parts is more than the ${#classes[@]} class(es) NIGHTLY_FILTER selects: some nights would judge nothing. Use at most ${#classes[@]}."
tonight=()
for i in "${!classes[@]}"; do
    if [ $(( i % parts )) -eq "$part" ]; then tonight+=("${classes[$i]}"); fi
done
# The previous night's undecided cases, one --filter glob a line in gate.json's "undecided" list.
mapfile -t undecided < <(json_list "$gate_file" undecided)

stamp="$(date -u +%Y%m%d-%H%M%S)"
night="$out/nights/$stamp"
[ ! -e "$night" ] || { night=""; bad "the night's folder exists already; wait a second and run again."; }
mkdir -p "$night/rounds" || bad "cannot create the night's folder $night."
echo "== night $night_number of $machine: head ${head_commit:0:12}, base ${base_commit:0:12} ($base_reason), anchor ${anchor_commit:-none}; part $((part + 1)) of $parts: ${#tonight[@]} of ${#classes[@]} classes, ${#undecided[@]} undecided case(s) from the previous night first"

# plan FILE PAIRS [UNDECIDED]: tonight's classes (after the previous night's undecided cases), each case with PAIRS pairs.
first_plan() {
    { if [ -n "${3:-}" ]; then for case in ${undecided[@]+"${undecided[@]}"}; do printf '%s\t%s\n' "$case" "$2"; done; fi
      for class in "${tonight[@]}"; do printf '%s.*\t%s\n' "$class" "$2"; done; } > "$1"
}

# --- the manifest (format 1, see the publisher's paired verbs) ------------------------------------------------------
rounds_json=()
write_manifest() {
    local m="$night/paired.json" i
    {
        printf '{\n  "format": 1,\n  "machine": "%s",\n  "seed": %s,\n  "thresholdPercent": %s,\n' "$(json_escape "$machine")" "$seed" "$threshold"
        if [ "$base_reason" = none ]; then
            printf '  "base": { "ref": "", "commit": "", "reason": "none", "note": "%s" },\n' "$(json_escape "$base_note")"
        else
            printf '  "base": { "ref": "%s", "commit": "%s", "reason": "%s" },\n' "$(json_escape "$base_ref")" "$base_commit" "$base_reason"
        fi
        printf '  "head": { "ref": "%s", "commit": "%s" },\n' "$(json_escape "$head_ref")" "$head_commit"
        if [ -n "${anchor_commit:-}" ]; then
            printf '  "anchor": { "commit": "%s", "pinnedOn": "%s", "reason": "%s" },\n' "$anchor_commit" "$(json_escape "$anchor_pinned")" "$(json_escape "$anchor_reason")"
        fi
        printf '  "rotation": { "scheme": "classes sorted by name, class i judged on nights K with K mod parts = i mod parts; the previous night'"'"'s undecided cases first", "night": %s, "parts": %s, "classes": %s, "undecidedFirst": %s, "tonight": [' "$night_number" "$parts" "${#classes[@]}" "${#undecided[@]}"
        for i in "${!tonight[@]}"; do printf '%s"%s"' "$([ "$i" -gt 0 ] && echo ', ')" "${tonight[$i]}"; done
        printf '] },\n  "rounds": ['
        for i in "${!rounds_json[@]}"; do printf '%s\n%s' "$([ "$i" -gt 0 ] && echo ',')" "${rounds_json[$i]}"; done
        printf '\n  ]\n}\n'
    } > "$m"
}

# round K PURPOSE SIDE(base|anchor) PLAN: one paired BenchmarkDotNet run; its reports in rounds/rK, its record in the manifest.
head_launches=()
bench_status=0
round_seconds=()
round_launches=()
round() {
    local k="$1" purpose="$2" side="$3" plan="$4" artifacts="$work/r$1" t0 status
    t0=$(date +%s)
    echo "== round $k ($purpose, head-$side): $(grep -cv '^#' "$plan") plan line(s), seed $((seed + k))"
    local other="$work/$side"
    if [ "$side" = anchor ]; then other="$anchor_dir"; fi
    suite --profile "$profile" ${job[@]+"${job[@]}"} "--paired-$side" "$other" --paired-slots 1 --paired-seed $((seed + k)) --paired-cases "$plan" --artifacts "$artifacts"
    status=$?
    if [ "$status" -eq 2 ]; then
        bad "the suite refused round $k (see above); nothing was published."
    fi
    [ "$status" -eq 0 ] || bench_status=$status
    if [ ! -f "$artifacts/paired-round.json" ]; then
        bad "round $k left no record ($artifacts/paired-round.json): no benchmark ran (see above)."
    fi
    mkdir -p "$night/rounds/r$k"
    cp -r "$artifacts/results" "$night/rounds/r$k/results"
    local d
    for d in "$artifacts/head-launches"/r*; do head_launches+=("$d"); done
    rounds_json+=("$(printf '    { "round": %s, "purpose": "%s", "reports": "rounds/r%s/results", ' "$k" "$purpose" "$k"; tail -c +2 "$artifacts/paired-round.json" | sed 's/^/    /')")
    write_manifest
    round_seconds+=($(( $(date +%s) - t0 )))
    round_launches+=("$(cat "$artifacts"/results/*-report-full.json | grep -c '"Measurements"')")
}

# The seconds a pair takes (two launches): the first round's seconds per launch, builds included. Only the anchor round is
# priced so (it runs round 1's cases again); a later round is priced case by case (paired-plan --budget-seconds).
pair_seconds() {
    local per=$(( round_seconds[0] / (round_launches[0] > 0 ? round_launches[0] : 1) ))
    echo $(( 2 * (per > 0 ? per : 1) ))
}
# The seconds a round of PAIRS pairs would take: 90 s to start plus its pairs.
round_estimate() { echo $(( 90 + $1 * $(pair_seconds) )); }
left() { echo $(( started + minutes * 60 - $(date +%s) )); }
# The seconds the anchor round would take. Its plan's lines are whole classes, not cases (estimate would count one pair
# a class), so count their cases in round 1's reports, where each of tonight's classes ran whole.
anchor_estimate() {
    local class report cases=0
    for class in "${tonight[@]}"; do
        report="$work/r1/results/$class-report-full.json"
        [ -f "$report" ] && cases=$(( cases + $(grep -o '"FullName": *"[^"]*"' "$report" | sort -u | wc -l) ))
    done
    round_estimate $(( cases * anchor_slots ))
}

judge_status=0
leftover=()
if [ "$base_reason" = none ]; then
    echo "== no base: ${base_note:-the first night of $machine}; head runs alone over tonight's part and is published (nothing is judged)."
    globs=()
    for class in "${tonight[@]}"; do globs+=("$class.*"); done
    for p in 1 2; do
        suite --profile nightly-pass --pass "$p" --passes 2 --filter "${globs[@]}" --artifacts "$work/alone-$p"
        status=$?
        [ "$status" -ne 2 ] || bad "the suite refused the run (see above); nothing was published."
        [ "$status" -eq 0 ] || bench_status=$status
        [ -d "$work/alone-$p/results" ] && head_launches+=("$work/alone-$p/results")
    done
    write_manifest
else
    # Round 1: every case of tonight's part (and the previous night's undecided ones), NIGHTLY_SLOTS pairs each.
    first_plan "$night/plan-1.txt" "$slots" undecided
    round 1 first base "$night/plan-1.txt"
    prior=()
    [ -f "$out/paired-prior.json" ] && prior=(--prior "$out/paired-prior.json")
    anchor_reserve=0
    if [ -n "${anchor_commit:-}" ] && [ "$anchor_slots" -gt 0 ]; then
        first_plan "$work/anchor-plan.txt" "$anchor_slots"
        anchor_reserve=$(anchor_estimate)
        echo "== the anchor round (tonight's part, $anchor_slots pair(s) a case) would take about $anchor_reserve s: kept from the rounds below"
    fi
    # More rounds while the budget lasts: what paired-plan names, most valuable first.
    k=2
    while :; do
        publish paired-plan "$night" ${prior[@]+"${prior[@]}"} > "$night/plan-$k.txt"
        status=$?
        [ "$status" -eq 0 ] || bad "paired-plan could not read the night (exit $status, see above)."
        mapfile -t leftover < <(grep -v '^#' "$night/plan-$k.txt" | grep -v '^[[:space:]]*$' | cut -f1)
        if [ "${#leftover[@]}" -eq 0 ]; then
            echo "== every case is decided after $((k - 1)) round(s)."
            rm -f "$night/plan-$k.txt"
            break
        fi
        # The round within what is left (the anchor round and publishing reserved), each case priced by its own launches
        # as tonight's rounds timed them: a round of long HTTP launches is not priced at the night's mean launch.
        avail=$(( $(left) - anchor_reserve - 180 ))
        if [ "$avail" -le 120 ]; then
            echo "== budget: $(left) s are left (the anchor round and publishing reserved): ${#leftover[@]} case(s) stay undecided and run first next night."
            break
        fi
        publish paired-plan "$night" --budget-seconds "$avail" ${prior[@]+"${prior[@]}"} > "$night/plan-$k.txt" || bad "paired-plan could not read the night (see above)."
        planned=$(grep -v '^#' "$night/plan-$k.txt" | grep -cv '^[[:space:]]*$')
        if [ "$planned" -eq 0 ]; then
            echo "== budget: no case of round $k fits in the $avail s left; ${#leftover[@]} case(s) stay undecided and run first next night."
            rm -f "$night/plan-$k.txt"
            break
        fi
        [ "$planned" -eq "${#leftover[@]}" ] || echo "== budget: round $k measures the $planned case(s) of ${#leftover[@]} that fit in $avail s, most decided per second first; the rest wait for a later round or the next night."
        round "$k" more base "$night/plan-$k.txt"
        k=$((k + 1))
    done
    if [ "$anchor_reserve" -gt 0 ]; then
        if [ $(( anchor_reserve + 120 )) -le "$(left)" ]; then
            round "$k" first anchor "$work/anchor-plan.txt"
            cp "$work/anchor-plan.txt" "$night/plan-$k.txt"
        else
            echo "== budget: no time left for the anchor round tonight."
        fi
    fi
    echo "== the judgement: paired $night (threshold $threshold %)"
    publish paired "$night" --threshold "$threshold" ${prior[@]+"${prior[@]}"} --json "$night/judgement.json" > "$night/paired.md"
    judge_status=$?
    cat "$night/paired.md"
    [ "$judge_status" -ne 2 ] || bad "paired could not read the night $night (see above)."
    # The cases still undecided run first next night: the judgement's list (full names, each its own --filter glob),
    # after every round (the last plan's lines would name cases its round has decided since).
    mapfile -t leftover < <(json_list "$night/judgement.json" undecided)
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$night/paired.md" >> "$GITHUB_STEP_SUMMARY"; fi
fi

# --- publish head's launches as the night's pages, with the history comparison (does not gate) -----------------------
mkdir -p "$out"
previous="$(latest_run_of "$out" "${tonight[@]}")"
if [ "${#head_launches[@]}" -gt 1 ]; then
    publish merge-passes "${head_launches[@]}" --out "$work/merged" || bad "merge-passes could not join head's launches (see above)."
    reports="$work/merged"
else
    reports="${head_launches[0]}"
fi
echo "== publish head's launches into $out"
publish publish "$reports" --out "$out" || bad "publish could not read head's reports (see above)."
new_run="$(find "$out" -mindepth 1 -maxdepth 1 -type d -name '20*' | sort | tail -n 1)"
cp "$night/paired.md" "$new_run/paired.md" 2>/dev/null || true
if [ -n "${GITHUB_OUTPUT:-}" ]; then printf 'run_dir=%s\nnight_dir=%s\n' "$new_run" "$night" >> "$GITHUB_OUTPUT"; fi
if [ -n "$previous" ] && [ "$previous" != "$new_run" ]; then
    echo "== the history comparison (does not gate the night: another machine's days differ; the pairs above decide): $previous -> $new_run"
    publish compare "$previous" "$new_run" --threshold "$threshold" --history "$out" --json "$new_run/comparison.json" > "$new_run/comparison.md"
    { printf '> The history comparison: earlier nights of this machine, for trends; it does not gate the night (paired.md does).\n\n'
      cat "$new_run/comparison.md"; } > "$work/comparison.md" && mv "$work/comparison.md" "$new_run/comparison.md"
    cp "$new_run/comparison.md" "$new_run/comparison.json" "$out/latest/" 2>/dev/null || true
fi

# --- the exit code, and the state the next night starts from -----------------------------------------------------------
status=0
if [ "$judge_status" -ne 0 ]; then status=1; fi
if [ "$bench_status" -ne 0 ]; then status=1; fi
last_passed="$(json_field "$gate_file" lastPassed)"
last_passed_on="$(json_field "$gate_file" lastPassedOn)"
if [ "$status" -eq 0 ]; then last_passed="$head_commit"; last_passed_on="$stamp"; fi
{
    printf '{\n  "format": 1,\n  "machine": "%s",\n  "lastPassed": "%s",\n  "lastPassedOn": "%s",\n  "nights": %s,\n  "lastNight": "%s",\n  "lastExit": %s,\n  "undecided": [\n' \
        "$(json_escape "$machine")" "$last_passed" "$last_passed_on" "$night_number" "$stamp" "$status"
    for i in "${!leftover[@]}"; do printf '    "%s"%s\n' "$(json_escape "${leftover[$i]}")" "$([ "$i" -lt $(( ${#leftover[@]} - 1 )) ] && echo ',')"; done
    printf '  ]\n}\n'
} > "$gate_file"
if [ -z "${anchor_commit:-}" ] && [ "$status" -eq 0 ]; then
    # A machine's first passed night pins its anchor (re-pin on record with scripts/pin-anchor.sh).
    printf '{\n  "commit": "%s",\n  "pinnedOn": "%s",\n  "by": "scripts/nightly.sh",\n  "why": "pinned automatically: the first passed night of %s"\n}\n' \
        "$head_commit" "$stamp" "$(json_escape "$machine")" > "$anchor_file"
    echo "== anchor pinned: ${head_commit:0:12} (the first passed night of $machine)"
fi

save_results "nightly: $machine at ${head_commit:0:12} against ${base_commit:0:12} ($base_reason), exit $status ($stamp)"
if [ "$save_status" -ne 0 ]; then exit "$save_status"; fi
if [ "$bench_status" -ne 0 ]; then echo "error: at least one benchmark failed (see the published pages' 'Failed benchmarks')." >&2; fi
if [ "$judge_status" -ne 0 ]; then echo "error: a benchmark is confirmed slower, or fails in head only (see $night/paired.md)." >&2; fi
[ "$status" -ne 0 ] || echo "== nightly passed: nothing confirmed slower; head ${head_commit:0:12} is the next night's base."
exit "$status"
