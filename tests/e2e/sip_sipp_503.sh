#!/usr/bin/env bash
# e2e (c): SIPp answers every OPTIONS with 503 Service Unavailable (UDP).
# Asserts: sip.target.down for the primary with reason "503" (IOS semantics: 503 is a failure
# although it is a final response); with it the only target, voice-port 0/0/1 is busied out;
# SIPp received our OPTIONS (its message log).
# usage: sip_sipp_503.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
need sipp

read -r port < <(free_ports 1)
peer sipp.sh "$work/sipp" options_503 -i 127.0.0.1 -p "$port" -t u1
write_config "$work/gw.cfg" "keepalive target ipv4:127.0.0.1:$port" \
  "timers keepalive active 10 down 5" "retry keepalive 2"
gw_start "$work/gw.cfg" 0.02
line=$(await_event 10 event=sip.target.down target=primary reason=503 "address=127.0.0.1:$port" transport=udp)
echo "got: $line"
await_event 5 event=voice-port.busyout port=0/0/1 >/dev/null
grep -q "OPTIONS sip:127.0.0.1:$port SIP/2.0" "$work/sipp/sipp_messages.log" || fail "SIPp saw no OPTIONS"
gw_stop
echo "PASS: 503 -> down reason 503, busyout"
