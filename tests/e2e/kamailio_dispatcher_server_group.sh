#!/usr/bin/env bash
# kamailio_dispatcher_server_group.sh — e2e (issue 18): on a server-group dial-peer, every
# member is its own destination of Kamailio's dispatcher (design.md, "Acting on the verdicts:
# Kamailio's dispatcher"). Kamailio (contrib/kamailio/kamailio.cfg through lib/sbc.sh) holds
# dispatcher set 1 = two SIPp trunks; gatewatch's voice class server-group 1 has both trunks
# as members, and dial-peer 1 (session server-group 1, kamailio dispatcher set 1, no uri)
# binds each member as its own destination.
#
# Asserts:
#   1. `show kamailio`: 2 destinations bound (one per member), both in sync; both AX;
#   2. trunk 1 killed (silent): server-group.member.down for it, then
#      kamailio.dispatcher.set (set 1, trunk 1's URI, state i, dial_peer 1); dispatcher.list
#      shows trunk 1 IX while trunk 2 stays AX; dial-peer 1 is partial, not busyout (no
#      dial-peer.down);
#   3. trunk 1 back: server-group.member.up, set state a, AX; trunk 2 never left AX.
# Every wait polls with a deadline (await_event); no sleep decides a result.
# usage: kamailio_dispatcher_server_group.sh [BUILD_DIR|GATEWATCH]   (KEEP=1 keeps the work dir)
# Exit 0 pass, 1 fail, 77 skip (kamailio with dispatcher/xhttp/jsonrpcs, sipp, curl missing).
source "$(dirname "$0")/ops_common.sh"
need kamailio sipp curl
start_ts=$(date +%s.%N)
moddir=""
for d in /usr/lib/x86_64-linux-gnu/kamailio/modules /usr/lib/kamailio/modules \
         /usr/local/lib64/kamailio/modules /usr/local/lib/kamailio/modules; do
  [[ -f $d/dispatcher.so ]] && { moddir=$d; break; }
done
for m in dispatcher tm tmx xhttp jsonrpcs rr siputils textops maxfwd xlog; do
  [[ -n $moddir && -f $moddir/$m.so ]] || { echo "SKIP: kamailio module $m not found"; exit 77; }
done

sbc=$lib/sbc.sh
_sbc_cleanup() { "$sbc" stop "$work/sbc" >/dev/null 2>&1 || true; }
trap '_sbc_cleanup; cleanup' EXIT
_fail=$(declare -f fail)
eval "${_fail/fail ()/_gw_fail ()}"
fail() {
  echo "--- kamailio log (tail)"; tail -n 15 "$work/sbc/kamailio.log" 2>/dev/null || true
  echo "--- show kamailio"; show_kamailio 2>&1 || true
  _gw_fail "$@"
}
show_kamailio() { echo "show kamailio" | "$gw" cli --control "$sock"; }
state_of() { "$sbc" state "$work/sbc" "$1" 2>/dev/null || true; }
now() { date +%s.%N; }
elapsed() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.3f}")' "$1" "$2"; }

"$sbc" start "$work/sbc" >/dev/null || fail "sbc.sh start"
# shellcheck source=/dev/null
source "$work/sbc/env"
cat >"$work/gw.cfg" <<CFG
voice class sip-options-keepalive 1
 up-interval 5
 down-interval 5
 retry 1
!
voice class server-group 1
 ipv4 127.0.0.1 port $TRUNK1_PORT
 ipv4 127.0.0.1 port $TRUNK2_PORT
!
dial-peer voice 1 voip
 session server-group 1
 voice-class sip options-keepalive profile 1
 kamailio dispatcher set 1
!
kamailio rpc $KAM_RPC_URL
kamailio resync 2
CFG
"$gw" check -c "$work/gw.cfg" >/dev/null || fail "gatewatch check rejected $(cat "$work/gw.cfg")"
ops_start "$work/gw.cfg" 0.1

# --- 1. one destination per member, in sync ---------------------------------------------------
deadline=$((SECONDS + 5))
until out=$(show_kamailio) && grep -q "Destinations: 2 bound, 2 in sync, 0 pending, 0 missing" <<<"$out"; do
  (( SECONDS <= deadline )) || fail "show kamailio never showed both members in sync: $out"
  sleep 0.05
done
[[ $(state_of 1) == AX && $(state_of 2) == AX ]] || fail "trunks not both AX at start"
echo "ok   server-group dial-peer 1: 2 bound (one per member), 2 in sync; both AX"

# --- 2. member 1 silent: its destination only goes inactive -------------------------------------
t_kill=$(now)
"$sbc" trunk-kill "$work/sbc" 1
line=$(await_event 5 event=server-group.member.down group=1 "address=127.0.0.1:$TRUNK1_PORT")
ts_down=$(event_ts "$line")
line=$(await_event 5 event=kamailio.dispatcher.set dial_peer=1 set=1 "uri=$TRUNK1_URI" state=i)
ts_set=$(event_ts "$line")
[[ $(state_of 1) == IX ]] || fail "trunk 1 is $(state_of 1) after kamailio.dispatcher.set i, not IX"
[[ $(state_of 2) == AX ]] || fail "trunk 2 is $(state_of 2) while its member is up, not AX"
(( $(count_events event=dial-peer.down dial_peer=1) == 0 )) || fail "dial-peer 1 went busyout"
echo "ok   member 1 killed: member.down after $(elapsed "$t_kill" "$ts_down")s, set i" \
     "$(elapsed "$ts_down" "$ts_set")s later; trunk1 IX, trunk2 AX"

# --- 3. member 1 back -------------------------------------------------------------------------
"$sbc" trunk-start "$work/sbc" 1
line=$(await_event 5 event=server-group.member.up group=1 "address=127.0.0.1:$TRUNK1_PORT")
ts_up=$(event_ts "$line")
line=$(await_event 5 event=kamailio.dispatcher.set dial_peer=1 set=1 "uri=$TRUNK1_URI" state=a)
[[ $(state_of 1) == AX ]] || fail "trunk 1 is $(state_of 1) after kamailio.dispatcher.set a, not AX"
[[ $(state_of 2) == AX ]] || fail "trunk 2 is $(state_of 2), not AX"
(( $(count_events event=kamailio.dispatcher.set "uri=$TRUNK2_URI") == 0 )) ||
  fail "trunk 2's destination was set although its member never changed"
echo "ok   member 1 back: set a $(elapsed "$ts_up" "$(event_ts "$line")")s after member.up; both AX"
gw_stop
echo "PASS: each server-group member drives its own dispatcher destination ($(elapsed "$start_ts" "$(now)") s)"
