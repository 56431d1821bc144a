#!/usr/bin/env bash
# sbc.sh — a Linux SBC on loopback for the end-to-end tests: Kamailio routing calls over two
# SIPp trunks through its dispatcher, and a SIPp caller.
#
#   sbc.sh start DIR [--calls RATE] [--hold MS] [--fr-timer MS] [-A DEFINE]...
#   sbc.sh stop DIR
#   sbc.sh calls DIR RATE [--hold MS]     start the caller (RATE calls/s, steady)
#   sbc.sh calls-stop DIR                 stop the caller (SIGTERM)
#   sbc.sh trunk-kill DIR N               SIGKILL trunk N (1 or 2): a crash, no goodbye
#   sbc.sh trunk-stop DIR N               SIGTERM trunk N
#   sbc.sh trunk-start DIR N              start trunk N again, same port (a new run dir)
#   sbc.sh trunk-restart DIR N            trunk-kill, then trunk-start
#   sbc.sh kamailio-stop DIR | kamailio-start DIR | kamailio-restart DIR
#   sbc.sh count DIR [--since EPOCH]      what was routed, received, and how calls ended
#   sbc.sh wait DIR VAR MIN SECONDS [--since EPOCH]
#                                         poll count until VAR >= MIN (exit 1 on timeout)
#   sbc.sh rpc DIR METHOD [PARAMS-JSON]   one JSON-RPC request to Kamailio; prints the answer
#   sbc.sh state DIR N                    trunk N's FLAGS in dispatcher.list (AX, IX, ...)
#
# start picks free loopback ports (freeport.py) and writes DIR/env (shell assignments):
#   KAM_SIP_ADDR=127.0.0.1 KAM_SIP_PORT  Kamailio's SIP listener (UDP and TCP)
#   KAM_RPC_PORT KAM_RPC_URL             its JSON-RPC over HTTP: http://127.0.0.1:PORT/RPC
#   DS_SET=1 DS_LIST                     the dispatcher set and list file (DIR/dispatcher.list)
#   TRUNK1_PORT TRUNK1_URI TRUNK2_PORT TRUNK2_URI   the trunks (UDP), URI = sip:127.0.0.1:PORT
#                                        as in the dispatcher list and in gatewatch's default
#   UAC_PORT                             the caller's local port
#   KAM_LOG                              Kamailio's log (every run appended)
# then starts Kamailio with contrib/kamailio/kamailio.cfg as is (-A SIP_PORT, RPC_PORT,
# DS_LIST, DS_SET, FR_TIMER (--fr-timer, default the cfg's), WITH_ROUTE_LOG, and any -A given)
# and waits until it answers an OPTIONS and dispatcher.list (up to 15 s); starts the two trunks
# (tests/e2e/sipp/trunk_uas.xml via sipp.sh: OPTIONS -> 200, INVITE -> 200, BYE -> 200; X-Trunk:
# trunkN in the 200 OK); with --calls RATE also the caller (tests/e2e/sipp/call_uac.xml:
# R-URI sip:1000@Kamailio, hold --hold ms, default 200).
# Runs live in DIR/trunkN/K and DIR/uac/K (K = 1, 2, ... per start), so restarts keep the
# earlier logs, and count sums over them.
#
# Counting (count prints shell assignments, see sbc_count.py): TRUNKN_ROUTED — INVITEs
# Kamailio sent to trunk N, from its ROUTE log lines (cfg define WITH_ROUTE_LOG), which also
# counts what is sent to a dead trunk; TRUNKN_INVITES — distinct Call-IDs of the INVITEs
# trunk N's SIPp logged as received (-trace_msg); TRUNKN_LAST_ROUTED; CALLS_OK, CALLS_FAILED,
# CALLS_TIMEOUT, CALLS_ABORTED, BYE_FAILED from the caller's per-call log. Both sources are
# written as things happen (no periodic statistics dump), need no root (unlike a capture on
# lo), and carry the Call-ID, so --since EPOCH can count only the INVITEs Kamailio routed at
# or after EPOCH — an INVITE routed just before a state change and still in flight is not a
# violation of it.
#
# Exit: 0 ok, 1 failure (logs printed), 2 usage. Needs kamailio (dispatcher, xhttp, jsonrpcs),
# sipp, curl, python3.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cfg=$root/contrib/kamailio/kamailio.cfg
scenarios=$here/../sipp
proc_name=sbc proc_stop_seconds=10
# shellcheck source-path=SCRIPTDIR source=proc.sh
source "$here/proc.sh"

