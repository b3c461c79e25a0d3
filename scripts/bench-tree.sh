#!/usr/bin/env bash
# bench-tree.sh - kpreempt next to sparse and gcc on the same kernel files.
#
# Usage: scripts/bench-tree.sh TREE [SUBDIR...]
#
# Takes the kernel .c entries of TREE/compile_commands.json (host programs,
# built without -D__KERNEL__, skipped) under TREE/SUBDIR (relative to TREE,
# e.g. kernel/sched; none given: every one, so that kpreempt's program is
# the whole tree's),
# or with BENCH_FILES=N (default 120) N of them spread evenly over the
# database's order, and runs on exactly those files, BENCH_JOBS (default 2)
# at a time each:
#   sparse   kbuild's CHECK command for ARCH=x86_64 (as make C=2 runs it):
#            sparse $CHECKFLAGS <the entry's flags> FILE, from the entry's
#            directory
#   gcc      the entry's compiler and flags, minus -c, -o X and the
#            -Wp,-MMD,depfile option (it would write into the tree), plus
#            -fsyntax-only
#   kpreempt kpreempt check -j BENCH_JOBS over the files (every rule, every
#            phase: summarise, link, check), with an empty facts store, a
#            JSON report, a CPU profile whose samples are labelled by
#            stage and a heap profile of the live heap's peak
# Then, with the store the first run filled (BENCH_AGAIN=0 skips them):
#   kp-again the same kpreempt run again over the unchanged files: facts
#            and findings come from the store
#   kp-one   one file (the first) checked in the program of the others, as
#            a pre-commit hook checks a changed file
# Each tool's wall time, CPU time (user + system, its processes' sum), peak
# RSS (the largest process) and failed files; the ratios to sparse; and
# kpreempt's CPU time split by stage (preprocess, parse, convert,
# summarize, link, analyse, output; "other" is the collector and the
# runtime). BENCH_TOOLS="sparse gcc kpreempt" (default) selects the tools;
# KPREEMPT names the binary (default: built from this checkout). The
# tools' output, the report and the profile stay in BENCH_OUT (default: a
# new temporary directory), whose path is printed.
set -euo pipefail

die() { printf 'bench-tree.sh: ERROR: %s\n' "$*" >&2; exit 2; }

(($# >= 1)) || die "usage: $0 TREE [SUBDIR...]"
case $1 in -h | --help) sed -n '2,35p' "$0" >&2; exit 0 ;; esac
TREE=$(cd "$1" 2>/dev/null && pwd -P) || die "no such tree: $1"
shift
[[ -s $TREE/compile_commands.json ]] ||
	die "$TREE/compile_commands.json is missing (scripts/kernel-fixture.sh --full builds it)"
TOOLS=${BENCH_TOOLS:-sparse gcc kpreempt}
for t in $TOOLS; do
	case $t in gcc | kpreempt) ;; sparse) command -v sparse >/dev/null || die "sparse is not installed (apt-get install sparse)" ;;
	*) die "unknown tool in BENCH_TOOLS: $t" ;; esac
done
command -v python3 >/dev/null || die "python3 is required"
REPO=$(cd "$(dirname "$0")/.." && pwd -P)
OUT=${BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/kpreempt-bench.XXXXXX")}
mkdir -p "$OUT"
KP=${KPREEMPT:-}
if [[ $TOOLS == *kpreempt* && -z $KP ]]; then
	KP=$OUT/kpreempt
	(cd "$REPO" && go build -o "$KP" ./cmd/kpreempt) || die "go build failed"
fi

exec python3 - "$TREE" "$TOOLS" "$OUT" "$KP" "${BENCH_FILES:-120}" "${BENCH_JOBS:-2}" "${BENCH_AGAIN:-1}" "$@" <<'PY'
import json, os, shlex, subprocess, sys, time

tree, tools, out, kp, nfiles, jobs, again, subdirs = sys.argv[1], sys.argv[2].split(), sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), sys.argv[7] != "0", sys.argv[8:]

# kbuild's CHECKFLAGS for ARCH=x86_64 (the ARCH scripts/kernel-fixture.sh
# builds with), CONFIG_64BIT=y, little endian (Makefile: CHECKFLAGS,
# --arch=$(ARCH), -m{little,big}-endian, -m64; arch/x86/Makefile:
# -D__x86_64__), as printed by make ARCH=x86_64 C=2 V=1.
CHECKFLAGS = ["-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__",
              "-Wbitwise", "-Wno-return-void", "-Wno-unknown-attribute",
              "-D__x86_64__", "--arch=x86_64", "-mlittle-endian", "-m64"]

with open(os.path.join(tree, "compile_commands.json")) as f:
    db = json.load(f)

def rel(entry):
    p = entry["file"]
    if not os.path.isabs(p):
        p = os.path.join(entry.get("directory", tree), p)
    return os.path.relpath(os.path.normpath(p), tree)

def argv_of(entry):
    return entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])

def wanted(r):
    if not r.endswith(".c") or r.startswith(".."):
        return False
    if subdirs:
        return any(r.startswith(s.strip("/") + "/") for s in subdirs)
    # Every kernel unit, those under scripts/ too (scripts/module-common.c
    # is linked into every module): kpreempt's program is complete only
    # with all of them, and host programs are told by their flags below.
    return True

def split_flags(entry):
    argv = argv_of(entry)
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

# Host programs (HOSTCC) are built without -D__KERNEL__; kbuild never
# runs sparse on them, and kpreempt skips them.
entries = [(rel(e), e) for e in db if wanted(rel(e)) and "-D__KERNEL__" in argv_of(e)]
if not entries:
    sys.exit("bench-tree.sh: ERROR: no kernel .c entries under %s" % (" ".join(subdirs) or "(all)"))
