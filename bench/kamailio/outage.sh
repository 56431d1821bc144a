#!/usr/bin/env bash
# bench/kamailio/outage.sh — Kamailio's dispatcher: from a trunk's death to calls routed away.
#
#   bench/kamailio/outage.sh [-b BUILD_DIR] [-r REPS] [-c RATE] [-F FR_MS] [-t TRANSITIONS]
#                            [-n MASS_N] [-u MASS_UP_S] [-p PARTS]
#
#   -b BUILD_DIR   where gatewatch was built (default build)
#   -r REPS        outages per scenario of part 1 (default 3)
#   -c RATE        calls per second of the steady caller (default 20)
#   -F FR_MS       tm fr_timer of scenario (b), "tuned" (default 1000)
#   -t TRANSITIONS down transitions to measure in part 2 (default 400)
#   -n MASS_N      dial-peers / destinations of part 3 (default 10000)
#   -u MASS_UP_S   up-interval = down-interval of part 3 (default 10)
#   -p PARTS       which parts, any of "1234" (default 123)
#   KEEP=1         keep the work directory; RESULTS=FILE also appends the tables to FILE
#
# Part 1 — one trunk dies under a steady call rate. tests/e2e/lib/sbc.sh: Kamailio with
# contrib/kamailio/kamailio.cfg routes RATE calls/s (SIPp caller, 200 ms calls) round robin over
# dispatcher set 1 = two SIPp trunks, failing over to the other trunk on 408/5xx or no answer
# within tm's fr_timer. REPS times: a random 0-5 s pause (the death falls anywhere in the probe
# cycle), trunk 1 SIGKILLed, its state in Kamailio polled until inactive, 11 s more (every call
# routed to it has ended, the caller gives up after 10 s), counted from Kamailio's ROUTE log
# and the caller's per-call log (sbc.sh count --since the kill); then trunk 1 started again and
# awaited active with calls, and fr_timer + 1 s more (a probe sent to the dead trunk fails
# fr_timer after it went out: one still pending would mark the next outage early). Scenarios:
#   (a) Kamailio's own probing, its defaults: ds_probing_mode 1, ds_ping_interval 10 (its
#       default is 0 = no probing; 10 s is the usual setting), ds_probing_threshold 1 and
#       ds_inactive_threshold 1 (defaults), tm fr_timer 30000 ms (default);
#   (b) Kamailio's own probing tuned as far as it goes: ds_ping_interval 1 (its minimum: whole
#       seconds), ds_probing_threshold 1, fr_timer FR_MS (1000: one UDP retransmission, T1 =
#       500 ms, still fits; lower, a single lost datagram fails a probe or a call attempt);
#   (c) gatewatch driving it: Kamailio's probing off (ds_ping_interval 0, the contrib cfg as is,
#       fr_timer 2000), gatewatch --time-scale 1 with up-interval 5, down-interval 5, retry 1
#       (IOS minimums): found down at most 5 + 0.5 + 1.0 = 6.5 s after the death.
# Columns: detect_s = death -> Kamailio holds the trunk inactive (polled every 20 ms; (c): the
# kamailio.dispatcher.set event, sent once Kamailio confirmed); last_s = death -> the last INVITE
# Kamailio routed to the trunk; routed = INVITEs routed to the dead trunk; failed = calls that
# got no answer (timeout, 4xx-6xx, aborted) since the death. Each routed call costs fr_timer and
# then fails over, or times out at the caller when fr_timer is longer (a).
#
# Part 2 — dial-peer.down -> Kamailio's state changed. One Kamailio (contrib cfg) holding 20
# destinations, a responder (flap_responder.py) whose 20 ports flip between 503 and 200 OK
# every 1 s, spread over the period; gatewatch (--time-scale 0.1: up/down-interval 0.5 s,
# retry 1) probing them, until TRANSITIONS down transitions. Delta = the
# kamailio.dispatcher.set event's time - the dial-peer.down event's time (the set event is
# emitted when Kamailio answered the set_state; both 1 ms resolution), also up -> state a; and
# the mean JSON-RPC round trip from gatewatch's metrics (its latency histogram sum / count).
#
# Part 3 — mass outage. One Kamailio (contrib cfg, -m 256) with MASS_N destinations
# sip:tI@127.0.0.1:PORT in sets of 100; one responder (tests/e2e/lib/kamailio.sh, 200 OK) on 8
# UDP ports; gatewatch (--time-scale 1) with MASS_N dial-peers, up-interval = down-interval =
# MASS_UP_S, retry 1, each bound to its destination (uri). After one up-interval and 2 s
# (all in sync: every destination starts active), the responder is stopped: every dial-peer goes down at its next probe (they are spread over
# one interval), gatewatch sets each destination inactive (one request each). Figures: stop ->
# last dial-peer.down, stop -> last kamailio.dispatcher.set (checked: dispatcher.list then
# holds MASS_N inactive), down -> set p50/p99/max during it, and the probe send lateness of the
# whole run (%GATEWATCH-6-DIALPEER_STATS at stop) — next to the same run without `kamailio
# rpc` (bindings inert), so any lateness caused by driving Kamailio shows as the difference.
#
# Part 4 (not run by default) — the same MASS_N dial-peers and destinations, no outage:
# gatewatch alone for 32 s without `kamailio rpc`, with it (resync 10 s, the default), and
# with resync 3600 (only the list at start); the probe send lateness of each run. It tells what
# of part 3's lateness comes from reading dispatcher.list rather than from the outage.
#
# Needs kamailio (dispatcher, xhttp, jsonrpcs, tm, ...), sipp, curl, python3. Ctrl-C stops all.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lib=$root/tests/e2e/lib
sbc=$lib/sbc.sh
cfg=$root/contrib/kamailio/kamailio.cfg
ev=$here/evstat.py
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
build=$root/build reps=3 rate=20 fr_tuned=1000 transitions=400 mass_n=10000 mass_up=10 parts=123
while getopts "b:r:c:F:t:n:u:p:h" o; do
  case $o in
    b) build=$OPTARG ;;
    r) reps=$OPTARG ;;
    c) rate=$OPTARG ;;
    F) fr_tuned=$OPTARG ;;
    t) transitions=$OPTARG ;;
    n) mass_n=$OPTARG ;;
    u) mass_up=$OPTARG ;;
    p) parts=$OPTARG ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
