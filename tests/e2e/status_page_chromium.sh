#!/usr/bin/env bash
# e2e (issue 22): the status page on the --metrics listener, in headless Chromium over the
# DevTools protocol (lib/cdp.py, lib/status_page_check.py), and its two JSON endpoints.
# gatewatch probes one Kamailio (kamA, two UDP ports: the primary and the secondary sip-ua
# target, and dial-peers 10 and 20) and dial-peer 30 on a second Kamailio (kamB); voice port
# 0/0/1 monitors keepalive; with ccm-sim built, one SCCP CCM group of two CallManagers too.
# Timers at --time-scale 0.02: a sip-ua attempt every 0.2 s, a dial-peer attempt every 0.1 s,
# an unanswered attempt fails 0.02 * (0.5 + 1 + 2) = 70 ms after its first send (retry 2: a
# loaded machine's scheduling delay does not flap a target); a stopped Kamailio is found down
# within 0.27 s, the page polls every second.
# Asserts:
#  1. GET /api/v1/status and GET /api/v1/events?since=N answer JSON of the design's schema
#     (lib/status_schema.py): both targets up, port not busy, 3 dial-peers active; events
#     numbered, `next` continues; GET / is text/html with no external asset;
#  2. the page (loaded once) shows every target up; kamA stopped (kamailio.sh stop: SIGTERM to
#     its processes, as an operator stopping it or a crash would close its ports): without a reload the
#     page shows both targets down and 0/0/1 busyout within 2 s of the kill, and dial-peers 10
#     and 20 in the not-active table; no script error, console error or error log entry;
#  3. the JSON agrees: targets down with a reason, port busyout, counts busyout 2, active 1,
#     and the events since the first answer's `next` hold the sip.target.down events;
#  4. gatewatch killed: the page says it is not answering, without a reload.
# SCREENSHOT=PATH keeps the page's screenshot after step 2 (docs/status-page.png is made so).
# usage: status_page_chromium.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
need kamailio curl
chromium=$(command -v chromium || command -v chromium-browser || true)
[[ -n $chromium ]] || { echo "SKIP: chromium not installed"; exit 77; }

read -r pa1 pa2 pb pm c1 c2 < <(free_ports 6)
peer kamailio.sh "$work/kamA" --udp "127.0.0.1:$pa1" --udp "127.0.0.1:$pa2"
peer kamailio.sh "$work/kamB" --udp "127.0.0.1:$pb"
cfg=$work/gw.cfg
{
  printf 'voice-port 0/0/1\n busyout monitor keepalive\n!\n'
  printf 'voice class sip-options-keepalive 1\n up-interval 5\n down-interval 5\n retry 2\n!\n'
  for dp in "10 $pa1" "20 $pa2" "30 $pb"; do
    read -r tag port <<<"$dp"
    printf 'dial-peer voice %s voip\n session target ipv4:127.0.0.1:%s\n' "$tag" "$port"
    printf ' voice-class sip options-keepalive profile 1\n!\n'
  done
  printf 'sip-ua\n keepalive target ipv4:127.0.0.1:%s\n' "$pa1"
  printf ' keepalive target ipv4:127.0.0.1:%s secondary\n' "$pa2"
  printf ' timers keepalive active 10 down 5\n retry keepalive 2\n!\n'
} >"$cfg"
sim=$(dirname "$gw")/ccm-sim
sim_pid=""
if [[ -x $sim ]]; then
  "$sim" --listen "127.0.0.1:$c1" --listen "127.0.0.1:$c2" --keepalive-interval 5 \
    --secondary-interval 5 </dev/null >"$work/sim.out" 2>&1 &
  sim_pid=$!
  printf '%s\n' "sccp ccm 127.0.0.1 identifier 1 port $c1 version 7.0" \
    "sccp ccm 127.0.0.1 identifier 2 port $c2 version 7.0" "sccp" "sccp ccm group 1" \
    " associate ccm 1 priority 1" " associate ccm 2 priority 2" " associate profile 1 register CFB1" \
    "dspfarm profile 1 conference" " associate application SCCP" >>"$cfg"
