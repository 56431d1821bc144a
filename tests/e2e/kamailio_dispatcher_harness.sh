#!/usr/bin/env bash
# kamailio_dispatcher_harness.sh — e2e: the SBC harness (lib/sbc.sh) and
# contrib/kamailio/kamailio.cfg on their own, without gatewatch.
#
# Starts Kamailio (contrib config as is) with dispatcher set 1 = two SIPp trunks, and a SIPp
# caller at a steady 20 calls/s. Asserts:
#   1. both trunks receive INVITEs, and dispatcher.list shows both "AX";
#   2. the JSON-RPC answers gatewatch's client relies on: dispatcher.set_state "i" on trunk 1
#      answers the success result and dispatcher.list then shows "IX"; an unknown destination
#      gets the error "State Update Failed"; a batch array gets {} and changes nothing; an
#      unknown method gets "Method Not Found"; a body that is not JSON gets the parse error;
#   3. trunk 1 inactive: no INVITE routed after the set_state answer reaches trunk 1 (nor is
#      sent to it), while trunk 2 receives 20 more;
#   4. set_state "a": trunk 1 receives INVITEs again;
#   5. with trunk 1 inactive, Kamailio restarted: dispatcher.list shows both "AX" again (what
#      gatewatch's resync corrects) and trunk 1 gets calls again;
#   6. no call failed before the restart.
# Every wait polls with a deadline. Prints its duration.
# usage: kamailio_dispatcher_harness.sh [BUILD_DIR]   (KEEP=1 keeps the work directory)
# Exit 0 pass, 1 fail, 77 skipped (kamailio with dispatcher/xhttp/jsonrpcs, sipp, curl missing).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
sbc=$here/lib/sbc.sh
start_ts=$(date +%s.%N)

for t in kamailio sipp curl python3; do
  command -v "$t" >/dev/null || { echo "SKIP: $t not installed"; exit 77; }
done
moddir=""
for d in /usr/lib/x86_64-linux-gnu/kamailio/modules /usr/lib/kamailio/modules \
         /usr/local/lib64/kamailio/modules /usr/local/lib/kamailio/modules; do
  [[ -f $d/dispatcher.so ]] && { moddir=$d; break; }
done
for m in dispatcher tm tmx xhttp jsonrpcs rr siputils textops maxfwd xlog; do
  [[ -n $moddir && -f $moddir/$m.so ]] || { echo "SKIP: kamailio module $m not found"; exit 77; }
done

work=$(mktemp -d)
cleanup() {
  set +e
  "$sbc" stop "$work/sbc" >/dev/null 2>&1
  if [[ ${KEEP:-0} == 1 ]]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*"
  echo "--- count"; "$sbc" count "$work/sbc" 2>&1 || true
  echo "--- kamailio log (tail)"; tail -n 30 "$work/sbc/kamailio.log" 2>/dev/null || true
  exit 1
}
now() { date +%s.%N; }
rpc_raw() { curl -s -m 5 -H 'Content-Type: application/json' -d "$1" "$KAM_RPC_URL"; }
expect_body() {  # WHAT GOT WANT
  [[ $2 == "$3" ]] || fail "$1: got '$2', want '$3'"
  echo "ok   $1: $2"
}
count_var() { "$sbc" count "$work/sbc" "${@:2}" | sed -n "s/^$1=//p"; }
await() { "$sbc" wait "$work/sbc" "$@" >/dev/null || fail "waiting for ${1} >= ${2}"; }

"$sbc" start "$work/sbc" --calls 20 --hold 200 >/dev/null || fail "sbc.sh start"
# shellcheck source=/dev/null
source "$work/sbc/env"
echo "SBC: Kamailio sip $KAM_SIP_PORT, rpc $KAM_RPC_URL; trunk1 $TRUNK1_URI, trunk2 $TRUNK2_URI"

# --- 1. both trunks get calls -------------------------------------------------------------------
await TRUNK1_INVITES 5 10
await TRUNK2_INVITES 5 10
[[ $("$sbc" state "$work/sbc" 1) == AX && $("$sbc" state "$work/sbc" 2) == AX ]] ||
  fail "dispatcher.list does not show both trunks AX"
echo "ok   both trunks receive INVITEs; both AX"

