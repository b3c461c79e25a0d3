#!/usr/bin/env bash
# config-sample.sh - how much of a configured kernel tree kpreempt reads:
# a reproducible random sample of the .c files the tree's .config compiles,
# checked with the flags kbuild would give them (a dry run of kbuild; the
# tree needs no build and no compile_commands.json).
#
# Usage: scripts/config-sample.sh TREE [N] [SEED]
#
#   TREE   a configured, prepared kernel tree (scripts/kernel-fixture.sh
#          --configs prepares an allmodconfig and a Debian-config one)
#   N      how many files (default 1000)
#   SEED   the sample's seed (default 1)
#
# Writes into ${CONFIG_SAMPLE_OUT:-/tmp/kpreempt-config-sample}/<tree>/:
#   compiled.txt  every .c file the .config compiles: those `make -n`
#                 would compile, and those already built (their .cmd
#                 files name them)
#   sample.txt    the N files chosen
#   chunks/       the sample checked CONFIG_SAMPLE_CHUNK files at a time
#                 (default 1000): report-NNN.json, kpreempt's JSON report
#                 of each chunk (stats.failed_files: what failed), and
#                 time-NNN.txt, /usr/bin/time -v of its run. Run again,
#                 it checks only the chunks that have no report yet.
#                 CONFIG_SAMPLE_JOBS sets kpreempt's -j (default: CPUs).
# and prints one line: files, analysed, failed by cause, wall, peak RSS.
# Nothing is written into TREE (make -n; its compiler probes write into a
# temporary directory).
set -euo pipefail

