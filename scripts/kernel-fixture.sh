#!/usr/bin/env bash
# kernel-fixture.sh - prepare real Linux 6.12 kernel trees for kpreempt's
# integration tests.
#
# Usage: scripts/kernel-fixture.sh [--full] [--configs] [DIR]
#
#   DIR     where the trees, stamps and logs live
#           (default: ${KPREEMPT_FIXTURE_DIR:-$HOME/.cache/kpreempt})
#   --full  build the whole kernel in the default tree instead of only
#           kernel/ mm/ lib/ (separate stamp; compile_commands.json is
#           regenerated afterwards)
#   --configs  also prepare the trees of the configurations developers
#           check outside defconfig (below), configured and prepared
#           only: no build, no compile_commands.json, so kpreempt takes
#           each file's flags from a dry run of kbuild
#
# It produces:
#   DIR/linux-6.12               x86_64_defconfig, prepared, kernel/ mm/ lib/
#                                built (or everything with --full), with
#                                compile_commands.json in the tree root
#   DIR/linux-6.12-preempt-none  x86_64_defconfig + PREEMPT_NONE, prepared
#   DIR/linux-6.12-arm64         arm64 defconfig (aarch64-linux-gnu-gcc),
#                                prepared, ARM64_DIRS built, with
#                                compile_commands.json; then
#                                ARM64_GENERATED_DIRS built
#   DIR/linux-6.12-powerpc       powerpc ppc64le_defconfig
#                                (powerpc64le-linux-gnu-gcc), prepared,
#                                POWERPC_DIRS built, with compile_commands.json;
#                                then POWERPC_GENERATED_DIRS built
#   DIR/linux-6.1                Debian's linux-source-6.1, x86_64_defconfig,
#                                prepared, OLD_DIRS built, with
#                                compile_commands.json; then
#                                OLD_GENERATED_DIRS built
#   DIR/linux-6.12-rt            Debian's PREEMPT_RT configuration
#                                (linux-config-6.12's config.amd64_rt_amd64),
#                                prepared, RT_DIRS built, with
#                                compile_commands.json
# With --configs:
#   DIR/linux-6.12-allmod        x86_64 allmodconfig, prepared
#   DIR/linux-6.12-debian        Debian's distribution configuration
#                                (linux-config-6.12's config.amd64_none_amd64),
#                                prepared
#
# On success stdout carries exactly six lines (eight with --configs), meant
# for `eval`:
#   KPREEMPT_KERNEL=<abs path of DIR/linux-6.12>
#   KPREEMPT_KERNEL_NONE=<abs path of DIR/linux-6.12-preempt-none>
#   KPREEMPT_KERNEL_ARM64=<abs path of DIR/linux-6.12-arm64>
#   KPREEMPT_KERNEL_POWERPC=<abs path of DIR/linux-6.12-powerpc>
#   KPREEMPT_KERNEL_6_1=<abs path of DIR/linux-6.1>
#   KPREEMPT_KERNEL_RT=<abs path of DIR/linux-6.12-rt>
#   KPREEMPT_KERNEL_ALLMOD=<abs path of DIR/linux-6.12-allmod> (--configs)
#   KPREEMPT_KERNEL_DEBIAN=<abs path of DIR/linux-6.12-debian> (--configs)
# Everything else goes to stderr; make/apt output goes to DIR/logs/*.log.
#
# Every step is recorded by a stamp file DIR/.stamp-<tree>-<step> that also
# holds the step's command, so a re-run does no work unless a step's command
# changed. Delete a stamp (or a tree) to redo that step (or tree).
# All make invocations pass ARCH=x86_64; use the same when running make in
# the trees yourself (make ARCH=x86_64 ...), or kbuild re-runs syncconfig.
#
# Environment:
#   KPREEMPT_FIXTURE_DIR   default DIR
#   KPREEMPT_JOBS          make -j value (default and cap: nproc)
#   KPREEMPT_MIN_FREE_GB   free space required before unpacking (default 8)
set -euo pipefail

