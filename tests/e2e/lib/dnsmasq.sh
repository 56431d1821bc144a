#!/usr/bin/env bash
# dnsmasq.sh — an authoritative-only DNS server on loopback for the end-to-end tests.
#
#   dnsmasq.sh start DIR PORT [--listen ADDR] [--ttl SECONDS] [--local DOMAIN]...
#                  [--a NAME=IPV4]... [--aaaa NAME=IPV6]...
#                  [--srv SERVICE.NAME=TARGET:PORT[:PRIORITY[:WEIGHT]]]... [--opt DNSMASQ-OPTION]...
#   dnsmasq.sh stop DIR
#
# Examples: --a sip.test=127.0.0.1  --aaaa sip.test=::1
#           --srv _sip._udp.sip.test=sip.test:5070:10:50   (priority 10, weight 50)
# dnsmasq listens on ADDR:PORT (default 127.0.0.1; UDP and TCP), uses no upstream server, no
# /etc/hosts and no /etc/dnsmasq.conf (--no-resolv --no-hosts --conf-file=/dev/null), and
# answers from the records given here with TTL --ttl (default 60, --local-ttl). Names under a
# --local DOMAIN (default: test) that have no record get NXDOMAIN; other names get REFUSED.
# --opt passes one raw option through (e.g. --opt --log-queries).
# The pid is in DIR/dnsmasq.pid, the log in DIR/dnsmasq.log. start returns once dnsmasq
# accepts a TCP connect on ADDR:PORT (up to 10 s) and prints the PID. stop sends SIGTERM and
# waits (up to 5 s, then SIGKILL). Exit: 0 ok, 1 failure (the log is printed), 2 usage.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
proc_name=dnsmasq
# shellcheck source-path=SCRIPTDIR source=proc.sh
source "$here/proc.sh"

tcp_open() {  # addr port
  python3 -c '
import socket, sys
h, p = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET6 if ":" in h else socket.AF_INET); s.settimeout(0.5)
try:
    s.connect((h, p)); sys.exit(0)
except OSError:
    sys.exit(1)' "$1" "$2"
}

start() {
  [[ $# -ge 1 ]] || proc_usage
  local port=$1; shift
  [[ $port =~ ^[0-9]+$ ]] || proc_usage
  local listen=127.0.0.1 ttl=60 locals=() opts=() name value target rest sport prio weight
  local -A hosts=()
  while [[ $# -gt 0 ]]; do
    [[ $# -ge 2 ]] || { echo "dnsmasq.sh: $1 needs a value" >&2; proc_usage; }
    case $1 in
      --listen) listen=${2#[}; listen=${listen%]} ;;
      --ttl) ttl=$2 ;;
      --local) locals+=("$2") ;;
      --a|--aaaa)
        name=${2%%=*}; value=${2#*=}
        [[ -n $name && $value != "$2" ]] || { echo "dnsmasq.sh: $1 wants NAME=ADDRESS" >&2; exit 2; }
        hosts[$name]+=",$value" ;;
      --srv)
        name=${2%%=*}; rest=${2#*=}
        IFS=: read -r target sport prio weight <<<"$rest"
        [[ -n $name && -n $target && -n $sport ]] ||
          { echo "dnsmasq.sh: --srv wants SERVICE.NAME=TARGET:PORT[:PRIO[:WEIGHT]]" >&2; exit 2; }
        opts+=("--srv-host=$name,$target,$sport,${prio:-10},${weight:-10}") ;;
      --opt) opts+=("$2") ;;
      *) echo "dnsmasq.sh: unknown option $1" >&2; proc_usage ;;
    esac
    shift 2
  done
  (( ${#locals[@]} > 0 )) || locals=(test)
  for name in "${!hosts[@]}"; do opts+=("--host-record=$name${hosts[$name]}"); done
  for name in "${locals[@]}"; do opts+=("--local=/$name/"); done
  local bin
  bin=$(command -v dnsmasq || echo /usr/sbin/dnsmasq)
  [[ -x $bin ]] || { echo "dnsmasq.sh: dnsmasq not installed" >&2; exit 1; }
  proc_refuse_running "$dir/dnsmasq.pid" "$dir"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  : >"$dir/dnsmasq.log"
  # --keep-in-foreground: no fork, so the pid is dnsmasq itself.
  proc_spawn "$dir/dnsmasq.pid" "$dir/dnsmasq.log" \
    "$bin" --keep-in-foreground --conf-file=/dev/null --pid-file="$dir/dnsmasq.pid.main" \
    --log-facility="$dir/dnsmasq.log" --no-resolv --no-hosts --port="$port" \
    --listen-address="$listen" --bind-interfaces --local-ttl="$ttl" "${opts[@]}"
  proc_logs=("$dir/dnsmasq.log") proc_waiting_for="TCP connect to $listen:$port"
  proc_wait_ready "$proc_pid" "$dir/dnsmasq.pid" 10 0.05 tcp_open "$listen" "$port" || exit 1
  echo "$proc_pid"
}

proc_main start "$@"
