#!/usr/bin/env bash
# kamailio_dispatcher_gatewatch.sh — e2e (issue 17, "End-to-end"): gatewatch drives Kamailio's
# dispatcher, proven with real calls. Kamailio (contrib/kamailio/kamailio.cfg as is, through
# lib/sbc.sh) routes a SIPp caller's steady 20 calls/s round robin over dispatcher set 1 = two
# SIPp trunks; gatewatch probes both trunks (dial-peers 1 and 2, bound to set 1) and drives
# the dispatcher over JSON-RPC (kamailio rpc URL, kamailio resync 2).
#
# gatewatch: up-interval 5, down-interval 5, retry 1, --time-scale 0.1, so (reference/
# ios-keepalive.md) one attempt every 0.5 s, failing 0.1 * (0.5 + 1.0) = 0.15 s after its first
# send when unanswered. A trunk that dies just after an answered attempt is found down at the
# latest up-interval + attempt time after its death:
#     D = 0.1 * (5 + 0.5 + 1.0) = 0.65 s        (the IOS detection time at this scale)
# Over that window the caller sends RATE * D calls, half of them (round robin) to the dead
# trunk; each waits FR_TIMER (2 s) there, then fails over to the other trunk.
#
# Asserts:
#   1. steady calls reach both trunks; `show kamailio` (via gatewatch cli) shows the URL as
#      reachable and both destinations in sync;
#   2. trunk 1 killed (SIGKILL): dial-peer.down for dial-peer 1 within D + SLACK of the kill,
#      then kamailio.dispatcher.set (set 1, trunk 1's URI, state i) — Kamailio confirmed —
#      within 0.2 s of it, and dispatcher.list shows trunk 1 IX;
#   3. no INVITE is routed to trunk 1 at or after that event's time, while trunk 2 takes 20
#      calls; the INVITEs routed to the dead trunk between its death and the event are at most
#      ceil(RATE / 2 * (D + SLACK)) + 2 (SLACK = 0.35 s: scheduling on a loaded 2-core box,
#      and the caller's own burstiness); calls that failed (not failed over) since the kill
#      are no more than those routed to the dead trunk;
#   4. trunk 1 back: dial-peer.up within the down-interval (0.5 s) + SLACK + start time, set
#      state a, dispatcher.list AX, and trunk 1 receives INVITEs routed after that event;
#   5. trunk 1 killed again, then Kamailio restarted (it comes back with every destination
#      active): trunk 1 is IX again within resync + 1 s = 3 s of Kamailio answering again;
#   6. trunk 1 back (set a), then Kamailio stopped (its RPC away) and trunk 1 killed (a
#      transition to send): kamailio.rpc.down with an error, `show kamailio` NOT reachable and
#      trunk 1 pending; Kamailio started (fresh: every destination active): kamailio.rpc.up,
#      then the state applied (kamailio.dispatcher.set state i after it, dispatcher.list IX)
#      and no INVITE routed to trunk 1 after that;
#   7. `show kamailio` shows the URL reachable, 2 in sync, and the request counts; SIGTERM
#      stops gatewatch within 1 s with status 0.
# Every wait polls with a deadline (await_event, sbc.sh wait); no sleep decides a result.
# Prints the measured times and its duration.
# usage: kamailio_dispatcher_gatewatch.sh [BUILD_DIR|GATEWATCH]   (KEEP=1 keeps the work dir)
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
rate=20 scale=0.1 up=5 down=5 retry=1 resync=2
# The detection time D and the slack (see the header), in seconds.
read -r D SLACK < <(python3 -c '
import sys
scale, up, retry = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
attempt = sum(min(0.5 * 2 ** i, 4.0) for i in range(retry + 1))
print(f"{scale * (up + attempt):.3f} 0.35")' "$scale" "$up" "$retry")
max_dead_routed=$(python3 -c 'import math, sys; print(math.ceil(float(sys.argv[1]) / 2 * (float(sys.argv[2]) + float(sys.argv[3]))) + 2)' "$rate" "$D" "$SLACK")

# sip_common.sh's cleanup does not know the SBC: stop it first (cleanup removes $work, where
# sbc.sh keeps its pid files).
_sbc_cleanup() { "$sbc" stop "$work/sbc" >/dev/null 2>&1 || true; }
trap '_sbc_cleanup; cleanup' EXIT
# fail: the SBC's view first, then sip_common.sh's fail (renamed _gw_fail) with events and log.
_fail=$(declare -f fail)
eval "${_fail/fail ()/_gw_fail ()}"
fail() {
  echo "--- sbc count"; "$sbc" count "$work/sbc" 2>&1 | paste -sd' ' - || true
  echo "--- kamailio log (tail)"; tail -n 15 "$work/sbc/kamailio.log" 2>/dev/null || true
  echo "--- show kamailio"; show_kamailio 2>&1 || true
  _gw_fail "$@"
}

now() { date +%s.%N; }
elapsed() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.3f}")' "$1" "$2"; }
le() { python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) <= float(sys.argv[2]) else 1)' "$1" "$2"; }
count_var() { "$sbc" count "$work/sbc" "${@:2}" | sed -n "s/^$1=//p"; }
await_calls() { "$sbc" wait "$work/sbc" "$@" >/dev/null || fail "waiting for $1 >= $2 ${*:4}"; }
show_kamailio() { echo "show kamailio" | "$gw" cli --control "$sock"; }
state_of() { "$sbc" state "$work/sbc" "$1" 2>/dev/null || true; }