# --- 2. the answers the C++ client parses --------------------------------------------------------
ok='{"jsonrpc":"2.0","result":"Ok. Dispatcher state updated.","id":1}'
got=$(rpc_raw "{\"jsonrpc\":\"2.0\",\"method\":\"dispatcher.set_state\",\"params\":[\"i\",1,\"$TRUNK1_URI\"],\"id\":1}")
t_inactive=$(now)
expect_body "set_state i trunk1" "$got" "$ok"
[[ $("$sbc" state "$work/sbc" 1) == IX ]] || fail "trunk 1 is not IX after set_state i"
echo "ok   dispatcher.list: trunk1 IX"
got=$(rpc_raw '{"jsonrpc":"2.0","method":"dispatcher.set_state","params":["i",1,"sip:127.0.0.1:1"],"id":2}')
expect_body "set_state unknown destination" "$got" \
  '{"jsonrpc":"2.0","error":{"code":500,"message":"State Update Failed"},"id":2}'
got=$(rpc_raw "[{\"jsonrpc\":\"2.0\",\"method\":\"dispatcher.set_state\",\"params\":[\"i\",1,\"$TRUNK2_URI\"],\"id\":3}]")
expect_body "batch array" "$got" '{"jsonrpc":"2.0","result":{}}'
[[ $("$sbc" state "$work/sbc" 2) == AX ]] || fail "the batch changed trunk 2's state"
echo "ok   the batch changed nothing: trunk2 AX"
got=$(rpc_raw '{"jsonrpc":"2.0","method":"no.such_method","id":4}')
expect_body "unknown method" "$got" '{"jsonrpc":"2.0","error":{"code":500,"message":"Method Not Found"},"id":4}'
got=$(rpc_raw 'not json')
expect_body "not JSON" "$got" '{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}'

# --- 3. trunk 1 inactive: no new INVITE reaches it -----------------------------------------------
await TRUNK2_INVITES 20 10 --since "$t_inactive"
[[ $(count_var TRUNK1_ROUTED --since "$t_inactive") == 0 ]] ||
  fail "Kamailio routed INVITEs to inactive trunk 1"
[[ $(count_var TRUNK1_INVITES --since "$t_inactive") == 0 ]] ||
  fail "trunk 1 received INVITEs routed after it was set inactive"
echo "ok   trunk1 inactive: 0 INVITEs routed to it while trunk2 received 20"

# --- 4. active again ----------------------------------------------------------------------------
got=$(rpc_raw "{\"jsonrpc\":\"2.0\",\"method\":\"dispatcher.set_state\",\"params\":[\"a\",1,\"$TRUNK1_URI\"],\"id\":1}")
t_active=$(now)
expect_body "set_state a trunk1" "$got" "$ok"
await TRUNK1_INVITES 5 10 --since "$t_active"
echo "ok   trunk1 active again: receives INVITEs"
failed=$(( $(count_var CALLS_FAILED) + $(count_var CALLS_TIMEOUT) + $(count_var CALLS_ABORTED) ))
(( failed == 0 )) || fail "$failed calls failed before the restart"
echo "ok   $(count_var CALLS_OK) calls answered, none failed"

# --- 5. restart Kamailio while trunk 1 is inactive: it comes back with both active ---------------
got=$(rpc_raw "{\"jsonrpc\":\"2.0\",\"method\":\"dispatcher.set_state\",\"params\":[\"i\",1,\"$TRUNK1_URI\"],\"id\":1}")
expect_body "set_state i trunk1 (before the restart)" "$got" "$ok"
"$sbc" kamailio-restart "$work/sbc" || fail "kamailio-restart"
t_restart=$(now)
s1=$("$sbc" state "$work/sbc" 1) s2=$("$sbc" state "$work/sbc" 2)
[[ $s1 == AX && $s2 == AX ]] || fail "after the restart: trunk1 $s1, trunk2 $s2 (want AX AX)"
echo "ok   Kamailio restarted: dispatcher.list shows trunk1 AX, trunk2 AX (state lost)"
await TRUNK1_INVITES 3 10 --since "$t_restart"
echo "ok   and trunk1 gets calls again"

"$sbc" count "$work/sbc" | paste -sd' ' -
elapsed=$(python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.1f}")' "$start_ts" "$(now)")
echo "PASS: kamailio dispatcher harness (${elapsed} s)"
