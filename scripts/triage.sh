#!/usr/bin/env bash
# triage.sh - reproduce the whole-tree triage of kpreempt's findings.
#
# Usage: scripts/triage.sh TREE [REPORT.json]
#
# 1. Unless REPORT.json exists, builds kpreempt and runs it at the tree
#    root (every rule, the whole program; facts in a store beside the
#    report), writing REPORT.json (default:
#    $TMPDIR/kpreempt-triage/report.json). It checks every kernel unit of
#    TREE/compile_commands.json (host programs skipped), or with
#    TRIAGE_EVERY=N every Nth in the database's order, evenly over the
#    tree; with a store the whole tree filled, those units are analysed
#    in the program of all the others (run it once without TRIAGE_EVERY,
#    or `kpreempt summarize` at the root, to fill it).
# 2. Counts the findings per rule, and per 10,000 lines of the .c units
#    checked.
# 3. Draws the stratified sample (seeded: TRIAGE_SEED, default 12): every
#    finding of a rule with at most 25, else 25 + one per 50 findings,
#    drawn at random among the rule's findings in file/line order, from
#    a generator of the seed and the rule's name (since the twenty-eighth
#    triage; before it, one generator for the rules in turn, so that a
#    rule's draw moved when an earlier rule's count did).
#    Then the findings per rule and per model (the kinds of kernel each
#    holds on: both, rt, classic; the run checks for both unless the
#    tree's .config says otherwise).
# 4. Joins the verdicts recorded in testdata/triage/verdicts.tsv, then
#    those of earlier triages (verdicts-COMMIT.tsv) (by file, rule,
#    function and message; the line may have moved) and prints, per
#    rule: findings, per 10k lines, sampled, judged, real / by design /
#    false, precision (real bugs among the judged), and the false reports
#    extrapolated to the whole tree, per 50,000 lines.
#    The sample, with the verdicts found, goes to REPORT.sample.tsv; rows
#    without a verdict are the ones still to read.
set -euo pipefail

die() { printf 'triage.sh: ERROR: %s\n' "$*" >&2; exit 2; }

(($# >= 1)) || die "usage: $0 TREE [REPORT.json]"
case $1 in -h | --help) sed -n '2,26p' "$0" >&2; exit 0 ;; esac
TREE=$(cd "$1" 2>/dev/null && pwd -P) || die "no such tree: $1"
[[ -s $TREE/compile_commands.json ]] ||
	die "$TREE/compile_commands.json is missing (scripts/kernel-fixture.sh --full builds it)"
command -v python3 >/dev/null || die "python3 is required"
REPO=$(cd "$(dirname "$0")/.." && pwd -P)
REPORT=${2:-${TMPDIR:-/tmp}/kpreempt-triage/report.json}
EVERY=${TRIAGE_EVERY:-1}
[[ $EVERY =~ ^[1-9][0-9]*$ ]] || die "TRIAGE_EVERY=$EVERY: want a positive number"
mkdir -p "$(dirname "$REPORT")"
UNITS=$(dirname "$REPORT")/units.txt
# The kernel units, every EVERY-th, as paths relative to the tree.
python3 - "$TREE" "$EVERY" >"$UNITS" <<'PY'
import json, os, shlex, sys
tree, every = sys.argv[1], int(sys.argv[2])
with open(os.path.join(tree, "compile_commands.json")) as f:
    db = json.load(f)
units = []
for e in db:
    args = e.get("arguments") or shlex.split(e["command"])
    if "-D__KERNEL__" in args and e["file"].endswith(".c"):
        units.append(os.path.relpath(os.path.join(e["directory"], e["file"]), tree))
for u in units[::every]:
    print(u)
PY

if [[ ! -s $REPORT ]]; then
	out=$(dirname "$REPORT")
	mkdir -p "$out"
	(cd "$REPO" && go build -o "$out/kpreempt" ./cmd/kpreempt) || die "go build failed"
	echo "triage.sh: checking the whole tree (1-2 hours on 2 cores)..." >&2
	rc=0
	paths=()
	((EVERY == 1)) || mapfile -t paths <"$UNITS"
	(cd "$TREE" && "$out/kpreempt" check --stats --facts "$out/facts" --format json -o "$REPORT" "${paths[@]}") || rc=$?
	((rc <= 1)) || die "kpreempt exited $rc"
fi

exec python3 - "$TREE" "$REPORT" "$REPO/testdata/triage/verdicts.tsv" "${TRIAGE_SEED:-12}" "$UNITS" <<'PY'
import collections, csv, json, os, random, sys

tree, report, verdicts_path, seed, units_path = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]