PROG=${0##*/}
KVER=6.12
SRC_PKG=linux-source-$KVER
TARBALL=/usr/src/$SRC_PKG.tar.xz
# The stable series stable maintainers work on, built too: Debian 12's own.
OLD_KVER=6.1
OLD_SRC_PKG=linux-source-$OLD_KVER
# libc6-dev: gcc only recommends it, but kbuild's host programs need it.
# The cross compilers build the arm64 and powerpc trees, and give the
# predefined macros of those targets.
# linux-config-6.12 holds Debian's kernel configurations, its PREEMPT_RT
# one among them.
PACKAGES=("$SRC_PKG" "$OLD_SRC_PKG" flex bison bc libelf-dev libssl-dev sparse python3 make gcc libc6-dev
	gcc-aarch64-linux-gnu gcc-powerpc64le-linux-gnu linux-config-$KVER)
RT_CONFIG=/usr/src/linux-config-$KVER/config.amd64_rt_amd64.xz
DISTRO_CONFIG=/usr/src/linux-config-$KVER/config.amd64_none_amd64.xz
TREE_DEFAULT=linux-$KVER
TREE_NONE=linux-$KVER-preempt-none
TREE_ARM64=linux-$KVER-arm64
TREE_POWERPC=linux-$KVER-powerpc
TREE_OLD=linux-$OLD_KVER
TREE_RT=linux-$KVER-rt
TREE_ALLMOD=linux-$KVER-allmod
TREE_DISTRO=linux-$KVER-debian
# What the PREEMPT_RT tree builds: the locking core (the rt_mutex-based
# spinlock_t), the scheduler and interrupt handling.
RT_DIRS=(kernel/locking/ kernel/sched/ kernel/irq/)
OLD_DIRS=(kernel/sched/ kernel/irq/ kernel/time/ kernel/locking/ net/core/)
# What the cross trees build: each architecture's own code (its FPU/SIMD
# users among it: arch/arm64/crypto, arch/powerpc/crypto), and the
# scheduler, built for that architecture.
ARM64_DIRS=(arch/arm64/kernel/ arch/arm64/crypto/ arch/arm64/mm/ kernel/sched/ kernel/irq/)
# Directories whose build generates headers other files of the
# configuration include (msm's register headers from their XML, the ASN.1
# parsers' headers of crypto/ and crypto/asymmetric_keys/, KVM's
# hyp_constants.h, scsi_devinfo_tbl.c, utsversion-tmp.h, lib/'s CRC tables
# and oid_registry_data.c), built after compile_commands.json (which keeps the
# small program the tests check): a check of every file the configuration
# compiles (scripts/config-sample.sh) then reads the tree as a build
# leaves it.
ARM64_GENERATED_DIRS=(drivers/gpu/drm/msm/ crypto/ arch/arm64/kvm/ drivers/scsi/ init/ lib/)
# The same for powerpc: SELinux's flask.h, the ASN.1 headers of crypto/
# and the SMB client, certs/'s hash lists, lib/'s tables.
POWERPC_GENERATED_DIRS=(security/selinux/ crypto/ certs/ fs/smb/client/ drivers/scsi/ init/ lib/)
# The same for 6.1 on x86_64: flask.h, the ASN.1 headers of x509 and
# pkcs7, scsi_devinfo_tbl.c, utsversion-tmp.h, lib/'s crc32table.h and
# oid_registry_data.c, the instruction decoder's inat-tables.c.
OLD_GENERATED_DIRS=(security/selinux/ crypto/ drivers/scsi/ init/ lib/ arch/x86/lib/)
POWERPC_DIRS=(arch/powerpc/kernel/ arch/powerpc/crypto/ arch/powerpc/mm/ kernel/sched/ kernel/irq/)
MIN_FREE_GB=${KPREEMPT_MIN_FREE_GB:-8}

log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { printf '%s: ERROR: %s\n' "$PROG" "$*" >&2; exit 1; }

usage() {
	cat >&2 <<EOF
Usage: $PROG [--full] [--configs] [DIR]

Prepare Linux $KVER kernel trees for kpreempt's integration tests.
  DIR     fixture directory (default: \${KPREEMPT_FIXTURE_DIR:-\$HOME/.cache/kpreempt})
  --full  build the whole kernel in the default tree, not only kernel/ mm/ lib/
  --configs  also prepare an allmodconfig and a Debian-config tree (no build)
Prints KPREEMPT_KERNEL=... and KPREEMPT_KERNEL_NONE=... on stdout (eval them).
EOF
}

# ---------------------------------------------------------------- arguments
FULL=0
CONFIGS=0
DIR=
while (($#)); do
	case $1 in
	--full) FULL=1 ;;
	--configs) CONFIGS=1 ;;
	-h | --help) usage; exit 0 ;;
	--) shift; (($# <= 1)) || { usage; die "too many arguments"; }; DIR=${1:-}; break ;;
	-*) usage; die "unknown option: $1" ;;
	*) [[ -z $DIR ]] || { usage; die "only one DIR may be given (got '$DIR' and '$1')"; }; DIR=$1 ;;
	esac
	shift