PROG=${0##*/}
die() { printf '%s: ERROR: %s\n' "$PROG" "$*" >&2; exit 2; }

(($# >= 1 && $# <= 3)) || die "usage: $PROG TREE [N] [SEED]"
TREE=$(cd "$1" && pwd -P) || die "$1 is not a directory"
N=${2:-1000}
SEED=${3:-1}
[[ $N =~ ^[1-9][0-9]*$ ]] || die "N must be a positive number (got '$N')"
[[ $SEED =~ ^[0-9]+$ ]] || die "SEED must be a whole number (got '$SEED')"
[[ -f $TREE/.config && -f $TREE/include/config/auto.conf ]] ||
	die "$TREE is not configured and prepared (make ARCH=... <config> prepare)"
for tool in make python3; do
	command -v "$tool" >/dev/null || die "$tool is not installed"
done

ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
OUT=${CONFIG_SAMPLE_OUT:-/tmp/kpreempt-config-sample}/$(basename "$TREE")
mkdir -p "$OUT"
KPREEMPT=${KPREEMPT:-$OUT/kpreempt}
if [[ -z ${KPREEMPT_BIN:-} ]]; then
	(cd "$ROOT" && go build -o "$KPREEMPT" ./cmd/kpreempt) || die "go build failed"
else
	KPREEMPT=$KPREEMPT_BIN
fi

# The architecture the tree was prepared for, as kbuild wants it on
# every make (else it runs syncconfig again).
# A cross tree also wants the compiler it was configured with (the
# fixture's cross compilers).
arch=x86_64 cross=
grep -q '^CONFIG_ARM64=y' "$TREE/.config" && arch=arm64 cross=aarch64-linux-gnu-
grep -q '^CONFIG_PPC64=y' "$TREE/.config" && arch=powerpc cross=powerpc64le-linux-gnu-
grep -q '^CONFIG_X86_32=y' "$TREE/.config" && arch=i386

# Every compiler command of the whole build, printed, not run: the .c
# files of the sources of the objects it compiles.
if [[ ! -s $OUT/compiled.txt || $TREE/.config -nt $OUT/compiled.txt ]]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	printf '%s: listing what %s compiles (make -n)\n' "$PROG" "$TREE" >&2
	(cd "$TREE" && LC_ALL=C make -n -k -s ARCH=$arch CROSS_COMPILE=$cross TMPOUT="$tmp/" all 2>"$tmp/err" || true) |
		python3 -c '
import os, re, sys
seen = set()
for line in sys.stdin:
    for m in re.finditer(r" -c -o (\S+\.o) (\S+\.c)\b", line):
        src = m.group(2)
        if src.startswith("./"):
            src = src[2:]
        if not src.startswith(("/", "scripts/", "tools/")) and "/" in src:
            seen.add(src)
# make -n prints nothing for an object already built: its .cmd file
# names its source (source_<obj> := <file.c>).
tree = sys.argv[1]
for d, dirs, files in os.walk(tree):
    dirs[:] = [x for x in dirs if x not in (".git", "tools", "scripts", "Documentation", "usr")]
    for f in files:
        if f.startswith(".") and f.endswith(".o.cmd"):
            try:
                with open(os.path.join(d, f), errors="replace") as fh:
                    m = re.search(r"^source_\S+ := (\S+\.c)$", fh.read(), re.M)
            except OSError:
                continue
            if m:
                src = os.path.relpath(os.path.join(tree, m.group(1)), tree) if not m.group(1).startswith("/") else os.path.relpath(m.group(1), tree)
                if not src.startswith(("..", "scripts/", "tools/")) and "/" in src:
                    seen.add(src)
print("\n".join(sorted(seen)))
' "$TREE" >"$OUT/compiled.txt.new"
	mv "$OUT/compiled.txt.new" "$OUT/compiled.txt"
fi
total=$(wc -l <"$OUT/compiled.txt")
((total > 0)) || die "make -n printed no compiler command for $TREE"

# Sources a build generates (crypto/asymmetric_keys/x509.asn1.c) are not
# in a prepared tree: the sample is of the tree's own files.
python3 -c '
import os, random, sys
files = [f for f in open(sys.argv[1]).read().split() if os.path.exists(os.path.join(sys.argv[4], f))]
n, seed = int(sys.argv[2]), int(sys.argv[3])
print("\n".join(sorted(random.Random(seed).sample(files, min(n, len(files))))))
' "$OUT/compiled.txt" "$N" "$SEED" "$TREE" >"$OUT/sample.txt"

printf '%s: checking %d of the %d files %s compiles\n' "$PROG" "$(wc -l <"$OUT/sample.txt")" "$total" "$(basename "$TREE")" >&2

# The sample is checked in chunks of CHUNK files, each with its own
# report-NNN.json and time-NNN.txt: a long run (every file of a tree)
# reports as it goes, and a run started again with the same sample
# skips the chunks that have a report.
CHUNK=${CONFIG_SAMPLE_CHUNK:-1000}
JOBS=${CONFIG_SAMPLE_JOBS:-0}
[[ $CHUNK =~ ^[1-9][0-9]*$ ]] || die "CONFIG_SAMPLE_CHUNK must be a positive number (got '$CHUNK')"
[[ $JOBS =~ ^[0-9]+$ ]] || die "CONFIG_SAMPLE_JOBS must be a whole number (got '$JOBS')"
if ! cmp -s "$OUT/sample.txt" "$OUT/chunks/sample.txt" 2>/dev/null || [[ $(cat "$OUT/chunks/size" 2>/dev/null) != "$CHUNK" ]]; then
	rm -rf "$OUT/chunks"
	mkdir -p "$OUT/chunks"
	split -l "$CHUNK" -d -a 3 "$OUT/sample.txt" "$OUT/chunks/files-"
	echo "$CHUNK" >"$OUT/chunks/size"
	cp "$OUT/sample.txt" "$OUT/chunks/sample.txt"
fi
jobs=()
((JOBS > 0)) && jobs=(-j "$JOBS")
for list in "$OUT"/chunks/files-*; do
	n=${list##*-}
	[[ -s $OUT/chunks/report-$n.json ]] && continue
	set +e
	(cd "$TREE" && /usr/bin/time -v -o "$OUT/chunks/time-$n.txt" "$KPREEMPT" check --stats --no-facts "${jobs[@]}" --format json \
		-o "$OUT/chunks/report-$n.json.new" $(cat "$list") >/dev/null 2>"$OUT/chunks/stderr-$n.txt")
	rc=$?
	set -e
	((rc <= 2)) || { tail -20 "$OUT/chunks/stderr-$n.txt" >&2; die "kpreempt exited $rc on chunk $n (a crash?)"; }
	[[ -s $OUT/chunks/report-$n.json.new ]] || die "kpreempt wrote no report for chunk $n (exit $rc)"
	mv "$OUT/chunks/report-$n.json.new" "$OUT/chunks/report-$n.json"
	printf '%s: chunk %s done (%d files)\n' "$PROG" "$n" "$(wc -l <"$list")" >&2
done

python3 - "$OUT" <<'EOF'
import glob, json, re, sys, collections
out = sys.argv[1]
sample = open(out + "/sample.txt").read().split()
failed, findings, walls, rss = [], 0, 0.0, 0
for path in sorted(glob.glob(out + "/chunks/report-*.json")):
    rep = json.load(open(path))
    failed += rep["stats"].get("failed_files") or []
    findings += len(rep["findings"])
    time = open(path.replace("report-", "time-").replace(".json", ".txt")).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", time).group(1)
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    walls += secs
    rss = max(rss, int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time).group(1)))
causes = collections.Counter()
for f in failed:
    err = f["error"]
    m = re.search(r"#error (.*)|([\w./-]+\.h): No such file|(not found|missing)", err)
    key = m.group(0)[:80] if m else err.split(": ", 1)[-1][:80]
    causes[key] += 1
n = len(sample)
ok = n - len(failed)
print(f"{out.rsplit('/', 1)[-1]}: {ok} of {n} analysed ({100*ok/n:.1f} %), {len(failed)} failed, "
      f"{findings} findings, wall {walls/60:.1f} min, peak RSS {rss/1e6:.2f} GB")
for cause, k in causes.most_common():
    print(f"  {k:4d}  {cause}")
for f in failed:
    print("  failed:", f["file"], "-", f["error"][:200])
EOF
