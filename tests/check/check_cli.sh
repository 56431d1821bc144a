#!/usr/bin/env bash
# `gatewatch check`: the seed's examples are accepted, errors follow design.md's format with
# the caret column, exit codes are 0/1/2, and --extract takes a router configuration.
# Usage: check_cli.sh GATEWATCH
set -euo pipefail
gw=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. Every example of the seed, inside its block, is accepted and printed canonically.
"$gw" check -c "$here/seed_examples.cfg" > "$tmp/out" || fail "seed examples rejected"
diff -u "$here/seed_examples.expected" "$tmp/out" || fail "seed canonical output differs"
# Canonical output is a fixed point.
"$gw" check -c "$tmp/out" > "$tmp/out2" || fail "canonical output rejected"
cmp -s "$tmp/out" "$tmp/out2" || fail "render(parse(render)) is not byte-identical"

# 2. Out-of-range values: FILE:LINE:COL: % message, the line, the caret; exit 1; stdout empty.
printf 'sccp ccm group 1\n keepalive retries 33\nsip-ua\n keepalive trigger 11\n' > "$tmp/bad.cfg"
set +e
"$gw" check -c "$tmp/bad.cfg" > "$tmp/bad.out" 2> "$tmp/bad.err"
rc=$?
set -e
[[ $rc == 1 ]] || fail "invalid file exit code $rc, want 1"
[[ ! -s $tmp/bad.out ]] || fail "invalid file printed a config"
cat > "$tmp/bad.want" <<WANT
$tmp/bad.cfg:2:20: % Invalid input detected at '^' marker.
 keepalive retries 33
                   ^
$tmp/bad.cfg:4:20: % Invalid input detected at '^' marker.
 keepalive trigger 11
                   ^
WANT
diff -u "$tmp/bad.want" "$tmp/bad.err" || fail "error format"

# 3. Usage errors exit 2; a missing file exits 1.
set +e
"$gw" check > /dev/null 2>&1; [[ $? == 2 ]] || fail "check without a file should exit 2"
"$gw" frobnicate > /dev/null 2>&1; [[ $? == 2 ]] || fail "unknown subcommand should exit 2"
"$gw" check -c "$tmp/nonexistent" > /dev/null 2>&1; [[ $? == 1 ]] || fail "missing file should exit 1"
set -e

# 4. Hostile bytes: random data, NUL, a 1 MiB line, CRLF: exit 0 or 1, never a crash.
head -c 200000 /dev/urandom > "$tmp/random.cfg"
printf 'sip-ua\r\n\tkeepalive trigger 4\r\n' > "$tmp/crlf.cfg"
{ printf 'hostname '; head -c 1048576 /dev/zero | tr '\0' 'a'; printf '\n'; } > "$tmp/long.cfg"
printf 'sip-ua\n keepalive\0 trigger 3\n' > "$tmp/nul.cfg"
for f in random long nul; do
  set +e
  "$gw" check -c "$tmp/$f.cfg" > /dev/null 2>&1
  rc=$?
  set -e
  [[ $rc == 1 ]] || fail "$f.cfg: exit $rc, want 1"
done
"$gw" check -c "$tmp/crlf.cfg" | grep -q '^ keepalive trigger 4$' || fail "CRLF/tab config not accepted"

# 5. --extract keeps the known commands of a router configuration and lists the rest.
"$gw" check --extract "$here/router.txt" > "$tmp/extract.out" 2> "$tmp/extract.err" || fail "extract failed"
diff -u "$here/router.expected" "$tmp/extract.out" || fail "extract output differs"
grep -q 'interface GigabitEthernet0/0' "$tmp/extract.err" || fail "skipped lines not listed"
"$gw" check -c "$tmp/extract.out" > /dev/null || fail "extract output is not a valid config"

# 6. A published-style CUBE configuration with server groups, as shown (indented) and with its
#    indentation lost (copied off a web page): the same configuration, server groups kept.
cube=$here/../config/data/cube_server_group.cfg
"$gw" check --extract "$cube" > "$tmp/cube.out" 2> "$tmp/cube.err" || fail "extract of the CUBE config failed"
sed 's/^[[:space:]]*//' "$cube" > "$tmp/cube_flat.cfg"
"$gw" check --extract "$tmp/cube_flat.cfg" > "$tmp/cube_flat.out" 2> /dev/null || fail "extract of the flat copy failed"
diff -u "$tmp/cube.out" "$tmp/cube_flat.out" || fail "flat and indented copies extract differently"
for l in 'voice class server-group 1' ' ipv4 203.0.113.12 port 5070 preference 3' ' hunt-scheme round-robin' \
         ' ipv6 2001:db8::10 preference 2' ' session server-group 2' ' up-interval 30' ' transport tcp'; do
  grep -qxF -- "$l" "$tmp/cube.out" || fail "extract lost: $l"
done
"$gw" check -c "$tmp/cube.out" > /dev/null || fail "the CUBE extract is not a valid config"
echo "check_cli: all assertions passed"
