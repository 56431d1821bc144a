#!/usr/bin/env bash
# sipp.sh — a SIPp UAS running one of the OPTIONS scenarios, for the end-to-end tests.
#
#   sipp.sh start DIR SCENARIO -i ADDR -p PORT [-t u1|t1] [more sipp options...]
#   sipp.sh stop DIR
#
# SCENARIO is a file, or a name from tests/e2e/sipp/ with or without .xml: options_200,
# options_503, options_100_200 (100 Trying, pause, 200 OK), options_silent (never answers).
# ADDR is 127.0.0.1 or ::1 (IPv6 without brackets). -t u1 (UDP, default) or t1 (TCP); this SIPp
# build has no TLS. SIPp runs as a UAS (-sf), daemonised with -bg (no terminal, no screen, no
# stdin), with -nd (no BYE/CANCEL default actions), -deadcall_wait 0 (an OPTIONS reusing a
# finished Call-ID is answered again, so a peer that reuses Call-IDs still gets answers) and
# -d 300 (the pause of options_100_200); later options override these.
# Logs in DIR: sipp_messages.log (every message sent/received, -trace_msg), sipp_errors.log
# (unexpected messages, -trace_err), sipp.out (SIPp's own output). The pid is in DIR/sipp.pid.
# start returns once SIPp holds its port (UDP: the port is bound; TCP: it accepts a connect),
# up to 10 s, and prints the PID. stop sends SIGTERM, waits up to 5 s (then SIGKILL).
# Exit: 0 ok, 1 failure (SIPp's output is printed), 2 usage.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
proc_name=sipp
# shellcheck source-path=SCRIPTDIR source=proc.sh
source "$here/proc.sh"

# Is ADDR:PORT held by someone? UDP: bind fails. TCP: connect succeeds.
port_taken() {  # transport addr port
  python3 - "$@" <<'PY'
import socket, sys
t, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
fam = socket.AF_INET6 if ":" in host else socket.AF_INET
if t == "u1":
    s = socket.socket(fam, socket.SOCK_DGRAM)
    try:
        s.bind((host, port)); sys.exit(1)
    except OSError:
        sys.exit(0)
s = socket.socket(fam, socket.SOCK_STREAM); s.settimeout(0.5)
try:
    s.connect((host, port)); s.close(); sys.exit(0)
except OSError:
    sys.exit(1)
PY
}

start() {
  [[ $# -ge 1 ]] || proc_usage
  local scenario=$1; shift
  if [[ ! -f $scenario ]]; then
    scenario=$here/../sipp/${scenario%.xml}.xml
  fi
  [[ -f $scenario ]] || { echo "sipp.sh: no scenario $scenario" >&2; exit 2; }
  command -v sipp >/dev/null || { echo "sipp.sh: sipp not installed" >&2; exit 1; }
  local addr="" port="" transport=u1 args=("$@") i
  for ((i = 0; i < ${#args[@]}; i++)); do
    case ${args[i]} in
      -i) addr=${args[i + 1]:-} ;;
      -p) port=${args[i + 1]:-} ;;
      -t) transport=${args[i + 1]:-} ;;
    esac
  done
  [[ -n $addr && -n $port ]] || { echo "sipp.sh: -i ADDR and -p PORT are required" >&2; exit 2; }
  [[ $transport == u1 || $transport == t1 ]] || { echo "sipp.sh: -t must be u1 or t1" >&2; exit 2; }
  proc_refuse_running "$dir/sipp.pid" "$dir"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  rm -f "$dir/sipp_messages.log" "$dir/sipp_errors.log"

  # -bg: SIPp forks, the parent prints "Background mode - PID=[N]" and exits (with a non-zero
  # status even on success in SIPp 3.6, so the PID line is what tells success).
  sipp -sf "$scenario" -t u1 -nd -nostdin -deadcall_wait 0 -d 300 \
    -trace_msg -message_file "$dir/sipp_messages.log" \
    -trace_err -error_file "$dir/sipp_errors.log" \
    -bg "${args[@]}" </dev/null >"$dir/sipp.out" 2>&1 || true
  local pid
  pid=$(sed -n 's/.*PID=\[\([0-9]*\)\].*/\1/p' "$dir/sipp.out" | head -1)
  [[ -n $pid ]] || { echo "sipp.sh: sipp failed to start:" >&2; cat "$dir/sipp.out" >&2; exit 1; }
  echo "$pid" >"$dir/sipp.pid"

  proc_logs=("$dir/sipp.out" "$dir/sipp_errors.log") proc_waiting_for="SIPp to hold $addr:$port"
  proc_wait_ready "$pid" "$dir/sipp.pid" 10 0.05 port_taken "$transport" "$addr" "$port" || exit 1
  echo "$pid"
}

proc_main start "$@"