# await_state N FLAGS SECONDS: poll dispatcher.list until trunk N shows FLAGS; prints the
# time it was seen.
await_state() {
  local n=$1 want=$2 deadline s
  deadline=$(python3 -c 'import sys, time; print(time.time() + float(sys.argv[1]))' "$3")
  while :; do
    s=$(state_of "$n")
    if [[ $s == "$want" ]]; then now; return 0; fi
    le "$(now)" "$deadline" || fail "trunk $n is '$s' in dispatcher.list, not $want within ${3}s"
    sleep 0.02
  done
}

# await_nth SECONDS N K=V...: like await_event, but waits for the N-th matching event.
await_nth() {
  local t=$1 n=$2
  shift 2
  python3 - "$events" "$t" "$n" "$@" <<'PY' || fail "no event #$n $* within ${t}s"
import json, sys, time
path, timeout, n = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
want = dict(a.split("=", 1) for a in sys.argv[4:])
deadline = time.monotonic() + timeout
while True:
    m = []
    with open(path) as f:
        for line in f:
            if not line.endswith("\n"): break
            ev = json.loads(line)
            if all(str(ev.get(k)) == v for k, v in want.items()): m.append(line.rstrip("\n"))
    if len(m) >= n: print(m[n - 1]); sys.exit(0)
    if time.monotonic() > deadline: sys.exit(1)
    time.sleep(0.02)
PY
}

# --- the SBC and gatewatch ----------------------------------------------------------------------
"$sbc" start "$work/sbc" --calls "$rate" --hold 200 >/dev/null || fail "sbc.sh start"
# shellcheck source=/dev/null
source "$work/sbc/env"
cat >"$work/gw.cfg" <<CFG
voice class sip-options-keepalive 1
 up-interval $up
 down-interval $down
 retry $retry
!
dial-peer voice 1 voip
 session target ipv4:127.0.0.1:$TRUNK1_PORT
 voice-class sip options-keepalive profile 1
 kamailio dispatcher set 1
!
dial-peer voice 2 voip
 session target ipv4:127.0.0.1:$TRUNK2_PORT
 voice-class sip options-keepalive profile 1
 kamailio dispatcher set 1
!
kamailio rpc $KAM_RPC_URL
kamailio resync $resync
CFG
"$gw" check -c "$work/gw.cfg" >/dev/null || fail "gatewatch check rejected $(cat "$work/gw.cfg")"
ops_start "$work/gw.cfg" "$scale"
echo "SBC: Kamailio sip $KAM_SIP_PORT, rpc $KAM_RPC_URL; trunk1 $TRUNK1_URI, trunk2 $TRUNK2_URI"
echo "IOS detection time D = $D s (scale $scale, up-interval $up, retry $retry); slack $SLACK s;" \
     "at most $max_dead_routed INVITEs routed to a dead trunk"

# --- 1. steady calls over both trunks, gatewatch in sync --------------------------------------
await_calls TRUNK1_INVITES 5 10
await_calls TRUNK2_INVITES 5 10
deadline=$((SECONDS + 5))
until out=$(show_kamailio) && grep -q "Destinations: 2 bound, 2 in sync, 0 pending, 0 missing" <<<"$out"; do
  (( SECONDS <= deadline )) || fail "show kamailio never showed both destinations in sync: $out"
  sleep 0.05
done
grep -q "RPC URL $KAM_RPC_URL is reachable" <<<"$out" || fail "show kamailio: $out"
[[ $(state_of 1) == AX && $(state_of 2) == AX ]] || fail "trunks not both AX at start"
echo "ok   calls reach both trunks; show kamailio: 2 bound, 2 in sync; both AX"