die() { echo "sbc.sh: $*" >&2; exit 1; }

# Gone or a zombie. A peer that daemonised (SIPp -bg) or outlived this script (Kamailio) is
# reaped by init, which here takes a second or more; a zombie holds no socket any more, so
# waiting for the reaping (as proc_alive does) would only slow restarts down.
sbc_gone() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  stat=${stat##*) }
  [[ ${stat:0:1} == Z ]]
}

# sbc_stop PIDFILE SIGNAL SECONDS: signal the process, wait until it is gone (sbc_gone), then
# SIGKILL; removes PIDFILE. No PIDFILE: nothing to do.
sbc_stop() {
  local pidfile=$1 sig=$2 pid deadline
  [[ -f $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  kill "-$sig" "$pid" 2>/dev/null || true
  deadline=$((SECONDS + $3))
  until sbc_gone "$pid"; do
    if (( SECONDS > deadline )); then kill -KILL "$pid" 2>/dev/null || true; break; fi
    sleep 0.02
  done
  until sbc_gone "$pid"; do sleep 0.02; done
  rm -f "$pidfile"
}

load_env() {
  [[ -f $dir/env ]] || die "no $dir/env (not started?)"
  # shellcheck source=/dev/null
  source "$dir/env"
}

# --- Kamailio ------------------------------------------------------------------------------

# Readiness: an OPTIONS to the SIP port is answered 200, and the RPC answers dispatcher.list.
kam_ready() {
  "$here/sip_options.py" -t udp --timeout 0.5 --expect 200 "$KAM_SIP_ADDR" "$KAM_SIP_PORT" \
    >/dev/null 2>&1 || { proc_waiting_for="an OPTIONS answer on $KAM_SIP_PORT"; return 1; }
  curl -s -m 1 -d '{"jsonrpc":"2.0","method":"dispatcher.list","id":0}' "$KAM_RPC_URL" 2>/dev/null |
    grep -q '"result"' || { proc_waiting_for="dispatcher.list on $KAM_RPC_URL"; return 1; }
}

# A port is free again once nobody holds the UDP SIP port (Kamailio's children included).
ports_free() {
  python3 - "$KAM_SIP_ADDR" "$KAM_SIP_PORT" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
try:
    s.bind((sys.argv[1], int(sys.argv[2])))
except OSError:
    sys.exit(1)
PY
}

kam_start() {
  load_env
  proc_refuse_running "$dir/kamailio.pid" "$dir"
  local defines=() d
  while IFS= read -r d; do [[ -n $d ]] && defines+=(-A "$d"); done <"$dir/kamailio.defines"
  mkdir -p "$dir/kamrun"
  proc_spawn "$dir/kamailio.pid" "$KAM_LOG" \
    kamailio -DD -E -f "$cfg" "${defines[@]}" -Y "$dir/kamrun" -P "$dir/kamrun/kamailio.pid" \
    -m 64 -M 8
  proc_logs=("$KAM_LOG")
  proc_wait_ready "$proc_pid" "$dir/kamailio.pid" 15 0.1 kam_ready || exit 1
}

kam_stop() {
  load_env
  sbc_stop "$dir/kamailio.pid" TERM 10
  local deadline=$((SECONDS + 10))
  until ports_free; do
    (( SECONDS <= deadline )) || die "port $KAM_SIP_PORT still held after Kamailio stopped"
    sleep 0.05
  done
}

# --- trunks and caller -----------------------------------------------------------------------

trunk_check() { [[ ${1:-} == 1 || ${1:-} == 2 ]] || { echo "sbc.sh: trunk is 1 or 2" >&2; exit 2; }; }

# The run directory of trunk N (or the caller, "uac") now in use; "" if none.
current_run() {
  local f=$dir/$1/current
  if [[ -f $f ]]; then echo "$dir/$1/$(cat "$f")"; fi
}

new_run() {
  local base=$dir/$1 k=1
  mkdir -p "$base"
  [[ -f $base/current ]] && k=$(( $(cat "$base/current") + 1 ))
  mkdir -p "$base/$k"
  echo "$k" >"$base/current"
  echo "$base/$k"
}

trunk_start() {
  trunk_check "${1:-}"
  load_env
  local n=$1 port run
  port=$(eval echo "\$TRUNK${n}_PORT")
  run=$(current_run "trunk$n")
  if [[ -n $run && -f $run/sipp.pid ]] && proc_alive "$(cat "$run/sipp.pid")"; then
    die "trunk $n is running"
  fi
  run=$(new_run "trunk$n")
  "$here/sipp.sh" start "$run" "$scenarios/trunk_uas.xml" -i 127.0.0.1 -p "$port" -t u1 \
    -s "trunk$n" >/dev/null || die "trunk $n did not start"
}

trunk_signal() {  # N KILL|TERM
  trunk_check "${1:-}"
  local n=$1 run
  run=$(current_run "trunk$n")
  [[ -n $run && -f $run/sipp.pid ]] || { echo "sbc.sh: trunk $n is not running" >&2; return 0; }
  sbc_stop "$run/sipp.pid" "$2" 5
}

calls_start() {
  load_env
  [[ $# -ge 1 ]] || proc_usage
  local rate=$1 hold=200 run
  shift
  while [[ $# -gt 0 ]]; do
    case $1 in
      --hold) hold=$2; shift 2 ;;
      *) echo "sbc.sh: unknown option $1" >&2; exit 2 ;;
    esac
  done
  run=$(current_run uac)
  if [[ -n $run && -f $run/sipp.pid ]] && proc_alive "$(cat "$run/sipp.pid")"; then
    die "the caller is running"
  fi
  run=$(new_run uac)
  "$here/sipp.sh" start "$run" "$scenarios/call_uac.xml" -i 127.0.0.1 -p "$UAC_PORT" -t u1 \
    -s 1000 -r "$rate" -rp 1000 -d "$hold" -trace_logs -log_file "$run/calls.log" \
    "$KAM_SIP_ADDR:$KAM_SIP_PORT" >/dev/null || die "the caller did not start"
}

calls_stop() {
  local run
  run=$(current_run uac)
  [[ -n $run ]] || return 0
  sbc_stop "$run/sipp.pid" TERM 5
}

# --- start / stop ----------------------------------------------------------------------------

start() {
  local rate="" hold=200 fr="" extra=()
  while [[ $# -gt 0 ]]; do
    case $1 in
      --calls) rate=$2; shift 2 ;;
      --hold) hold=$2; shift 2 ;;
      --fr-timer) fr=$2; shift 2 ;;
      -A) extra+=("$2"); shift 2 ;;
      *) echo "sbc.sh: unknown option $1" >&2; exit 2 ;;
    esac
  done
  local t
  for t in kamailio sipp curl python3; do
    command -v "$t" >/dev/null || die "$t not installed"
  done
  [[ -f $cfg ]] || die "no $cfg"
  proc_refuse_running "$dir/kamailio.pid" "$dir"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)

  local ks kr t1 t2 up
  read -r ks kr t1 t2 up < <("$here/freeport.py" -n 5 --v4-only | paste -sd' ' -)
  [[ -n ${up:-} ]] || die "no free ports"
  cat >"$dir/env" <<ENV
# written by tests/e2e/lib/sbc.sh start
KAM_SIP_ADDR=127.0.0.1
KAM_SIP_PORT=$ks
KAM_RPC_PORT=$kr
KAM_RPC_URL=http://127.0.0.1:$kr/RPC
DS_SET=1
DS_LIST=$dir/dispatcher.list
TRUNK1_PORT=$t1
TRUNK1_URI=sip:127.0.0.1:$t1
TRUNK2_PORT=$t2
TRUNK2_URI=sip:127.0.0.1:$t2
UAC_PORT=$up
KAM_LOG=$dir/kamailio.log
ENV
  cat >"$dir/dispatcher.list" <<LIST
# written by tests/e2e/lib/sbc.sh: set 1, two trunks (format: contrib/kamailio/dispatcher.list)
1 sip:127.0.0.1:$t1 0 0 duid=trunk1
1 sip:127.0.0.1:$t2 0 0 duid=trunk2
LIST
  {
    echo "SIP_PORT=$ks"
    echo "RPC_PORT=$kr"
    echo "DS_LIST=\"$dir/dispatcher.list\""
    echo "DS_SET=1"
    echo "WITH_ROUTE_LOG"
    [[ -n $fr ]] && echo "FR_TIMER=$fr"
    for t in "${extra[@]}"; do echo "$t"; done
  } >"$dir/kamailio.defines"
  : >"$dir/kamailio.log"

  kam_start
  trunk_start 1
  trunk_start 2
  if [[ -n $rate ]]; then calls_start "$rate" --hold "$hold"; fi
  echo "$dir/env"
}

