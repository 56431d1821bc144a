#!/usr/bin/env bash
# e2e (a): Kamailio answers on the primary (UDP); the secondary is a dead port.
# Asserts: sip.target.down for the secondary with reason "timeout", address and transport as
# configured; the primary never goes down; no voice-port.busyout (one target is still up);
# gatewatch stops with exit 0 within 1 s of SIGTERM.
# usage: sip_udp_secondary_timeout.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
need kamailio

read -r kport dead < <(free_ports 2)
peer kamailio.sh "$work/kam" --udp "127.0.0.1:$kport"
write_config "$work/gw.cfg" "keepalive target ipv4:127.0.0.1:$kport" \
  "keepalive target ipv4:127.0.0.1:$dead secondary" "timers keepalive active 10 down 5" \
  "retry keepalive 2"
gw_start "$work/gw.cfg" 0.02

line=$(await_event 10 event=sip.target.down target=secondary)
echo "got: $line"
await_event 1 event=sip.target.down target=secondary reason=timeout \
  "address=127.0.0.1:$dead" transport=udp >/dev/null
# A few active intervals (0.2 s each) with the primary answering.
await_attempts 10 primary 3
[[ $(count_events event=sip.target.down target=primary) -eq 0 ]] || fail "primary went down"
[[ $(count_events event=voice-port.busyout) -eq 0 ]] || fail "busyout with the primary up"
gw_stop
echo "PASS: secondary down (timeout), primary up, no busyout"