lines = 0
units = 0
with open(units_path) as f:
    for u in f.read().split():
        try:
            with open(os.path.join(tree, u), "rb") as g:
                lines += g.read().count(b"\n")
            units += 1
        except OSError:
            pass

with open(report) as f:
    rep = json.load(f)
findings = rep["findings"]
by_rule = collections.defaultdict(list)
for x in findings:
    by_rule[x["rule"]].append(x)

def key(x):
    return (x["file"], x["rule"], x["function"], x["message"])

# The current verdicts, then those of earlier triages (verdicts-COMMIT.tsv
# beside it) for findings the current ones do not cover.
verdicts = {}
import glob
older = sorted(glob.glob(os.path.join(os.path.dirname(verdicts_path), "verdicts-*.tsv")), reverse=True)
for path in [verdicts_path] + older:
    if not os.path.exists(path):
        continue
    with open(path, newline="") as f:
        for row in csv.DictReader((l for l in f if not l.startswith("#")), delimiter="\t"):
            verdicts.setdefault((row["file"], row["rule"], row["function"], row["message"]), row)

sample = []
for rule in sorted(by_rule):
    xs = sorted(by_rule[rule], key=lambda x: (x["file"], x["line"], x["function"], x["message"]))
    n = len(xs)
    k = n if n <= 25 else 25 + n // 50
    # One generator per rule: a rule's draw does not move when another
    # rule's findings come or go.
    rng = random.Random(f"{seed}:{rule}")
    picked = sorted(rng.sample(range(n), k))
    sample += [xs[i] for i in picked]

out = os.path.splitext(report)[0] + ".sample.tsv"
with open(out, "w", newline="") as f:
    w = csv.writer(f, delimiter="\t", lineterminator="\n")
    w.writerow(["file", "line", "rule", "function", "verdict", "reason", "message"])
    for x in sample:
        v = verdicts.get(key(x), {})
        w.writerow([x["file"], x["line"], x["rule"], x["function"], v.get("verdict", ""), v.get("reason", ""), x["message"]])

print(f"checked: {units} units, {lines:,} lines of .c, {len(findings)} findings "
      f"({len(findings) * 10000 / lines:.2f} per 10,000 lines); {rep['stats'].get('failed_files') and len(rep['stats']['failed_files']) or 0} units failed")
print(f"sample (seed {seed}): {len(sample)} findings -> {out}")
hdr = f"{'rule':20} {'findings':>8} {'per 10k':>8} {'sampled':>7} {'judged':>6} {'real':>4} {'design':>6} {'false':>5} {'precision':>9} {'false/50k (extrap.)':>19}"
print(hdr)
tot_false = 0.0
tot = collections.Counter()
for rule in sorted(by_rule):
    n = len(by_rule[rule])
    s = [x for x in sample if x["rule"] == rule]
    c = collections.Counter(verdicts[key(x)]["verdict"] for x in s if key(x) in verdicts)
    judged = c["real"] + c["by-design"] + c["false"]  # "unsure" is read, not judged
    prec = f"{100 * c['real'] / judged:.0f} %" if judged else "-"
    false_est = n * c["false"] / judged if judged else float("nan")
    if judged:
        tot_false += false_est
    tot.update(c)
    tot["n"] += n
    tot["sampled"] += len(s)
    print(f"{rule:20} {n:8} {n * 10000 / lines:8.2f} {len(s):7} {judged:6} {c['real']:4} {c['by-design']:6} {c['false']:5} {prec:>9} {false_est * 50000 / lines:19.2f}")
judged = tot["real"] + tot["by-design"] + tot["false"]
prec = f"{100 * tot['real'] / judged:.0f} %" if judged else "-"
print(f"{'all':20} {tot['n']:8} {tot['n'] * 10000 / lines:8.2f} {tot['sampled']:7} {judged:6} {tot['real']:4} {tot['by-design']:6} {tot['false']:5} "
      f"{prec:>9} {tot_false * 50000 / lines:19.2f}")
# The kernels each rule's findings hold on (the run's model: rep["model"]).
models = ["both", "rt", "classic"]
print(f"\nper model (run for {rep.get('model', '?')}):")
print(f"{'rule':20} " + " ".join(f"{m:>8}" for m in models))
per = collections.defaultdict(collections.Counter)
for x in findings:
    per[x["rule"]][x.get("model", "both")] += 1
for rule in sorted(per):
    print(f"{rule:20} " + " ".join(f"{per[rule][m]:8}" for m in models))
print(f"{'all':20} " + " ".join(f"{sum(per[r][m] for r in per):8}" for m in models))
PY
