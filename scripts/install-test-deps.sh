#!/usr/bin/env bash
# install-test-deps.sh - install what the integration tests run beside
# kpreempt, as its users run it: the Python modules of b4 0.14 (the real b4
# is in ../shared/tools/b4) from Debian, Debian's headless Chromium (the
# HTML report is tested in it, through chromedp; chromium-driver for
# WebDriver tools, fonts-liberation for legible screenshots), and the SARIF
# Multitool (npm, pinned; scripts/validate-sarif.sh installs it on first
# use). Idempotent.
set -euo pipefail
PACKAGES=(python3-requests python3-dkim python3-dnspython python3-patatt git-filter-repo
	chromium chromium-driver fonts-liberation)

installed() {
	local st
	st=$(dpkg-query -W -f='${db:Status-Status}\n' "$1" 2>/dev/null) || return 1
	[[ $'\n'$st$'\n' == *$'\n'installed$'\n'* ]]
}
missing=()
for p in "${PACKAGES[@]}"; do
	installed "$p" || missing+=("$p")
done
if ((${#missing[@]})); then
	sudo=()
	if ((EUID != 0)); then
		command -v sudo >/dev/null || { echo "install-test-deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
		sudo=(sudo)
	fi
	echo "install-test-deps: installing ${missing[*]}" >&2
	if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/install-test-deps.log 2>&1; then
		"${sudo[@]}" apt-get update >>/tmp/install-test-deps.log 2>&1
		"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >>/tmp/install-test-deps.log 2>&1 ||
			{ tail -20 /tmp/install-test-deps.log >&2; exit 1; }
	fi
fi
command -v npm >/dev/null || { echo "install-test-deps: npm is not installed (the SARIF Multitool is an npm package)" >&2; exit 1; }
command -v chromium >/dev/null || { echo "install-test-deps: chromium is not on PATH after installing it" >&2; exit 1; }
echo "install-test-deps: b4's Python modules, chromium and npm are present" >&2
