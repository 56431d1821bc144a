#!/usr/bin/env bash
# kamailio.sh — a Kamailio that answers SIP OPTIONS, for the end-to-end tests.
#
#   kamailio.sh start DIR [--udp ADDR:PORT]... [--tcp ADDR:PORT]... [--tls ADDR:PORT]...
#                         [--cert FILE --key FILE] [--ipv6 ADDR] [--code N] [--reason TEXT] [--tm]
#   kamailio.sh stop DIR
#
# start writes DIR/kamailio.cfg (modules sl, pv, and tls when a TLS listener is asked for),
# starts kamailio in the foreground mode (-DD -E, so no double fork) in the background of this
# shell with its pid in DIR/kamailio.pid and its log in DIR/kamailio.log, waits until every
# listener answers an OPTIONS (sip_options.py; up to 15 s), and prints the PID.
# ADDR is an IPv4 or IPv6 literal; IPv6 takes brackets: --udp [::1]:5060. --ipv6 ADDR also
# listens on ADDR with each --udp/--tcp/--tls port (so "--udp 127.0.0.1:P --ipv6 ::1" gives
# UDP on 127.0.0.1:P and [::1]:P). --tls needs --cert and --key (PEM; see pki.sh); the server
# asks for no client certificate. Every OPTIONS gets "--code --reason" (default 200 OK) with
# sl_send_reply; any other request gets 405. --tm also loads tm (not needed for OPTIONS; for
# tests that want Kamailio's transaction layer present). Runs as the calling user (root is
# fine; no -u/-g).
# stop sends SIGTERM to the pid in DIR/kamailio.pid, waits up to 10 s (then SIGKILL), removes
# the pid file. Exit: 0 ok, 1 failure (the log is printed), 2 usage.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
moddir=""
for d in /usr/lib/x86_64-linux-gnu/kamailio/modules /usr/lib/kamailio/modules \
         /usr/local/lib64/kamailio/modules /usr/local/lib/kamailio/modules; do
  [[ -f $d/sl.so ]] && { moddir=$d; break; }
done

proc_name=kamailio proc_stop_seconds=10
# shellcheck source-path=SCRIPTDIR source=proc.sh
source "$here/proc.sh"

# Readiness: drops from `pending` (start's listeners, "proto addr port") each that answers an
# OPTIONS; true once none is left.
listeners_answer() {
  local next=() l proto host port
  for l in "${pending[@]}"; do
    read -r proto host port <<<"$l"
    "$here/sip_options.py" -t "$proto" --insecure --timeout 0.5 "$host" "$port" \
      >/dev/null 2>&1 || next+=("$l")
  done
  pending=("${next[@]+"${next[@]}"}")
  proc_waiting_for="OPTIONS answers on: ${pending[*]}"
  (( ${#pending[@]} == 0 ))
}

start() {
  local udp=() tcp=() tls=() cert="" key="" v6="" code=200 reason=OK tm=0
  while [[ $# -gt 0 ]]; do
    case $1 in
      --udp) udp+=("$2"); shift 2 ;;
      --tcp) tcp+=("$2"); shift 2 ;;
      --tls) tls+=("$2"); shift 2 ;;
      --cert) cert=$2; shift 2 ;;
      --key) key=$2; shift 2 ;;
      --ipv6) v6=${2#[}; v6=${v6%]}; shift 2 ;;
      --code) code=$2; shift 2 ;;
      --reason) reason=$2; shift 2 ;;
      --tm) tm=1; shift ;;
      *) echo "kamailio.sh: unknown option $1" >&2; proc_usage ;;
    esac
  done
  [[ -n $moddir ]] || { echo "kamailio.sh: kamailio modules (sl.so) not found" >&2; exit 1; }
  command -v kamailio >/dev/null || { echo "kamailio.sh: kamailio not installed" >&2; exit 1; }
  (( ${#udp[@]} + ${#tcp[@]} + ${#tls[@]} > 0 )) || { echo "kamailio.sh: no listener" >&2; exit 2; }
  if (( ${#tls[@]} > 0 )); then
    [[ -r $cert && -r $key ]] || { echo "kamailio.sh: --tls needs readable --cert and --key" >&2; exit 2; }
    [[ -f $moddir/tls.so ]] || { echo "kamailio.sh: tls.so missing (kamailio-tls-modules)" >&2; exit 1; }
  fi
  proc_refuse_running "$dir/kamailio.pid" "$dir"
  mkdir -p "$dir/run"
  dir=$(cd "$dir" && pwd)

  # Listeners: "proto addr port" triples; --ipv6 duplicates each port on that address.
  local listeners=() l proto hp host port
  for proto in udp tcp tls; do
    local -n list=$proto
    for hp in "${list[@]}"; do
      port=${hp##*:}; host=${hp%:*}; host=${host#[}; host=${host%]}
      listeners+=("$proto $host $port")
      [[ -n $v6 ]] && listeners+=("$proto $v6 $port")
    done
  done

  local cfg=$dir/kamailio.cfg
  {
    echo '#!KAMAILIO'
    echo '# Written by tests/e2e/lib/kamailio.sh: answers OPTIONS, nothing else.'
    echo 'debug=2'
    echo 'log_stderror=yes'
    echo 'children=2'
    echo 'tcp_children=2'
    echo 'auto_aliases=no'
    echo 'dns=no'
    echo 'rev_dns=no'
    echo 'dns_try_ipv6=no'
    echo 'use_dns_cache=no'
    echo "mpath=\"$moddir/\""
    for l in "${listeners[@]}"; do
      read -r proto host port <<<"$l"
      [[ $host == *:* ]] && host="[$host]"
      echo "listen=$proto:$host:$port"
    done
    if (( ${#tls[@]} > 0 )); then
      echo 'enable_tls=yes'
      echo 'loadmodule "tls.so"'
      echo "modparam(\"tls\", \"config\", \"$dir/tls.cfg\")"
    fi
    if (( tm )); then echo 'loadmodule "tm.so"'; fi
    echo 'loadmodule "sl.so"'
    echo 'loadmodule "pv.so"'
    cat <<ROUTE
request_route {
  if (\$rm == "OPTIONS") {
    sl_send_reply("$code", "$reason");
    exit;
  }
  if (\$rm != "ACK") sl_send_reply("405", "Method Not Allowed");
  exit;
}
ROUTE
  } >"$cfg"
  if (( ${#tls[@]} > 0 )); then
    cat >"$dir/tls.cfg" <<TLS
[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
private_key = $(cd "$(dirname "$key")" && pwd)/$(basename "$key")
certificate = $(cd "$(dirname "$cert")" && pwd)/$(basename "$cert")

[client:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
TLS
  fi

  kamailio -c -f "$cfg" >"$dir/check.log" 2>&1 ||
    { echo "kamailio.sh: configuration rejected:" >&2; cat "$dir/check.log" >&2; exit 1; }

  : >"$dir/kamailio.log"
  # -DD: no daemonising, the process we start is kamailio's main process. -E: log to stderr.
  proc_spawn "$dir/kamailio.pid" "$dir/kamailio.log" \
    kamailio -DD -E -f "$cfg" -P "$dir/kamailio.pid.main" -Y "$dir/run" -m 64 -M 8

  # Ready when every listener answers an OPTIONS.
  local pending=("${listeners[@]}")
  proc_logs=("$dir/kamailio.log")
  proc_wait_ready "$proc_pid" "$dir/kamailio.pid" 15 0.1 listeners_answer || exit 1
  echo "$proc_pid"
}

proc_main start "$@"
