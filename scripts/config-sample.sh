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
#   compiled.txt  every .c file the .config compiles (from `make -n`)
#   sample.txt    the N files chosen
#   report.json   kpreempt's JSON report (stats.failed_files: what failed)
#   time.txt      /usr/bin/time -v of the kpreempt run
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
import re, sys
seen = set()
for line in sys.stdin:
    for m in re.finditer(r" -c -o (\S+\.o) (\S+\.c)\b", line):
        src = m.group(2)
        if src.startswith("./"):
            src = src[2:]
        if not src.startswith(("/", "scripts/", "tools/")) and "/" in src:
            seen.add(src)
print("\n".join(sorted(seen)))
' >"$OUT/compiled.txt.new"
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
set +e
(cd "$TREE" && /usr/bin/time -v -o "$OUT/time.txt" "$KPREEMPT" check --stats --no-facts --format json \
	-o "$OUT/report.json" $(cat "$OUT/sample.txt") >/dev/null 2>"$OUT/stderr.txt")
rc=$?
set -e
((rc <= 2)) || { tail -20 "$OUT/stderr.txt" >&2; die "kpreempt exited $rc (a crash?)"; }
[[ -s $OUT/report.json ]] || die "kpreempt wrote no report (exit $rc)"

python3 - "$OUT" <<'EOF'
import json, re, sys, collections
out = sys.argv[1]
rep = json.load(open(out + "/report.json"))
st = rep["stats"]
sample = open(out + "/sample.txt").read().split()
failed = st.get("failed_files") or []
causes = collections.Counter()
for f in failed:
    err = f["error"]
    m = re.search(r"#error (.*)|([\w./-]+\.h): No such file|(not found|missing)", err)
    key = m.group(0)[:80] if m else err.split(": ", 1)[-1][:80]
    causes[key] += 1
time = open(out + "/time.txt").read()
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", time).group(1)
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time).group(1))
n = len(sample)
ok = n - len(failed)
print(f"{out.rsplit('/', 1)[-1]}: {ok} of {n} analysed ({100*ok/n:.1f} %), {len(failed)} failed, "
      f"{len(rep['findings'])} findings, wall {wall}, peak RSS {rss/1e6:.2f} GB")
for cause, k in causes.most_common():
    print(f"  {k:4d}  {cause}")
for f in failed:
    print("  failed:", f["file"], "-", f["error"][:200])
EOF
