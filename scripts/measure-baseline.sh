#!/usr/bin/env bash
# measure-baseline.sh - time the reference checkers on a kernel tree.
#
# Usage: scripts/measure-baseline.sh TREE [SUBDIR...]
#
# For every kernel .c entry (compiled with -D__KERNEL__; host programs such
# as arch/x86/tools/relocs_*.c are skipped) of TREE/compile_commands.json
# under TREE/SUBDIR (each SUBDIR relative to TREE, e.g. kernel/sched; with
# none given: every such entry not under scripts/ or tools/), run one file at
# a time, from the entry's directory (the tree root, as kbuild does):
#   gcc     the entry's own compiler and flags, minus -c, -o X and the
#           -Wp,-MMD,depfile option (it would drop .d files into the tree),
#           plus -fsyntax-only
#   sparse  kbuild's CHECK command for ARCH=x86_64 (as make ARCH=x86_64 C=2):
#           sparse $CHECKFLAGS <the same flags minus what sparse rejects> FILE
# and print, per tool: file count, failures, total seconds, median and mean
# seconds per file. The tools' own output goes to a log whose path is printed
# on stderr.
#
# Environment: MEASURE_TOOLS="gcc sparse" (default) selects the tools.
set -euo pipefail

die() { printf 'measure-baseline.sh: ERROR: %s\n' "$*" >&2; exit 1; }

(($# >= 1)) || die "usage: $0 TREE [SUBDIR...]"
case $1 in -h | --help) sed -n '2,20p' "$0" >&2; exit 0 ;; esac
TREE=$(cd "$1" 2>/dev/null && pwd -P) || die "no such tree: $1"
shift
[[ -s $TREE/compile_commands.json ]] ||
	die "$TREE/compile_commands.json is missing (run scripts/kernel-fixture.sh first)"
for t in ${MEASURE_TOOLS:-gcc sparse}; do
	case $t in gcc | sparse) ;; *) die "unknown tool in MEASURE_TOOLS: $t" ;; esac
	[[ $t == gcc ]] || command -v "$t" >/dev/null || die "$t is not installed (apt-get install $t)"
done
command -v python3 >/dev/null || die "python3 is required"

exec python3 - "$TREE" "${MEASURE_TOOLS:-gcc sparse}" "$@" <<'PY'
import json, os, shlex, statistics, subprocess, sys, tempfile, time

tree, tools, subdirs = sys.argv[1], sys.argv[2].split(), sys.argv[3:]

# kbuild's CHECKFLAGS for ARCH=x86_64 (the ARCH scripts/kernel-fixture.sh
# builds with), CONFIG_64BIT=y, little endian (Makefile: CHECKFLAGS,
# --arch=$(ARCH), -m{little,big}-endian, -m64; arch/x86/Makefile:
# -D__x86_64__), as printed by make ARCH=x86_64 C=2 V=1.
CHECKFLAGS = ["-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__",
              "-Wbitwise", "-Wno-return-void", "-Wno-unknown-attribute",
              "-D__x86_64__", "--arch=x86_64", "-mlittle-endian", "-m64"]

# gcc options that sparse 0.6.x rejects outright ("unknown option" / fatal).
# Everything else (other -f/-m/-W/--param options) sparse ignores, as with
# make C=1.
SPARSE_REJECTS_PREFIX = ()
SPARSE_REJECTS_EXACT = set()

with open(os.path.join(tree, "compile_commands.json")) as f:
    db = json.load(f)

def rel(entry):
    p = entry["file"]
    if not os.path.isabs(p):
        p = os.path.join(entry.get("directory", tree), p)
    return os.path.relpath(os.path.normpath(p), tree)

def wanted(r):
    if not r.endswith(".c") or r.startswith(".."):
        return False
    if subdirs:
        return any(r.startswith(s.strip("/") + "/") for s in subdirs)
    return not r.startswith(("scripts/", "tools/"))

def split_flags(entry):
    argv = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    cc, args, flags, i = argv[0], argv[1:], [], 0
    src = os.path.basename(entry["file"])
    while i < len(args):
        a = args[i]
        if a == "-o":
            i += 2
            continue
        if a == "-c" or a.startswith(("-Wp,-MMD,", "-Wp,-MD,")) or a.startswith("-o") and len(a) > 2:
            i += 1
            continue
        if not a.startswith("-") and (a == entry["file"] or os.path.basename(a) == src):
            i += 1
            continue
        flags.append(a)
        i += 1
    return cc, flags

def is_kernel(entry):
    # Host programs (HOSTCC) are built without -D__KERNEL__; kbuild never
    # runs sparse on them.
    argv = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    return "-D__KERNEL__" in argv

matched = [(rel(e), e) for e in db if wanted(rel(e))]
entries = sorted(((r, e) for r, e in matched if is_kernel(e)), key=lambda x: x[0])
if len(entries) < len(matched):
    print("measure-baseline.sh: skipping %d host-program entries (no -D__KERNEL__)"
          % (len(matched) - len(entries)), file=sys.stderr)
if not entries:
    sys.exit("measure-baseline.sh: ERROR: no kernel .c entries under %s in %s/compile_commands.json"
             % (" ".join(subdirs) or "(all)", tree))

logfd, logpath = tempfile.mkstemp(prefix="measure-baseline.", suffix=".log")
log = os.fdopen(logfd, "w")
print("measure-baseline.sh: %d .c files under %s; tool output in %s"
      % (len(entries), " ".join(subdirs) or "(all but scripts/ tools/)", logpath), file=sys.stderr)

def command(tool, entry):
    cc, flags = split_flags(entry)
    if tool == "gcc":
        return [cc] + flags + ["-fsyntax-only", entry["file"]]
    flags = [f for f in flags if f not in SPARSE_REJECTS_EXACT and not f.startswith(SPARSE_REJECTS_PREFIX)]
    return ["sparse"] + CHECKFLAGS + flags + [entry["file"]]

rows = []
for tool in tools:
    times, failed, diag = [], 0, 0
    for r, e in entries:
        cmd = command(tool, e)
        t0 = time.perf_counter()
        p = subprocess.run(cmd, cwd=e.get("directory", tree), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, errors="replace")
        dt = time.perf_counter() - t0
        times.append(dt)
        lines = [l for l in p.stdout.splitlines() if ": warning:" in l or ": error:" in l]
        diag += len(lines)
        if p.returncode != 0:
            failed += 1
        log.write("### %s %s rc=%d %.3fs\n$ %s\n%s\n" % (tool, r, p.returncode, dt, shlex.join(cmd), p.stdout))
    rows.append((tool, len(times), failed, diag, sum(times), statistics.median(times), statistics.mean(times)))
log.close()

print("%-7s %6s %7s %11s %9s %10s %9s" % ("tool", "files", "failed", "diagnostics", "total_s", "median_s", "mean_s"))
for tool, n, failed, diag, tot, med, mean in rows:
    print("%-7s %6d %7d %11d %9.2f %10.3f %9.3f" % (tool, n, failed, diag, tot, med, mean))
sys.exit(1 if any(r[2] for r in rows) else 0)
PY