# --- 2. trunk 1 dies -------------------------------------------------------------------------
t_kill=$(now)
"$sbc" trunk-kill "$work/sbc" 1
line=$(await_event 5 event=dial-peer.down dial_peer=1)
ts_down=$(event_ts "$line")
line=$(await_event 5 event=kamailio.dispatcher.set dial_peer=1 set=1 "uri=$TRUNK1_URI" state=i)
ts_set=$(event_ts "$line")
detect=$(elapsed "$t_kill" "$ts_down") apply=$(elapsed "$ts_down" "$ts_set")
le "$detect" "$(python3 -c "print($D + $SLACK)")" ||
  fail "dial-peer.down ${detect}s after the kill, more than D + slack = $D + $SLACK s"
le "$apply" 0.2 || fail "kamailio.dispatcher.set ${apply}s after dial-peer.down (> 0.2 s)"
[[ $(state_of 1) == IX ]] || fail "trunk 1 is $(state_of 1) after kamailio.dispatcher.set i, not IX"
echo "ok   trunk1 killed: dial-peer.down after ${detect}s (D = $D s), Kamailio set i ${apply}s later; IX"

# --- 3. no call for the dead trunk after the set --------------------------------------------------
await_calls TRUNK2_INVITES 20 10 --since "$ts_set"
after=$(count_var TRUNK1_ROUTED --since "$ts_set")
(( after == 0 )) || fail "$after INVITEs routed to dead trunk 1 after kamailio.dispatcher.set i"
dead_routed=$(count_var TRUNK1_ROUTED --since "$t_kill")
(( dead_routed <= max_dead_routed )) ||
  fail "$dead_routed INVITEs routed to dead trunk 1 between its death and the set (max $max_dead_routed)"
failed=$(( $(count_var CALLS_FAILED --since "$t_kill") + $(count_var CALLS_TIMEOUT --since "$t_kill") \
           + $(count_var CALLS_ABORTED --since "$t_kill") ))
(( failed <= dead_routed )) || fail "$failed calls failed since the kill, more than the $dead_routed routed to the dead trunk"
echo "ok   0 INVITEs routed to trunk1 after the set (trunk2 took 20); $dead_routed routed to it" \
     "while dead (max $max_dead_routed); $failed calls failed"

# --- 4. trunk 1 comes back -------------------------------------------------------------------
t_start=$(now)
"$sbc" trunk-start "$work/sbc" 1
t_started=$(now)
line=$(await_event 5 event=dial-peer.up dial_peer=1)
ts_up=$(event_ts "$line")
line=$(await_event 5 event=kamailio.dispatcher.set dial_peer=1 set=1 "uri=$TRUNK1_URI" state=a)
ts_set_a=$(event_ts "$line")
recover=$(elapsed "$t_started" "$ts_up")
le "$recover" "$(python3 -c "print($scale * $down + $SLACK)")" ||
  fail "dial-peer.up ${recover}s after the trunk was listening again (down-interval $(python3 -c "print($scale * $down)") s)"
[[ $(state_of 1) == AX ]] || fail "trunk 1 is $(state_of 1) after kamailio.dispatcher.set a, not AX"
await_calls TRUNK1_INVITES 5 10 --since "$ts_set_a"
echo "ok   trunk1 back (start took $(elapsed "$t_start" "$t_started")s): dial-peer.up ${recover}s later," \
     "set a $(elapsed "$ts_up" "$ts_set_a")s after it; AX; trunk1 receives INVITEs again"

# --- 5. Kamailio restarts while trunk 1 is down: IX again within resync + 1 s ------------------------
"$sbc" trunk-kill "$work/sbc" 1
await_nth 5 2 event=dial-peer.down dial_peer=1 >/dev/null
await_nth 5 2 event=kamailio.dispatcher.set dial_peer=1 state=i >/dev/null
[[ $(state_of 1) == IX ]] || fail "trunk 1 not IX before the restart"
t_r0=$(now)
"$sbc" kamailio-restart "$work/sbc" || fail "kamailio-restart"
t_back=$(now)
t_ix=$(await_state 1 IX "$((resync + 1))")
echo "ok   Kamailio restarted ($(elapsed "$t_r0" "$t_back")s) with trunk1 down: IX again" \
     "$(elapsed "$t_back" "$t_ix")s after it answered (max $((resync + 1)) s)"

