#!/usr/bin/env bash
# validate-sarif.sh - check kpreempt's SARIF as GitHub code scanning ingests
# it: the Microsoft SARIF Multitool (pinned), with GitHub's ingestion rules
# (GH1001-GH2012) switched on as errors beside the SARIF rules.
#
# Usage: scripts/validate-sarif.sh [KPREEMPT-BINARY]
#
# Installs @microsoft/sarif-multitool@$MULTITOOL_VERSION with npm under
# ${KPREEMPT_TOOLS_DIR:-~/.cache/kpreempt/tools} (once), writes the SARIF of
# runs users make (the bundled examples by relative and by absolute paths,
# from another directory, a clean run, a run where one file fails, one
# where every file fails) and fails on any error or warning the
# Multitool reports. The GitHub rules' configuration is
# ../shared/sarif/github-rules.config.xml, or $KPREEMPT_SARIF_RULES.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD

MULTITOOL_VERSION=5.7.0
tools=${KPREEMPT_TOOLS_DIR:-$HOME/.cache/kpreempt/tools}
rules=${KPREEMPT_SARIF_RULES:-$top/../shared/sarif/github-rules.config.xml}
[[ -f $rules ]] || { echo "validate-sarif: no GitHub rules configuration at $rules" >&2; exit 1; }
command -v npm >/dev/null || { echo "validate-sarif: npm is not installed" >&2; exit 1; }

mt_dir=$tools/sarif-multitool-$MULTITOOL_VERSION
mt=$mt_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [[ ! -x $mt ]]; then
	mkdir -p "$mt_dir"
	(cd "$mt_dir" && npm install --no-audit --no-fund --loglevel=error "@microsoft/sarif-multitool@$MULTITOOL_VERSION" >&2)
	chmod u+x "$mt"
fi

kp=${1:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z $kp ]]; then
	kp=$work/kpreempt
	go build -o "$kp" ./cmd/kpreempt
fi

mkdir -p "$work/src"
printf '#include <linux/smp.h>\nint ok(void)\n{\n\treturn 0;\n}\n' >"$work/src/clean.c"
printf 'int broken( {\n' >"$work/src/broken.c"
printf 'int broken_too( {\n' >"$work/src/broken2.c"

# name|directory to run in|the kpreempt check arguments
runs=(
	"relative|$top|testdata/csrc"
	"absolute|$top|$top/testdata/csrc/doc"
	"other-directory|$top/kbuild|../testdata/csrc/doc"
	"clean|$top|$work/src/clean.c"
	"one-failed|$top|$work/src/clean.c $work/src/broken.c"
	"all-failed|$top|$work/src/broken.c $work/src/broken2.c"
	"category|$top|--sarif-category linux/x86_64 testdata/csrc/lock-owner"
)
failed=0
for r in "${runs[@]}"; do
	IFS='|' read -r name dir rest <<<"$r"
	read -r -a args <<<"$rest"
	out=$work/$name.sarif
	set +e
	(cd "$dir" && "$kp" check --format sarif -o "$out" "${args[@]}" 2>/dev/null)
	code=$?
	set -e
	if [[ ! -s $out ]]; then
		echo "validate-sarif: $name: no SARIF written (exit $code)" >&2
		failed=1
		continue
	fi
	"$mt" validate --rule-kind "Sarif;Gh" -c "$rules" -o "$out.validation" "$out" >/dev/null
	# Every result of the validation log is an error, warning or note.
	problems=$(python3 - "$out.validation" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
for run in log.get("runs", []):
    for r in run.get("results", []):
        level = r.get("level", "warning")
        if level in ("error", "warning"):
            msg = r.get("message", {})
            print(f'{level} {r.get("ruleId")}: {msg.get("text") or msg.get("arguments")}')
PY
)
	results=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' "$out")
	if [[ -n $problems ]]; then
		echo "validate-sarif: $name ($results results, exit $code): the Multitool reports:" >&2
		echo "$problems" | head -20 >&2
		failed=1
	else
		echo "validate-sarif: $name: $results results (exit $code), no errors or warnings"
	fi
done
exit $failed