for v in "$reps" "$rate" "$fr_tuned" "$transitions" "$mass_n" "$mass_up"; do
  [[ $v =~ ^[1-9][0-9]*$ ]] || { echo "outage.sh: '$v' is not a positive integer" >&2; exit 2; }
done
(( mass_up >= 5 && mass_up <= 1200 )) || { echo "outage.sh: -u is an up-interval, 5..1200" >&2; exit 2; }
gw=$build/gatewatch
[[ -x $gw ]] || { echo "outage.sh: no gatewatch at $gw (build it, or pass -b)" >&2; exit 2; }
for t in kamailio sipp curl python3; do
  command -v "$t" >/dev/null || { echo "outage.sh: $t not installed" >&2; exit 2; }
done

work=$(mktemp -d /tmp/gw-bench-kamailio.XXXXXX)
gw_pid="" kam_pids=() resp_pid="" sbcs=() kam_dirs=() nsbc=0
stop_pid() {  # PID: SIGTERM, up to 10 s, then SIGKILL
  local p=$1
  [[ -n $p ]] && kill -0 "$p" 2>/dev/null || return 0
  kill -TERM "$p" 2>/dev/null
  for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null
  wait "$p" 2>/dev/null || true
}
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  set +e
  trap - INT TERM
  stop_pid "$gw_pid"
  stop_pid "$resp_pid"
  for p in "${kam_pids[@]}"; do stop_pid "$p"; done
  for d in "${kam_dirs[@]}"; do "$lib/kamailio.sh" stop "$d" >/dev/null 2>&1; done
  for d in "${sbcs[@]}"; do "$sbc" stop "$d" >/dev/null 2>&1; done
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'echo "outage.sh: interrupted, stopping" >&2; exit 130' INT TERM