if not subdirs and 0 < nfiles < len(entries):
    step = len(entries) / nfiles
    entries = [entries[int(i * step)] for i in range(nfiles)]
print("bench-tree.sh: %d files, %d jobs, %d cores; output in %s" % (len(entries), jobs, os.cpu_count(), out), file=sys.stderr)
with open(os.path.join(out, "files.txt"), "w") as f:
    f.write("".join(r + "\n" for r, _ in entries))

def command(tool, entry):
    cc, flags = split_flags(entry)
    if tool == "gcc":
        return [cc] + flags + ["-fsyntax-only", entry["file"]]
    return ["sparse"] + CHECKFLAGS + flags + [entry["file"]]

def run_all(cmds, log):
    """Runs (argv, cwd) pairs, jobs at a time; returns wall seconds, CPU
    seconds, the largest peak RSS in KiB and the failures."""
    pending, running = list(cmds), {}
    cpu, rss, failed = 0.0, 0, 0
    t0 = time.perf_counter()
    while pending or running:
        while pending and len(running) < jobs:
            argv, cwd = pending.pop(0)
            p = subprocess.Popen(argv, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
            running[p.pid] = p
        pid, status, ru = os.wait4(-1, 0)
        if pid not in running:
            continue
        # Reaped here: the Popen must know, or subprocess reaps its pid
        # later, which by then may be another child of this loop's.
        running.pop(pid).returncode = os.waitstatus_to_exitcode(status)
        cpu += ru.ru_utime + ru.ru_stime
        rss = max(rss, ru.ru_maxrss)
        if os.waitstatus_to_exitcode(status) != 0:
            failed += 1
    return time.perf_counter() - t0, cpu, rss, failed

def kpreempt(name, files, profile):
    report = os.path.join(out, name + ".json")
    argv = [kp, "check", "-j", str(jobs), "--facts", os.path.join(out, "facts"), "--format", "json", "-o", report]
    if profile:
        argv += ["--cpuprofile", os.path.join(out, "cpu.prof"), "--memprofile", os.path.join(out, "mem.prof")]
    argv += [os.path.join(tree, r) for r in files]
    with open(os.path.join(out, name + ".log"), "w") as log:
        wall, cpu, rss, _ = run_all([(argv, tree)], log)
    if not os.path.exists(report):
        sys.exit("bench-tree.sh: ERROR: kpreempt wrote no report; see %s" % os.path.join(out, name + ".log"))
    with open(report) as f:
        failed = len(json.load(f)["stats"].get("failed_files") or [])
    return wall, cpu, rss, failed

rows, counts = {}, {}
for tool in tools:
    if tool == "kpreempt":
        rows[tool] = kpreempt("report", [r for r, _ in entries], True)
        if again:
            rows["kp-again"] = kpreempt("again", [r for r, _ in entries], False)
            rows["kp-one"] = kpreempt("one", [entries[0][0]], False)
            counts["kp-one"] = 1
        continue
    with open(os.path.join(out, tool + ".log"), "w") as log:
        rows[tool] = run_all([(command(tool, e), e.get("directory", tree)) for _, e in entries], log)

print("%-9s %6s %7s %9s %9s %11s %12s %10s %9s" % ("tool", "files", "failed", "wall_s", "cpu_s", "cpu_s/file", "peak_rss_mb", "wall/sp", "cpu/sp"))
for tool in rows:
    n = counts.get(tool, len(entries))
    wall, cpu, rss, failed = rows[tool]
    sp = rows.get("sparse")
    ratio = lambda a, b: "%.2f" % (a / b) if sp and b > 0 else "-"
    print("%-9s %6d %7d %9.1f %9.1f %11.3f %12.0f %10s %9s" % (tool, n, failed, wall, cpu, cpu / n, rss / 1024,
          ratio(wall, sp[0] if sp else 0), ratio(cpu, sp[1] if sp else 0)))

if "kpreempt" in tools:
    prof = os.path.join(out, "cpu.prof")
    p = subprocess.run(["go", "tool", "pprof", "-tags", prof], capture_output=True, text=True)
    if p.returncode == 0:
        print("\nkpreempt CPU by stage (%s):" % prof)
        for line in p.stdout.splitlines():
            if line.strip():
                print("  " + line.strip())
    mem = os.path.join(out, "mem.prof")
    p = subprocess.run(["go", "tool", "pprof", "-top", "-sample_index=inuse_space", mem], capture_output=True, text=True)
    if p.returncode == 0:
        print("\nkpreempt heap at the live heap's peak, largest holders (%s):" % mem)
        for line in [l for l in p.stdout.splitlines() if l.strip()][:14]:
            print("  " + line.strip())
    with open(os.path.join(out, "report.json")) as f:
        ph = json.load(f)["stats"].get("phases") or {}
    if ph:
        print("kpreempt phases (wall): summarise %.1fs, link %.1fs, check %.1fs; %d summaries made again in the link (by round: %s), %d units left unsettled" % (
            ph.get("summarize", 0), ph.get("link", 0), ph.get("check", 0), ph.get("resummarized", 0),
            ", ".join(str(n) for n in ph.get("rounds") or []) or "none", ph.get("unsettled", 0)))
    if again:
        with open(os.path.join(out, "again.json")) as f:
            ph = json.load(f)["stats"].get("phases") or {}
        print("kp-again: %.1f %% of the first run's wall time; facts of %d, findings of %d units kept; %d summaries made again in the link" % (
            100 * rows["kp-again"][0] / rows["kpreempt"][0], ph.get("facts_reused", 0), ph.get("checks_reused", 0), ph.get("resummarized", 0)))
PY