# --- 6. Kamailio's RPC away during a transition --------------------------------------------------
# trunk 1 back first (Kamailio running), then Kamailio stopped and trunk 1 killed: the set_state
# i finds no RPC. A fresh Kamailio starts with trunk 1 active: only gatewatch can make it IX.
"$sbc" trunk-start "$work/sbc" 1
await_nth 5 2 event=dial-peer.up dial_peer=1 >/dev/null
await_nth 5 2 event=kamailio.dispatcher.set dial_peer=1 state=a >/dev/null
rpc_down_before=$(count_events event=kamailio.rpc.down)
rpc_up_before=$(count_events event=kamailio.rpc.up)
sets_i_before=$(count_events event=kamailio.dispatcher.set dial_peer=1 state=i)
"$sbc" kamailio-stop "$work/sbc" || fail "kamailio-stop"
"$sbc" trunk-kill "$work/sbc" 1
await_nth 5 3 event=dial-peer.down dial_peer=1 >/dev/null
line=$(await_nth 5 "$((rpc_down_before + 1))" event=kamailio.rpc.down)
grep -q '"error":"[^"]' <<<"$line" || fail "kamailio.rpc.down without an error: $line"
deadline=$((SECONDS + 5))
until out=$(show_kamailio) && grep -Eq "^1 +$TRUNK1_URI +1 +inactive +active +pending" <<<"$out"; do
  (( SECONDS <= deadline )) || fail "show kamailio does not list trunk1 pending (wanted inactive): $out"
  sleep 0.05
done
grep -q "RPC URL $KAM_RPC_URL is NOT reachable" <<<"$out" || fail "show kamailio while away: $out"
(( $(count_events event=kamailio.dispatcher.set dial_peer=1 state=i) == sets_i_before )) ||
  fail "a kamailio.dispatcher.set i while Kamailio was stopped"
echo "ok   Kamailio stopped, trunk1 killed: kamailio.rpc.down" \
     "($(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["error"])' "$line")); show kamailio: NOT reachable, trunk1 pending"
"$sbc" kamailio-start "$work/sbc" || fail "kamailio-start"
t_back=$(now)
line=$(await_nth 10 "$((rpc_up_before + 1))" event=kamailio.rpc.up)
ts_rpc_up=$(event_ts "$line")
line=$(await_nth 5 "$((sets_i_before + 1))" event=kamailio.dispatcher.set dial_peer=1 set=1 "uri=$TRUNK1_URI" state=i)
ts_applied=$(event_ts "$line")
le "$ts_rpc_up" "$ts_applied" || fail "state applied before kamailio.rpc.up"
[[ $(state_of 1) == IX ]] || fail "trunk 1 is $(state_of 1) after the state was applied, not IX"
echo "ok   Kamailio back: kamailio.rpc.up $(elapsed "$t_back" "$ts_rpc_up")s after it answered," \
     "set i $(elapsed "$ts_rpc_up" "$ts_applied")s later; IX"
t_ix=$(now)
await_calls TRUNK2_INVITES 10 10 --since "$t_ix"
(( $(count_var TRUNK1_ROUTED --since "$t_ix") == 0 )) || fail "INVITEs routed to trunk 1 after it was IX again"

# --- 7. show kamailio, and a clean stop ----------------------------------------------------------
out=$(show_kamailio)
echo "$out" | sed -n '/Kamailio dispatcher/,/Requests/p' | sed 's/^/     /'
grep -q "RPC URL $KAM_RPC_URL is reachable" <<<"$out" || fail "show kamailio: URL not reachable"
grep -q "Destinations: 2 bound, 2 in sync, 0 pending, 0 missing" <<<"$out" || fail "show kamailio: not in sync"
grep -q "Resync every $resync s" <<<"$out" || fail "show kamailio: resync"
[[ $out =~ Requests\ ([0-9]+),\ failures\ ([0-9]+),\ JSON-RPC\ errors\ ([0-9]+),\ states\ set\ ([0-9]+),\ lists\ ([0-9]+) ]] ||
  fail "show kamailio: no counts line"
sets=$(count_events event=kamailio.dispatcher.set)
(( BASH_REMATCH[4] >= sets )) || fail "show kamailio: states set ${BASH_REMATCH[4]} < $sets set events"
(( BASH_REMATCH[2] >= 1 )) || fail "show kamailio: no failure counted while Kamailio was stopped"
(( BASH_REMATCH[5] >= 2 )) || fail "show kamailio: lists ${BASH_REMATCH[5]}"
(( BASH_REMATCH[3] == 0 )) || fail "show kamailio: JSON-RPC errors ${BASH_REMATCH[3]}"
grep -q "%GATEWATCH-5-KAMAILIO_DISPATCHER" "$gw_log" || fail "no %GATEWATCH-5-KAMAILIO_DISPATCHER log line"
grep -q "%GATEWATCH-3-KAMAILIO_RPC" "$gw_log" || fail "no %GATEWATCH-3-KAMAILIO_RPC log line"
gw_stop
"$sbc" count "$work/sbc" | paste -sd' ' -
echo "PASS: Kamailio's dispatcher follows gatewatch's verdicts ($(elapsed "$start_ts" "$(now)") s)"
