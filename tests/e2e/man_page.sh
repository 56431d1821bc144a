#!/usr/bin/env bash
# docs/gatewatch.8 renders with `man -l` without a troff warning and documents what the
# binary offers: every subcommand of `gatewatch --help`, every flag of `run --help` and
# `demo --help`, every exit code, the FILES and EXAMPLES sections.
# usage: man_page.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip (no man/groff).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
page=$here/../../docs/gatewatch.8
gw=${1:-${GATEWATCH:-$here/../../build/gatewatch}}
[[ -d $gw ]] && gw=$gw/gatewatch
command -v man >/dev/null && command -v groff >/dev/null || { echo "SKIP: man/groff not installed"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
warnings=$(groff -man -ww -z "$page" 2>&1) || true
[[ -z $warnings ]] || fail "troff warnings: $warnings"
text=$(MANWIDTH=100 man -l "$page" 2>&1) || fail "man -l failed"
for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS EVENTS METRICS SYSTEMD ENVIRONMENT FILES "EXIT STATUS" EXAMPLES; do
  grep -q "^$s" <<<"$text" || fail "no $s section"
done
if [[ -x $gw ]]; then
  for sub in $("$gw" --help | awk 'tolower($0) ~ /^subcommands:/ {on=1; next} on && NF {print $1}'); do
    grep -q "gatewatch $sub" <<<"$text" || fail "subcommand $sub not in the man page"
  done
  for cmd in run demo; do
    for flag in $("$gw" $cmd --help | grep -oE -- '--[a-z-]+' | sort -u); do
      [[ $flag == --help ]] && continue
      grep -qF -- "$flag" <<<"$text" || fail "$cmd flag $flag not in the man page"
    done
  done
fi
echo "PASS: man -l renders $(wc -l <<<"$text") lines, no troff warning, every subcommand and flag documented"
