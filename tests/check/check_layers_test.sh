#!/usr/bin/env bash
# scripts/check-layers on the fixture tree tests/check/layers: the clean tree passes silently,
# and each rule is broken once in a fresh copy, which must fail naming the file:line and rule.
# Usage: check_layers_test.sh [CHECK_LAYERS]   (default: scripts/check-layers of this tree)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
check=${1:-$here/../../scripts/check-layers}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# The clean tree: exit 0, nothing printed.
out=$("$check" "$here/layers" 2>&1) && rc=0 || rc=$?
[[ $rc == 0 && -z $out ]] || fail "clean tree: exit $rc, output: $out"

# case NAME EXPECTED MUTATION...: copy the tree, run MUTATION in it, expect exit 1 and a line
# that starts with EXPECTED.
n=0
case_() {
  local name=$1 expected=$2
  shift 2
  n=$((n + 1))
  local tree=$tmp/$n
  cp -r "$here/layers" "$tree"
  (cd "$tree" && eval "$*")
  local out rc
  out=$("$check" "$tree" 2>&1) && rc=0 || rc=$?
  if [[ $rc != 1 ]]; then
    fail "$name: exit $rc, want 1; output: $out"
  elif ! grep -qF -- "$expected" <<<"$out"; then
    fail "$name: no line '$expected' in: $out"
  else
    echo "ok: $name"
  fi
}

case_ "a layer includes a layer above it" \
  "src/config/reader.cpp:12: [layer-order]" \
  'echo "#include \"ops/fd.hpp\"" >> src/config/reader.cpp'
case_ "a layer includes one on its own level" \
  "src/services/dial_peer/peer.cpp:2: [layer-order]" \
  'echo "#include \"services/sip_ua/sip_service.hpp\"" >> src/services/dial_peer/peer.cpp'
case_ "a pure folder includes an I/O header" \
  "src/cli/words.hpp:11: [pure-io] includes <unistd.h>" \
  'echo "#include <unistd.h>" >> src/cli/words.hpp'
case_ "a pure file by name includes Asio" \
  "src/services/sip_ua/sip_plan.cpp:3: [pure-io] includes <asio/io_context.hpp>" \
  'echo "#include <asio/io_context.hpp>" >> src/services/sip_ua/sip_plan.cpp'
case_ "a pure folder reads the environment" \
  "src/base/clock.hpp:13: [pure-io] calls getenv" \
  'echo "inline const char* home() { return std::getenv(\"HOME\"); }" >> src/base/clock.hpp'
case_ "a pure folder reads the clock" \
  "src/config/reader.cpp:12: [pure-io] calls SteadyClock::now" \
  'echo "auto started = SteadyClock::now();" >> src/config/reader.cpp'
case_ "a pure folder reads a file descriptor" \
  "src/config/reader.cpp:12: [pure-io] calls ::read(" \
  'echo "long n = ::read(0, nullptr, 0);" >> src/config/reader.cpp'
case_ "a file over 400 lines" \
  "src/ops/fd.cpp:401: [file-size] 412 lines" \
  'for i in $(seq 400); do echo "// $i" >> src/ops/fd.cpp; done'
case_ "a folder over 30 files" \
  "src/ops/: [folder-size] 31 files" \
  'for i in $(seq 29); do echo "#pragma once" > src/ops/extra_$i.hpp; done'
case_ "CMake misses a layer the code includes" \
  "src/CMakeLists.txt:2: [cmake-deps] gw_cli does not link gw_base" \
  'sed -i "s/^gw_layer(cli DEPS gw_base)/gw_layer(cli)/" src/CMakeLists.txt'
case_ "CMake links a layer no file includes" \
  "src/CMakeLists.txt:7: [cmake-deps] gw_services_dial_peer links gw_config" \
  'sed -i "s/DEPS gw_services)/DEPS gw_services gw_config)/" src/CMakeLists.txt'
case_ "a folder in no layer" \
  "src/extra/x.hpp: [unknown-layer]" \
  'mkdir src/extra && echo "#pragma once" > src/extra/x.hpp'

if ((failures)); then
  echo "check_layers_test: $failures of $((n + 1)) cases failed" >&2
  exit 1
fi
echo "check_layers_test: all $((n + 1)) cases passed"