done
if [[ -z $DIR ]]; then
	DIR=${KPREEMPT_FIXTURE_DIR:-}
	if [[ -z $DIR ]]; then
		[[ -n ${HOME:-} ]] || die "HOME is not set; give DIR or set KPREEMPT_FIXTURE_DIR"
		DIR=$HOME/.cache/kpreempt
	fi
fi

[[ $(uname -m) == x86_64 ]] || die "this fixture builds an x86_64 kernel natively; host is $(uname -m)"

# Keep the caller's environment from redirecting or cross-building kbuild.
unset KBUILD_OUTPUT O ARCH SRCARCH CROSS_COMPILE LLVM CC KCFLAGS KCPPFLAGS MAKEFLAGS MFLAGS MAKELEVEL || true
export LC_ALL=C

NPROC=$(nproc 2>/dev/null || echo 1)
JOBS=${KPREEMPT_JOBS:-$NPROC}
[[ $JOBS =~ ^[1-9][0-9]*$ ]] || die "KPREEMPT_JOBS must be a positive integer (got '$JOBS')"
[[ $MIN_FREE_GB =~ ^[0-9]+$ ]] || die "KPREEMPT_MIN_FREE_GB must be a whole number of GB (got '$MIN_FREE_GB')"
((JOBS <= NPROC)) || JOBS=$NPROC

# ----------------------------------------------------------------- packages

pkg_installed() {
	# Not `dpkg -s | grep -q`: with pipefail, grep exiting early makes dpkg
	# die of SIGPIPE and the package look missing.
	# One line per installed architecture of a Multi-Arch: same package.
	local st
	st=$(dpkg-query -W -f='${db:Status-Status}\n' "$1" 2>/dev/null) || return 1
	[[ $'\n'$st$'\n' == *$'\n'installed$'\n'* ]]
}
pkg_installable() {
	local cand
	cand=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
	[[ -n $cand && $cand != "(none)" ]]
}