out=${RESULTS:-/dev/null}
say() { echo "$*" | tee -a "$out"; }
note() { echo "outage.sh: $*" >&2; }
now() { date +%s.%N; }
calc() { python3 -c "import math, sys; print($1)"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
free_ports() { "$lib/freeport.py" -n "$1" --v4-only | paste -sd' ' -; }

# gw_start DIR CFG SCALE [ARGS...]: gatewatch with events, control socket and log in DIR.
gw_start() {
  local d=$1 c=$2 s=$3
  shift 3
  : >"$d/events.jsonl"
  "$gw" run -c "$c" --events "$d/events.jsonl" --control "$d/control.sock" --time-scale "$s" "$@" \
    2>"$d/gw.log" &
  gw_pid=$!
}
gw_stop() {
  stop_pid "$gw_pid"
  gw_pid=""
}
show_kamailio() { echo "show kamailio" | "$gw" cli --control "$1/control.sock" 2>/dev/null || true; }
# await_in_sync DIR N SECONDS: `show kamailio` shows N bound, N in sync.
await_in_sync() {
  local deadline=$((SECONDS + $3))
  until show_kamailio "$1" | grep -q "Destinations: $2 bound, $2 in sync"; do
    (( SECONDS <= deadline )) || { note "gatewatch not in sync with Kamailio after $3 s:"; show_kamailio "$1" >&2; exit 1; }
    sleep 0.2
  done
}
stats_of() {  # GW_LOG: "probes p50 p99 max" from %GATEWATCH-6-DIALPEER_STATS
  local s
  s=$(grep -o 'DIALPEER_STATS: .*' "$1" | tail -1 || true)
  if [[ $s =~ probes\ ([0-9]+)\ lateness\ p50\ ([0-9]+)\ us\ p99\ ([0-9]+)\ us\ max\ ([0-9]+)\ us ]]; then
    echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${BASH_REMATCH[3]} ${BASH_REMATCH[4]}"
  else
    echo "? ? ? ?"
  fi
}

# kam_start DIR SIP_PORT RPC_PORT LIST SHM_MB: Kamailio with the contrib cfg as is, probing off.
kam_start() {
  local d=$1 rpc_url="http://127.0.0.1:$3/RPC" deadline
  mkdir -p "$d/run"
  kamailio -DD -E -f "$cfg" -A "SIP_PORT=$2" -A "RPC_PORT=$3" -A "DS_LIST=\"$4\"" \
    -Y "$d/run" -P "$d/run/kamailio.pid" -m "$5" -M 64 </dev/null >"$d/kamailio.log" 2>&1 &
  kam_pids+=($!)
  deadline=$((SECONDS + 60))
  until curl -s -m 5 -d '{"jsonrpc":"2.0","method":"core.version","id":0}' "$rpc_url" 2>/dev/null | grep -q '"result"'; do
    (( SECONDS <= deadline )) || { note "Kamailio did not answer on $rpc_url:"; tail "$d/kamailio.log" >&2; exit 1; }
    sleep 0.1
  done
}

# --- part 1: one trunk dies under a steady call rate ------------------------------------------

await_trunk1() {  # DIR A|I SECONDS: poll (20 ms) until trunk 1's flags start with A or I; prints when
  # shellcheck source=/dev/null
  ( source "$1/env"
    "$ev" await-flags "$KAM_RPC_URL" "$TRUNK1_URI" "$2" "$3" ) || { note "trunk 1 not $2* after $3 s"; exit 1; }
}
count_var() { "$sbc" count "$1" "${@:3}" | sed -n "s/^$2=//p"; }

# outage LABEL GW(0|1) FR_MS SBC-START-ARGS...: REPS outages, one row each of the table.
outage() {
  local label=$1 with_gw=$2 fr_ms=$3 d
  shift 3
  nsbc=$((nsbc + 1))
  d=$work/sbc-$nsbc
  sbcs+=("$d")
  "$sbc" start "$d" --calls "$rate" --hold 200 "$@" >/dev/null
  # shellcheck source=/dev/null
  source "$d/env"
  local gwd=$d/gw
  if (( with_gw )); then
    mkdir -p "$gwd"
    cat >"$gwd/gw.cfg" <<CFG
voice class sip-options-keepalive 1
 up-interval 5
 down-interval 5
 retry 1
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
CFG
    gw_start "$gwd" "$gwd/gw.cfg" 1
    await_in_sync "$gwd" 2 20
  fi
  "$sbc" wait "$d" TRUNK1_INVITES 5 20 >/dev/null
  "$sbc" wait "$d" TRUNK2_INVITES 5 20 >/dev/null
  local rep t_kill t_state t_back routed last failed n_i n_a
  for ((rep = 1; rep <= reps; rep++)); do
    sleep "$(python3 -c 'import random; print(f"{random.uniform(0, 5):.3f}")')"
    n_i=0 n_a=0
    if (( with_gw )); then
      n_i=$("$ev" count "$gwd/events.jsonl" event=kamailio.dispatcher.set dial_peer=1 state=i)
      n_a=$("$ev" count "$gwd/events.jsonl" event=kamailio.dispatcher.set dial_peer=1 state=a)
    fi
    t_kill=$(now)
    "$sbc" trunk-kill "$d" 1
    if (( with_gw )); then
      t_state=$("$ev" await "$gwd/events.jsonl" 30 $((n_i + 1)) event=kamailio.dispatcher.set dial_peer=1 state=i) ||
        { note "$label: no kamailio.dispatcher.set i within 30 s"; exit 1; }
    else
      t_state=$(await_trunk1 "$d" I 120)
    fi
    # Every call routed to the dead trunk has ended: failed over after fr_timer, or given up
    # by the caller after 10 s.
    sleep "$(calc "max(0, $t_state + 11 - $(now))")"
    routed=$(count_var "$d" TRUNK1_ROUTED --since "$t_kill")
    last=$(count_var "$d" TRUNK1_LAST_ROUTED --since "$t_kill")
    failed=$(( $(count_var "$d" CALLS_FAILED --since "$t_kill") + $(count_var "$d" CALLS_TIMEOUT --since "$t_kill") \
               + $(count_var "$d" CALLS_ABORTED --since "$t_kill") ))
    printf '%-44s %3s %8.2f %8s %7s %7s\n' "$label" "$rep" "$(calc "$t_state - $t_kill")" \
      "$(if [[ $last == 0 ]]; then echo -; else calc "f'{$last - $t_kill:.2f}'"; fi)" "$routed" "$failed" | tee -a "$out"
    "$sbc" trunk-start "$d" 1
    if (( with_gw )); then
      "$ev" await "$gwd/events.jsonl" 30 $((n_a + 1)) event=kamailio.dispatcher.set dial_peer=1 state=a >/dev/null ||
        { note "$label: trunk 1 not set active again within 30 s"; exit 1; }
      t_back=$(now)
    else
      t_back=$(await_trunk1 "$d" A 60)
    fi
    "$sbc" wait "$d" TRUNK1_INVITES 3 20 --since "$t_back" >/dev/null
    # A probe Kamailio sent to the dead trunk fails only fr_timer after it went out, even when
    # the trunk is back by then: let every such probe end before the next death, or it marks
    # the next outage early.
    sleep "$(calc "$fr_ms / 1000 + 1")"
  done
  if (( with_gw )); then gw_stop; fi
  "$sbc" stop "$d" >/dev/null 2>&1 || true
}

part1() {
  say ""
  say "## Part 1: trunk 1 SIGKILLed under $rate calls/s, $reps times per scenario (load $(load1) at start)"
  printf '%-44s %3s %8s %8s %7s %7s\n' scenario rep detect_s last_s routed failed | tee -a "$out"
  outage "(a) Kamailio probing, defaults (10 s, fr 30 s)" 0 30000 \
    --fr-timer 30000 -A DS_PING_INTERVAL=10 -A WITH_DS_PROBING -A DS_PROBING_THRESHOLD=1
  outage "(b) Kamailio probing, tuned (1 s, fr $((fr_tuned / 1000)).$(( fr_tuned % 1000 / 100 )) s)" 0 \
    "$fr_tuned" --fr-timer "$fr_tuned" -A DS_PING_INTERVAL=1 -A WITH_DS_PROBING -A DS_PROBING_THRESHOLD=1
  outage "(c) gatewatch (5 s, retry 1; fr 2 s)" 1 2000
  say "(load $(load1) at the end)"
}

# --- part 2: dial-peer.down -> Kamailio's state changed ------------------------------------------

part2() {
  local d=$work/latency k=20 i sip rpc mport ports=() resp_ports
  mkdir -p "$d"
  read -r -a ports < <(free_ports $((k + 3)))
  sip=${ports[k]} rpc=${ports[k + 1]} mport=${ports[k + 2]}
  : >"$d/dispatcher.list"
  for ((i = 0; i < k; i++)); do echo "1 sip:127.0.0.1:${ports[i]}" >>"$d/dispatcher.list"; done
  kam_start "$d" "$sip" "$rpc" "$d/dispatcher.list" 64
  resp_ports=()
  for ((i = 0; i < k; i++)); do resp_ports+=(--port "${ports[i]}"); done
  python3 "$here/flap_responder.py" --period 2 "${resp_ports[@]}" >"$d/responder.log" 2>&1 &
  resp_pid=$!
  {
    printf 'voice class sip-options-keepalive 1\n up-interval 5\n down-interval 5\n retry 1\n!\n'
    for ((i = 0; i < k; i++)); do
      printf 'dial-peer voice %d voip\n session target ipv4:127.0.0.1:%s\n voice-class sip options-keepalive profile 1\n kamailio dispatcher set 1\n!\n' \
        $((i + 1)) "${ports[i]}"
    done
    echo "kamailio rpc http://127.0.0.1:$rpc/RPC"
  } >"$d/gw.cfg"
  local l0 t0 metrics
  l0=$(load1)
  gw_start "$d" "$d/gw.cfg" 0.1 --metrics "127.0.0.1:$mport"
  t0=$(now)
  "$ev" await "$d/events.jsonl" $((transitions * 2)) "$transitions" event=kamailio.dispatcher.set state=i >/dev/null ||
    { note "part 2: fewer than $transitions set i events"; exit 1; }
  metrics=$(curl -s -m 5 "http://127.0.0.1:$mport/metrics")
  gw_stop
  stop_pid "$resp_pid"; resp_pid=""
  read -r _ n_down p50_down p99_down max_down < <("$ev" latency "$d/events.jsonl" | grep '^down')
  read -r _ n_up p50_up p99_up max_up < <("$ev" latency "$d/events.jsonl" | grep '^up')
  local rtt
  rtt=$(python3 -c '
import re, sys
t = sys.stdin.read()
s = float(re.search(r"^gatewatch_kamailio_rpc_latency_seconds_sum (\S+)", t, re.M)[1])
n = float(re.search(r"^gatewatch_kamailio_rpc_latency_seconds_count (\S+)", t, re.M)[1])
print(f"{s / n * 1e6:.0f} us over {n:.0f} requests")' <<<"$metrics")
  say ""
  say "## Part 2: dial-peer verdict -> Kamailio confirmed (20 flapping destinations, --time-scale 0.1," \
      "$(calc "f'{$(now) - $t0:.0f}'") s, load $l0/$(load1))"
  say "$(printf '%-28s %6s %7s %7s %7s' transition n p50_ms p99_ms max_ms)"
  say "$(printf '%-28s %6s %7s %7s %7s' "dial-peer.down -> set i" "$n_down" "$p50_down" "$p99_down" "$max_down")"
  say "$(printf '%-28s %6s %7s %7s %7s' "dial-peer.up -> set a" "$n_up" "$p50_up" "$p99_up" "$max_up")"
  say "(event times have 1 ms resolution; JSON-RPC round trip, mean: $rtt)"
  for p in "${kam_pids[@]}"; do stop_pid "$p"; done
  kam_pids=()
}

# --- part 3: mass outage ---------------------------------------------------------------------------

# mass_run LABEL WITH_KAMAILIO(0|1): sets m_row
# mass_cfg FILE WITH_KAMAILIO(0|1) [RESYNC]: MASS_N dial-peers, each bound to its destination.
mass_cfg() {
  python3 - "$mass_n" "$mass_up" "${resp[*]}" "$2" "$mass_rpc" "${3:-}" >"$1" <<'PY2'
import sys
n, up, ports, with_kam, rpc, resync = int(sys.argv[1]), sys.argv[2], sys.argv[3].split(), sys.argv[4] == "1", sys.argv[5], sys.argv[6]
out = [f"voice class sip-options-keepalive 1\n up-interval {up}\n down-interval {up}\n retry 1\n!\n"]
for i in range(n):
    port = ports[i % len(ports)]
    out.append(f"dial-peer voice {i + 1} voip\n session target ipv4:127.0.0.1:{port}\n"
               f" voice-class sip options-keepalive profile 1\n"
               f" kamailio dispatcher set {i // 100 + 1} uri sip:t{i}@127.0.0.1:{port}\n!\n")
if with_kam:
    out.append(f"kamailio rpc http://127.0.0.1:{rpc}/RPC\n")
    if resync:
        out.append(f"kamailio resync {resync}\n")
sys.stdout.write("".join(out))
PY2
  "$gw" check -c "$1" >/dev/null || { note "gatewatch check rejected $1"; exit 1; }
}

# mass_run LABEL WITH_KAMAILIO(0|1): sets m_row
mass_run() {
  local label=$1 with_kam=$2 d=$work/mass-$2
  mkdir -p "$d"
  mass_cfg "$d/gw.cfg" "$with_kam"
  local resp_args=() p
  for p in "${resp[@]}"; do resp_args+=(--udp "127.0.0.1:$p"); done
  kam_dirs+=("$d/responder")
  "$lib/kamailio.sh" start "$d/responder" "${resp_args[@]}" >/dev/null
  local l0 t_stop last_down last_set n_down inactive lp50 lp99 lmax sp50 sp99 smax
  l0=$(load1)
  gw_start "$d" "$d/gw.cfg" 1
  # Steady probing first: one whole up-interval and a little more. Not watched through the
  # control socket: with MASS_N dial-peers every `show` builds the whole snapshot on the io
  # thread, which would show in the lateness (one `show kamailio` at the end, in both runs).
  sleep $((mass_up + 2))
  t_stop=$(now)
  "$lib/kamailio.sh" stop "$d/responder" >/dev/null
  "$ev" await "$d/events.jsonl" $((mass_up * 3 + 30)) "$mass_n" event=dial-peer.down --since "$t_stop" >/dev/null ||
    { note "$label: not every dial-peer went down"; exit 1; }
  if (( with_kam )); then
    "$ev" await "$d/events.jsonl" 120 "$mass_n" event=kamailio.dispatcher.set state=i --since "$t_stop" >/dev/null ||
      { note "$label: not every destination set inactive within 120 s"; show_kamailio "$d" >&2; exit 1; }
    inactive=$("$ev" dispatcher-count "http://127.0.0.1:$mass_rpc/RPC" I)
    [[ $inactive == "$mass_n" ]] || { note "$label: dispatcher.list holds $inactive inactive, not $mass_n"; exit 1; }
  fi
  show_kamailio "$d" >"$d/show_kamailio.txt"
  gw_stop
  last_down=$("$ev" last "$d/events.jsonl" event=dial-peer.down --since "$t_stop")
  n_down=$("$ev" count "$d/events.jsonl" event=dial-peer.down --since "$t_stop")
  read -r _ lp50 lp99 lmax < <(stats_of "$d/gw.log")
  if (( with_kam )); then
    last_set=$("$ev" last "$d/events.jsonl" event=kamailio.dispatcher.set state=i --since "$t_stop")
    read -r _ _ sp50 sp99 smax < <("$ev" latency "$d/events.jsonl" --since "$t_stop" | grep '^down')
    m_row=$(printf '%-22s %6s %9s %9s %9s %8s %8s %8s %8s %8s %8s %9s' "$label" "$n_down" \
      "$(calc "f'{$last_down - $t_stop:.2f}'")" "$(calc "f'{$last_set - $t_stop:.2f}'")" "$inactive" \
      "$sp50" "$sp99" "$smax" "$lp50" "$lp99" "$lmax" "$l0/$(load1)")
  else
    m_row=$(printf '%-22s %6s %9s %9s %9s %8s %8s %8s %8s %8s %8s %9s' "$label" "$n_down" \
      "$(calc "f'{$last_down - $t_stop:.2f}'")" - - - - - "$lp50" "$lp99" "$lmax" "$l0/$(load1)")
  fi
}

# mass_setup: MASS_N destinations in Kamailio (contrib cfg), 8 responder ports chosen; sets
# resp, mass_rpc, kam_load.
mass_setup() {
  local d=$work/mass ports=() t0
  mkdir -p "$d"
  read -r -a ports < <(free_ports 10)
  resp=("${ports[@]:0:8}")
  mass_rpc=${ports[9]}
  python3 - "$mass_n" "${resp[*]}" >"$d/dispatcher.list" <<'PY2'
import sys
n, ports = int(sys.argv[1]), sys.argv[2].split()
sys.stdout.write("".join(f"{i // 100 + 1} sip:t{i}@127.0.0.1:{ports[i % len(ports)]}\n" for i in range(n)))
PY2
  t0=$(now)
  kam_start "$d" "${ports[8]}" "$mass_rpc" "$d/dispatcher.list" 256
  kam_load=$(calc "f'{$(now) - $t0:.1f}'")
}
mass_teardown() {
  local p
  for p in "${kam_pids[@]}"; do stop_pid "$p"; done
  kam_pids=()
}

part3() {
  mass_setup
  say ""
  say "## Part 3: mass outage, $mass_n dial-peers (up/down-interval ${mass_up} s, retry 1," \
      "--time-scale 1), responder stopped; Kamailio up with $mass_n destinations in ${kam_load} s"
  say "$(printf '%-22s %6s %9s %9s %9s %8s %8s %8s %8s %8s %8s %9s' run downs last_down last_set \
    inactive set_p50 set_p99 set_max lat_p50 lat_p99 lat_max load)"
  say "$(printf '%-22s %6s %9s %9s %9s %8s %8s %8s %8s %8s %8s %9s' "" "" s s "in Kam." ms ms ms us us us s/e)"
  mass_run "without kamailio rpc" 0
  say "$m_row"
  mass_run "driving Kamailio" 1
  say "$m_row"
  say "(show kamailio after it:"
  sed 's/^/   /' "$work/mass-1/show_kamailio.txt" | grep -v '^ *gatewatch#' | sed -n '1,7p' | tee -a "$out"
  say ")"
  mass_teardown
}

# --- part 4: the same dial-peers, no outage: what driving Kamailio costs the probes -----------------

part4() {
  mass_setup
  local d=$work/steady p cfgs=(0 10 3600) resync label l0 probes lp50 lp99 lmax
  mkdir -p "$d"
  kam_dirs+=("$d/responder")
  local resp_args=()
  for p in "${resp[@]}"; do resp_args+=(--udp "127.0.0.1:$p"); done
  "$lib/kamailio.sh" start "$d/responder" "${resp_args[@]}" >/dev/null
  say ""
  say "## Part 4: no outage, $mass_n dial-peers (up-interval ${mass_up} s), gatewatch alone for 32 s;" \
      "probe send lateness (DIALPEER_STATS)"
  say "$(printf '%-34s %8s %8s %8s %8s %9s' run probes p50_us p99_us max_us load_s/e)"
  for resync in "${cfgs[@]}"; do
    if [[ $resync == 0 ]]; then
      mass_cfg "$d/gw-$resync.cfg" 0; label="without kamailio rpc"
    else
      mass_cfg "$d/gw-$resync.cfg" 1 "$resync"; label="kamailio rpc, resync $resync"
    fi
    l0=$(load1)
    "$gw" run -c "$d/gw-$resync.cfg" --time-scale 1 2>"$d/gw-$resync.log" &
    gw_pid=$!
    sleep 32
    gw_stop
    read -r probes lp50 lp99 lmax < <(stats_of "$d/gw-$resync.log")
    say "$(printf '%-34s %8s %8s %8s %8s %9s' "$label" "$probes" "$lp50" "$lp99" "$lmax" "$l0/$(load1)")"
  done
  "$lib/kamailio.sh" stop "$d/responder" >/dev/null
  mass_teardown
}

say "# bench/kamailio/outage.sh $(date -u +%FT%TZ), $(uname -r), $(nproc) cores, load $(load1);" \
    "$(kamailio -v 2>/dev/null | head -1 | cut -d' ' -f2-3), tree $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
[[ $parts == *1* ]] && part1
[[ $parts == *2* ]] && part2
[[ $parts == *3* ]] && part3
[[ $parts == *4* ]] && part4
exit 0
