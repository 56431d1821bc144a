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

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 2 ]] || usage
cmd=$1 dir=$2
shift 2

pid_alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }

stop() {
  local pidfile=$dir/dnsmasq.pid pid
  [[ -f $pidfile ]] || { echo "dnsmasq.sh: no $pidfile" >&2; return 0; }
  pid=$(cat "$pidfile")
  if pid_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do pid_alive "$pid" || break; sleep 0.1; done
    if pid_alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$pidfile"
}

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
  [[ $# -ge 1 ]] || usage
  local port=$1; shift
  [[ $port =~ ^[0-9]+$ ]] || usage
  local listen=127.0.0.1 ttl=60 locals=() opts=() name value target rest sport prio weight
  local -A hosts=()
  while [[ $# -gt 0 ]]; do
    [[ $# -ge 2 ]] || { echo "dnsmasq.sh: $1 needs a value" >&2; usage; }
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
      *) echo "dnsmasq.sh: unknown option $1" >&2; usage ;;
    esac
    shift 2
  done
  (( ${#locals[@]} > 0 )) || locals=(test)
  for name in "${!hosts[@]}"; do opts+=("--host-record=$name${hosts[$name]}"); done
  for name in "${locals[@]}"; do opts+=("--local=/$name/"); done
  local bin
  bin=$(command -v dnsmasq || echo /usr/sbin/dnsmasq)
  [[ -x $bin ]] || { echo "dnsmasq.sh: dnsmasq not installed" >&2; exit 1; }
  if [[ -f $dir/dnsmasq.pid ]] && pid_alive "$(cat "$dir/dnsmasq.pid")"; then
    echo "dnsmasq.sh: already running in $dir" >&2; exit 1
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  : >"$dir/dnsmasq.log"
  # --keep-in-foreground: no fork, so $! is dnsmasq itself.
  "$bin" --keep-in-foreground --conf-file=/dev/null --pid-file="$dir/dnsmasq.pid.main" \
    --log-facility="$dir/dnsmasq.log" --no-resolv --no-hosts --port="$port" \
    --listen-address="$listen" --bind-interfaces --local-ttl="$ttl" "${opts[@]}" \
    </dev/null >>"$dir/dnsmasq.log" 2>&1 &
  local pid=$!
  echo "$pid" >"$dir/dnsmasq.pid"
  local deadline=$((SECONDS + 10))
  until tcp_open "$listen" "$port"; do
    if ! pid_alive "$pid"; then
      echo "dnsmasq.sh: dnsmasq exited:" >&2; cat "$dir/dnsmasq.log" >&2
      rm -f "$dir/dnsmasq.pid"; exit 1
    fi
    if (( SECONDS > deadline )); then
      echo "dnsmasq.sh: dnsmasq not listening on $listen:$port" >&2; stop; exit 1
    fi
    sleep 0.05
  done
  echo "$pid"
}

case $cmd in
  start) start "$@" ;;
  stop) stop ;;
  *) usage ;;
esac