install_packages() {
	local p missing=() need_update=0
	for p in "${PACKAGES[@]}"; do
		pkg_installed "$p" || missing+=("$p")
	done
	if ((${#missing[@]} == 0)); then
		log "packages: all present (${PACKAGES[*]})"
		return
	fi
	command -v apt-get >/dev/null || die "missing packages (${missing[*]}) and no apt-get to install them"
	local sudo=()
	if ((EUID != 0)); then
		command -v sudo >/dev/null ||
			die "missing packages (${missing[*]}); not root and sudo is not available to install them"
		sudo=(sudo)
	fi
	for p in "${missing[@]}"; do
		pkg_installable "$p" || need_update=1
	done
	local aptlog=$LOGDIR/apt.log t0=$SECONDS
	: >"$aptlog"
	if ((need_update)); then
		log "packages: apt-get update (some of: ${missing[*]} not installable yet)"
		"${sudo[@]}" apt-get update >>"$aptlog" 2>&1 || fail_log "apt-get update failed" "$aptlog"
	fi
	log "packages: installing ${missing[*]} (log: $aptlog)"
	local install=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}")
	if ! "${install[@]}" >>"$aptlog" 2>&1; then
		# Stale package lists make downloads fail (404): update once and retry.
		((need_update)) && fail_log "apt-get install ${missing[*]} failed" "$aptlog"
		log "packages: install failed; retrying after apt-get update"
		"${sudo[@]}" apt-get update >>"$aptlog" 2>&1 || fail_log "apt-get update failed" "$aptlog"
		"${install[@]}" >>"$aptlog" 2>&1 || fail_log "apt-get install ${missing[*]} failed" "$aptlog"
	fi
	for p in "${missing[@]}"; do
		pkg_installed "$p" || fail_log "package $p still not installed after apt-get install" "$aptlog"
	done
	log "packages: installed in $((SECONDS - t0))s"
}

# ------------------------------------------------------------------ helpers
fail_log() { # MESSAGE LOGFILE
	printf '%s: ERROR: %s\n%s: log: %s (last 40 lines below)\n' "$PROG" "$1" "$PROG" "$2" >&2
	tail -n 40 "$2" >&2 || true
	exit 1
}

stamp() { printf '%s/.stamp-%s-%s' "$DIR" "$1" "$2"; } # TREE STEP

# stamp_ok STAMPFILE COMMAND...: the stamp exists and was made by COMMAND.
stamp_ok() {
	local st=$1
	shift
	[[ -e $st ]] && grep -qxF -- "cmd: $*" "$st"
}

# Remove the stamps of the steps after STEP in the ordered list STEPS...
invalidate_after() { # STEP STEPS...
	local step=$1 s seen=0
	shift
	for s in "$@"; do
		((seen)) && rm -f "$(stamp "$TREE" "$s")"
		[[ $s == "$step" ]] && seen=1
	done
	return 0
}

# run_step TREE STEP COMMAND...: run COMMAND in DIR/TREE with output to a log
# unless the step's stamp exists; stamp it on success.
run_step() {
	local tree=$1 step=$2
	shift 2
	local st lg t0
	st=$(stamp "$tree" "$step")
	if stamp_ok "$st" "$@"; then
		log "$tree: $step: done already ($(head -n 1 "$st"))"
		return 0
	fi
	[[ -e $st ]] && log "$tree: $step: command changed since the stamp ($(grep '^cmd: ' "$st" || echo 'no cmd: line')); redoing"
	rm -f "$st"
	lg=$LOGDIR/$tree-$step.log
	log "$tree: $step: running: $* (log: $lg)"
	t0=$SECONDS
	if ! (cd "$DIR/$tree" && "$@") >"$lg" 2>&1; then
		fail_log "$tree: $step failed after $((SECONDS - t0))s: $*" "$lg"
	fi
	local took=$((SECONDS - t0))
	TREE=$tree invalidate_after "$step" "${STEPS[@]}"
	printf 'ok in %ss at %s\ncmd: %s\n' "$took" "$(date -u +%FT%TZ)" "$*" >"$st"
	log "$tree: $step: ok in ${took}s"
}

check_free_space() {
	local avail_kb need_kb=$((MIN_FREE_GB * 1024 * 1024))
	avail_kb=$(df -Pk "$DIR" | awk 'NR == 2 {print $4}')
	[[ $avail_kb =~ ^[0-9]+$ ]] || die "cannot determine free space of $DIR with df"
	if ((avail_kb < need_kb)); then
		die "not enough disk space in $DIR: $((avail_kb / 1024 / 1024)) GB free, need at least $MIN_FREE_GB GB (set KPREEMPT_MIN_FREE_GB to change, or choose another DIR)"
	fi
}

# Unpack the source tarball into DIR/TREE through a temporary directory that
# is renamed into place, then stamp it.
MARKER=.kpreempt-fixture
TMPDIRS=()
cleanup() {
	local d
	for d in "${TMPDIRS[@]+"${TMPDIRS[@]}"}"; do
		[[ -n $d && -d $d ]] && rm -rf -- "$d"
	done
	return 0
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

unpack_tree() { # TREE [TARBALL PACKAGE]
	local tree=$1 TARBALL=${2:-$TARBALL} SRC_PKG=${3:-$SRC_PKG} st dest tmp top t0 SRC_VERSION
	st=$(stamp "$tree" unpacked)
	dest=$DIR/$tree
	if [[ -e $st && -d $dest ]]; then
		log "$tree: unpacked: done already ($(head -n 1 "$st"))"
		return 0
	fi
	# Stamp without tree, or tree without stamp: start this tree over.
	rm -f "$DIR/.stamp-$tree-"*
	if [[ -e $dest ]]; then
		[[ -e $dest/$MARKER ]] ||
			die "$dest exists but was not unpacked by this script; move it away or pick another DIR"
		log "$tree: removing incomplete tree $dest"
		rm -rf -- "$dest"
	fi
	[[ -f $TARBALL ]] || die "$TARBALL is missing although $SRC_PKG is installed (dpkg -L $SRC_PKG)"
	SRC_VERSION=$(dpkg-query -W -f='${Version}' "$SRC_PKG")
	check_free_space
	tmp=$(mktemp -d "$DIR/.tmp-$tree.XXXXXX") || die "cannot create a temporary directory in $DIR"
	TMPDIRS+=("$tmp")
	log "$tree: unpacking $TARBALL"
	t0=$SECONDS
	tar -xJf "$TARBALL" -C "$tmp" 2>"$LOGDIR/$tree-unpack.log" ||
		fail_log "$tree: unpacking $TARBALL failed" "$LOGDIR/$tree-unpack.log"
	top=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d)
	[[ -n $top && $(wc -l <<<"$top") -eq 1 && -f $top/Makefile && -f $top/Kconfig ]] ||
		die "$TARBALL did not unpack to a single kernel source directory"
	printf 'unpacked from %s (%s %s) by %s\n' "$TARBALL" "$SRC_PKG" "$SRC_VERSION" "$PROG" >"$top/$MARKER"
	mv -T -- "$top" "$dest"
	rm -rf -- "$tmp"
	printf 'ok in %ss at %s, %s %s\n' "$((SECONDS - t0))" "$(date -u +%FT%TZ)" "$SRC_PKG" "$SRC_VERSION" >"$st"
	log "$tree: unpacked: ok in $((SECONDS - t0))s"
}

# --------------------------------------------------------------------- main
T_START=$SECONDS

[[ ! -e $DIR || -d $DIR ]] || die "fixture directory $DIR exists but is not a directory"
mkdir_err=$(mkdir -p -- "$DIR" 2>&1) || die "cannot create fixture directory $DIR: ${mkdir_err##*: }"
DIR=$(cd "$DIR" && pwd -P)
[[ -w $DIR && -x $DIR ]] || die "fixture directory $DIR is not writable"
LOGDIR=$DIR/logs
mkdir -p "$LOGDIR" || die "cannot create $LOGDIR"

# One run at a time per DIR.
exec 9>"$DIR/.lock" || die "cannot create lock file $DIR/.lock"
if ! flock -n 9; then
	log "another $PROG run holds $DIR/.lock; waiting"
	flock 9
fi
# Leftovers of interrupted unpacks.
find "$DIR" -mindepth 1 -maxdepth 1 -name '.tmp-*' -exec rm -rf -- {} + 2>/dev/null || true

log "fixture dir: $DIR (make -j$JOBS)"
install_packages
[[ -f $TARBALL ]] || die "$SRC_PKG is installed but $TARBALL is missing"
command -v xz >/dev/null || die "xz is not installed (needed to unpack $TARBALL)"
SRC_VERSION=$(dpkg-query -W -f='${Version}' "$SRC_PKG")

MAKE=(make ARCH=x86_64 -j"$JOBS")

# Default tree.
TREE=$TREE_DEFAULT
STEPS=(unpacked defconfig prepare build build-full compdb)
unpack_tree "$TREE"
run_step "$TREE" defconfig make ARCH=x86_64 x86_64_defconfig
run_step "$TREE" prepare "${MAKE[@]}" prepare
if [[ -e $(stamp "$TREE" build-full) ]]; then
	log "$TREE: build: covered by build-full"
else
	run_step "$TREE" build "${MAKE[@]}" kernel/ mm/ lib/
fi
if ((FULL)); then
	run_step "$TREE" build-full "${MAKE[@]}"
fi
want=partial
[[ -e $(stamp "$TREE" build-full) ]] && want=full
COMPDB=(python3 scripts/clang-tools/gen_compile_commands.py)
st=$(stamp "$TREE" compdb)
if stamp_ok "$st" "${COMPDB[@]}" && [[ -s $DIR/$TREE/compile_commands.json ]] &&
	grep -q "^$want build, " "$st"; then
	log "$TREE: compdb: done already ($(head -n 1 "$st"))"
else
	rm -f "$st"
	run_step "$TREE" compdb "${COMPDB[@]}"
	# The stamp records which build it covers: "<partial|full> build, ok in ...".
	printf '%s build, %s\n' "$want" "$(<"$st")" >"$st.new" && mv -f "$st.new" "$st"
fi
[[ -s $DIR/$TREE/compile_commands.json ]] || die "$DIR/$TREE/compile_commands.json is missing or empty"

# PREEMPT_NONE tree.
TREE=$TREE_NONE
STEPS=(unpacked defconfig config olddefconfig prepare)
unpack_tree "$TREE"
run_step "$TREE" defconfig make ARCH=x86_64 x86_64_defconfig
run_step "$TREE" config scripts/config -e PREEMPT_NONE -d PREEMPT_VOLUNTARY -d PREEMPT -d PREEMPT_RT -d PREEMPT_DYNAMIC
run_step "$TREE" olddefconfig make ARCH=x86_64 olddefconfig
run_step "$TREE" prepare "${MAKE[@]}" prepare
cfg=$DIR/$TREE/.config
grep -qx 'CONFIG_PREEMPT_NONE=y' "$cfg" ||
	die "$cfg does not have CONFIG_PREEMPT_NONE=y after olddefconfig: $(grep -E '^(# )?CONFIG_PREEMPT' "$cfg" | tr '\n' ' ')"
for opt in PREEMPT_VOLUNTARY PREEMPT PREEMPT_RT PREEMPT_DYNAMIC PREEMPT_BUILD PREEMPTION; do
	if grep -qx "CONFIG_$opt=y" "$cfg"; then
		die "$cfg still has CONFIG_$opt=y after olddefconfig (delete $DIR/.stamp-$TREE-config to redo)"
	fi
done
log "$TREE: preemption settings after olddefconfig:"
grep -E '^(# )?CONFIG_(PREEMPT[A-Z_]*|PREEMPTION|DEBUG_ATOMIC_SLEEP|DEBUG_PREEMPT)[= ]' "$cfg" | sed 's/^/    /' >&2 || true
if grep -qx 'CONFIG_PREEMPT_COUNT=y' "$cfg"; then
	log "$TREE: NOTE: CONFIG_PREEMPT_COUNT=y stays set (selected by another option)"
else
	log "$TREE: CONFIG_PREEMPT_COUNT is not set"
fi

# PREEMPT_RT tree: Debian's RT configuration. Its signing keys and BTF
# are for a packaged build, which this is not.
TREE=$TREE_RT
STEPS=(unpacked config keys olddefconfig prepare build compdb)
unpack_tree "$TREE"
[[ -f $RT_CONFIG ]] || die "$RT_CONFIG is missing although linux-config-$KVER is installed"
run_step "$TREE" config sh -c "xz -dc '$RT_CONFIG' > .config"
run_step "$TREE" keys scripts/config --set-str SYSTEM_TRUSTED_KEYS "" --set-str SYSTEM_REVOCATION_KEYS "" -d MODULE_SIG_ALL -d DEBUG_INFO_BTF
run_step "$TREE" olddefconfig make ARCH=x86_64 olddefconfig
grep -qx 'CONFIG_PREEMPT_RT=y' "$DIR/$TREE/.config" ||
	die "$DIR/$TREE/.config does not have CONFIG_PREEMPT_RT=y after olddefconfig (delete $DIR/.stamp-$TREE-config to redo)"
run_step "$TREE" prepare "${MAKE[@]}" prepare
run_step "$TREE" build "${MAKE[@]}" "${RT_DIRS[@]}"
run_step "$TREE" compdb "${COMPDB[@]}"
[[ -s $DIR/$TREE/compile_commands.json ]] || die "$DIR/$TREE/compile_commands.json is missing or empty"

# Cross trees: defconfig, prepare, a few directories built, and their
# compile_commands.json (whose commands name the cross compiler).
cross_tree() { # TREE ARCH CROSS_COMPILE DEFCONFIG DIRS...
	local tree=$1 arch=$2 cross=$3 defconfig=$4
	shift 4
	TREE=$tree
	STEPS=(unpacked defconfig prepare build compdb generated)
	local make=(make ARCH="$arch" CROSS_COMPILE="$cross" -j"$JOBS")
	if [[ $tree == "$TREE_OLD" ]]; then
		unpack_tree "$TREE" "/usr/src/$OLD_SRC_PKG.tar.xz" "$OLD_SRC_PKG"
	else
		unpack_tree "$TREE"
	fi
	run_step "$TREE" defconfig make ARCH="$arch" CROSS_COMPILE="$cross" "$defconfig"
	run_step "$TREE" prepare "${make[@]}" prepare
	run_step "$TREE" build "${make[@]}" "$@"
	run_step "$TREE" compdb "${COMPDB[@]}"
	[[ -s $DIR/$TREE/compile_commands.json ]] || die "$DIR/$TREE/compile_commands.json is missing or empty"
}
cross_tree "$TREE_ARM64" arm64 aarch64-linux-gnu- defconfig "${ARM64_DIRS[@]}"
run_step "$TREE_ARM64" generated make ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- -j"$JOBS" "${ARM64_GENERATED_DIRS[@]}"
cross_tree "$TREE_POWERPC" powerpc powerpc64le-linux-gnu- ppc64le_defconfig "${POWERPC_DIRS[@]}"
run_step "$TREE_POWERPC" generated make ARCH=powerpc CROSS_COMPILE=powerpc64le-linux-gnu- -j"$JOBS" "${POWERPC_GENERATED_DIRS[@]}"
# 6.1 for x86_64 (an empty CROSS_COMPILE: the host's gcc).
cross_tree "$TREE_OLD" x86_64 "" x86_64_defconfig "${OLD_DIRS[@]}"
run_step "$TREE_OLD" generated make ARCH=x86_64 -j"$JOBS" "${OLD_GENERATED_DIRS[@]}"

# The configurations of distribution kernels and of subsystem testing:
# configured and prepared, nothing built (a dry run of kbuild gives each
# file's command). Signing keys and BTF are for a packaged build.
if ((CONFIGS)); then
	TREE=$TREE_ALLMOD
	STEPS=(unpacked allmodconfig prepare)
	unpack_tree "$TREE"
	run_step "$TREE" allmodconfig make ARCH=x86_64 allmodconfig
	run_step "$TREE" prepare "${MAKE[@]}" prepare

	TREE=$TREE_DISTRO
	STEPS=(unpacked config keys olddefconfig prepare)
	unpack_tree "$TREE"
	[[ -f $DISTRO_CONFIG ]] || die "$DISTRO_CONFIG is missing although linux-config-$KVER is installed"
	run_step "$TREE" config sh -c "xz -dc '$DISTRO_CONFIG' > .config"
	run_step "$TREE" keys scripts/config --set-str SYSTEM_TRUSTED_KEYS "" --set-str SYSTEM_REVOCATION_KEYS "" -d MODULE_SIG_ALL -d DEBUG_INFO_BTF
	run_step "$TREE" olddefconfig make ARCH=x86_64 olddefconfig
	run_step "$TREE" prepare "${MAKE[@]}" prepare
fi

log "all done in $((SECONDS - T_START))s"
printf 'KPREEMPT_KERNEL=%s\n' "$DIR/$TREE_DEFAULT"
printf 'KPREEMPT_KERNEL_NONE=%s\n' "$DIR/$TREE_NONE"
printf 'KPREEMPT_KERNEL_ARM64=%s\n' "$DIR/$TREE_ARM64"
printf 'KPREEMPT_KERNEL_POWERPC=%s\n' "$DIR/$TREE_POWERPC"
printf 'KPREEMPT_KERNEL_6_1=%s\n' "$DIR/$TREE_OLD"
printf 'KPREEMPT_KERNEL_RT=%s\n' "$DIR/$TREE_RT"
if ((CONFIGS)); then
	printf 'KPREEMPT_KERNEL_ALLMOD=%s\n' "$DIR/$TREE_ALLMOD"
	printf 'KPREEMPT_KERNEL_DEBIAN=%s\n' "$DIR/$TREE_DISTRO"
fi