fi
trap '[[ -n $sim_pid ]] && kill $sim_pid 2>/dev/null; cleanup' EXIT
"$gw" check -c "$cfg" >/dev/null || fail "config rejected: $(cat "$cfg")"

: >"$events"
GATEWATCH_DEBUG=1 "$gw" run -c "$cfg" --events "$events" --time-scale 0.02 \
  --metrics "127.0.0.1:$pm" 2>"$gw_log" &
gw_pid=$!
base=http://127.0.0.1:$pm
await_attempts 10 primary 2
await_attempts 10 secondary 2
[[ -n $sim_pid ]] && await_event 10 event=sccp.ccm.registered group=1 ccm=1 >/dev/null
schema=$lib/status_schema.py

# await_status SECONDS ARGS...: poll /api/v1/status until status_schema.py ARGS passes (the
# published copy trails the events by up to 100 ms); then check it once more, loudly.
await_status() {
  local deadline=$(( $(date +%s) + $1 ))
  shift
  while (( $(date +%s) <= deadline )); do
    status=$(curl -sS --max-time 2 "$base/api/v1/status") || fail "GET /api/v1/status failed"
    echo "$status" | python3 "$schema" status "$@" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "$status" | python3 "$schema" status "$@" || fail "status: $status"
}

# 1. the JSON endpoints and the page's HTTP answer.
await_status 5 --targets up --port 0/0/1=false --active 3 --busyout 0
ev=$(curl -sS --max-time 5 "$base/api/v1/events?since=0") || fail "GET /api/v1/events failed"
next=$(echo "$ev" | python3 "$schema" events --since 0) || fail "events schema: $ev"
headers=$(curl -sS --max-time 5 -D - -o "$work/page.html" "$base/") || fail "GET / failed"
echo "$headers" | grep -qi '^Content-Type: text/html' || fail "GET / content type: $headers"
! grep -Eo '(src|href)="[^"]*"' "$work/page.html" | grep -v '="data:' \
  || fail "the page loads an external asset"
echo "1. JSON schema of /api/v1/status and /api/v1/events?since=0 (next $next); GET / is HTML"

# 2.-4. the page in Chromium.
/usr/bin/env python3 "$lib/status_page_check.py" --url "$base/" --workdir "$work" --targets 2 \
  --port 0/0/1 --active 3 --busyout-after 2 --kill-kamailio "$lib/kamailio.sh stop $work/kamA" --kill-gatewatch "$gw_pid" \
  --within 2 --go "$work/go" ${SCREENSHOT:+--screenshot "$SCREENSHOT"} >"$work/check.out" 2>&1 &
check_pid=$!
# 3. while the page watches: once the down is on the page, the JSON says so too.
await_event 10 event=voice-port.busyout port=0/0/1 >/dev/null
await_status 5 --targets down --port 0/0/1=true --active 1 --busyout 2 --not-active 10,20
ev=$(curl -sS --max-time 2 "$base/api/v1/events?since=$next") || fail "events after the kill"
echo "$ev" | python3 "$schema" events --since "$next" --has sip.target.down --has voice-port.busyout \
  >/dev/null || fail "events since $next: $ev"
echo "3. after the kill: status JSON targets down, 0/0/1 busyout, dial-peers 10 20 busyout;" \
  "events since $next hold the downs"
touch "$work/go"  # the check may now kill gatewatch
rc=0
wait "$check_pid" || rc=$?
cat "$work/check.out"
gw_pid=""  # killed by the check
[[ $rc -eq 0 ]] || { tail -n 20 "$work/chromium.log" 2>/dev/null; fail "status page check failed"; }
echo "PASS: status page and its JSON, live in Chromium"