stop_all() {
  [[ -f $dir/env ]] || { echo "sbc.sh: nothing started in $dir" >&2; return 0; }
  calls_stop
  trunk_signal 1 TERM 2>/dev/null
  trunk_signal 2 TERM 2>/dev/null
  kam_stop || true
}

# --- looking ---------------------------------------------------------------------------------

count() { python3 "$here/sbc_count.py" "$dir" "$@"; }

wait_for() {  # VAR MIN SECONDS [--since EPOCH]
  [[ $# -ge 3 ]] || proc_usage
  local var=$1 min=$2 deadline v
  deadline=$(python3 -c 'import sys, time; print(time.monotonic() + float(sys.argv[1]))' "$3")
  shift 3
  while :; do
    v=$(count "$@" | sed -n "s/^$var=//p")
    [[ -n $v ]] || die "count has no $var"
    if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)' "$v" "$min"; then
      echo "$var=$v"
      return 0
    fi
    if ! python3 -c 'import sys, time; sys.exit(0 if time.monotonic() < float(sys.argv[1]) else 1)' "$deadline"; then
      echo "sbc.sh: $var=$v, not >= $min in time" >&2
      count "$@" >&2
      return 1
    fi
    sleep 0.1
  done
}

rpc() {  # METHOD [PARAMS-JSON]
  load_env
  [[ $# -ge 1 ]] || proc_usage
  local body
  if [[ $# -ge 2 ]]; then
    body="{\"jsonrpc\":\"2.0\",\"method\":\"$1\",\"params\":$2,\"id\":1}"
  else
    body="{\"jsonrpc\":\"2.0\",\"method\":\"$1\",\"id\":1}"
  fi
  curl -s -m 5 -H 'Content-Type: application/json' -d "$body" "$KAM_RPC_URL"
  echo
}

state() {  # N
  trunk_check "${1:-}"
  load_env
  local uri
  uri=$(eval echo "\$TRUNK${1}_URI")
  rpc dispatcher.list | python3 -c '
import json, sys
uri, set_id = sys.argv[1].lower(), int(sys.argv[2])
doc = json.load(sys.stdin)
for rec in doc["result"]["RECORDS"]:
    if rec["SET"]["ID"] != set_id: continue
    for t in rec["SET"]["TARGETS"]:
        if t["DEST"]["URI"].lower() == uri:
            print(t["DEST"]["FLAGS"]); sys.exit(0)
print("missing"); sys.exit(1)' "$uri" "$DS_SET"
}

# --- command line ----------------------------------------------------------------------------

[[ $# -ge 2 ]] || proc_usage
cmd=$1
dir=$2
shift 2
case $cmd in
  start) start "$@" ;;
  stop) stop_all ;;
  calls) calls_start "$@" ;;
  calls-stop) calls_stop ;;
  trunk-kill) trunk_signal "${1:-}" KILL ;;
  trunk-stop) trunk_signal "${1:-}" TERM ;;
  trunk-start) trunk_start "${1:-}" ;;
  trunk-restart) trunk_signal "${1:-}" KILL; trunk_start "$1" ;;
  kamailio-stop) kam_stop ;;
  kamailio-start) kam_start ;;
  kamailio-restart) kam_stop; kam_start ;;
  count) count "$@" ;;
  wait) wait_for "$@" ;;
  rpc) rpc "$@" ;;
  state) state "$@" ;;
  *) proc_usage ;;
esac
