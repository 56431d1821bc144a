#!/usr/bin/env bash
# e2e (f): IPv6 literal targets on ::1 — Kamailio over UDP and TCP, and a dead UDP port.
# Asserts: both Kamailio targets answer (UDP primary, TCP secondary, `ipv6:[::1]:PORT`) with no
# down event; then with the primary's Kamailio stopped, sip.target.down carries the address in
# brackets "[::1]:PORT", transport udp, reason timeout.
# usage: sip_ipv6.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
need kamailio
python3 -c 'import socket; s=socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.bind(("::1", 0))' 2>/dev/null ||
  { echo "SKIP: no IPv6 loopback"; exit 77; }

read -r p1 p2 < <(free_ports 2)
peer kamailio.sh "$work/kam1" --udp "[::1]:$p1"
peer kamailio.sh "$work/kam2" --tcp "[::1]:$p2"
write_config "$work/gw.cfg" "keepalive target ipv6:[::1]:$p1" \
  "keepalive target ipv6:[::1]:$p2 tcp secondary" "timers keepalive active 10 down 5" "retry keepalive 2"
gw_start "$work/gw.cfg" 0.02
await_attempts 10 primary 3
await_attempts 10 secondary 3
[[ $(count_events event=sip.target.down) -eq 0 ]] || fail "a target went down while answering"
peer_stop kamailio.sh "$work/kam1"
line=$(await_event 10 event=sip.target.down target=primary "address=[::1]:$p1" transport=udp reason=timeout)
echo "got: $line"
gw_stop
echo "PASS: IPv6 UDP and TCP targets up; down event with a bracketed address"
