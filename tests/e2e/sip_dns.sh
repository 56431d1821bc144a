#!/usr/bin/env bash
# e2e (g): `dns:` targets resolved through dnsmasq (GATEWATCH_DNS_SERVER=127.0.0.1:PORT, the
# lab/test knob that stands in for `ip name-server`, which has no port).
# Asserts: `dns:sip.test` without a port is found through SRV _sip._udp.sip.test -> sip.test:P
# and A sip.test -> 127.0.0.1, and Kamailio there answers (no down event); `dns:nothere.test`
# (NXDOMAIN) as secondary goes down with reason "dns"; when the primary's Kamailio stops, its
# down event names the resolved address 127.0.0.1:P.
# usage: sip_dns.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
need kamailio
[[ -x $(command -v dnsmasq || echo /usr/sbin/dnsmasq) ]] || { echo "SKIP: dnsmasq not installed"; exit 77; }

read -r kport dport < <(free_ports 2)
peer kamailio.sh "$work/kam" --udp "127.0.0.1:$kport"
peer dnsmasq.sh "$work/dns" "$dport" --ttl 60 --a sip.test=127.0.0.1 \
  --srv "_sip._udp.sip.test=sip.test:$kport:10:50"
write_config "$work/gw.cfg" "keepalive target dns:sip.test" "keepalive target dns:nothere.test secondary" \
  "timers keepalive active 10 down 5" "retry keepalive 2"
export GATEWATCH_DNS_SERVER=127.0.0.1:$dport
gw_start "$work/gw.cfg" 0.02
line=$(await_event 10 event=sip.target.down target=secondary reason=dns transport=udp)
echo "got: $line"
await_attempts 10 primary 3
[[ $(count_events event=sip.target.down target=primary) -eq 0 ]] || fail "primary went down"
peer_stop kamailio.sh "$work/kam"
line=$(await_event 10 event=sip.target.down target=primary "address=127.0.0.1:$kport" reason=timeout)
echo "got: $line"
gw_stop
echo "PASS: SRV+A resolution through dnsmasq, NXDOMAIN -> down reason dns"
