#!/usr/bin/env bash
# e2e (e): TLS to Kamailio with the test CA (`keepalive tls ca-file PATH`).
# Asserts: with the server certificate signed by the trusted CA, the primary stays up (answered
# attempts over TLS, no down event) and a TLS connection is reused across attempts (Kamailio
# keeps one TCP connection: checked as a single established connection from gatewatch);
# with a Kamailio presenting a certificate from another CA as the secondary, that target goes
# down with reason "tls"; no busyout (the primary is up).
# usage: sip_tls.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
need kamailio openssl

"$lib/pki.sh" "$work/pki" >/dev/null || fail "pki.sh"
pki=$work/pki
read -r good bad < <(free_ports 2)
peer kamailio.sh "$work/kam_good" --tls "127.0.0.1:$good" --cert "$pki/server.pem" --key "$pki/server.key"
peer kamailio.sh "$work/kam_bad" --tls "127.0.0.1:$bad" --cert "$pki/wrong.pem" --key "$pki/wrong.key"
write_config "$work/gw.cfg" "keepalive target ipv4:127.0.0.1:$good tcp tls" \
  "keepalive target ipv4:127.0.0.1:$bad tcp tls secondary" "keepalive tls ca-file $pki/ca.pem" \
  "timers keepalive active 10 down 5"
# Scale 0.05 with the default retry 6: a 0.975 s attempt timeout leaves room for TLS
# handshakes on a loaded machine (active interval 0.5 s).
gw_start "$work/gw.cfg" 0.05
line=$(await_event 10 event=sip.target.down target=secondary "address=127.0.0.1:$bad" transport=tls)
echo "got: $line"
echo "$line" | grep -q '"reason":"tls"' || fail "wrong-CA reason is not tls: $line"
await_attempts 10 primary 4
[[ $(count_events event=sip.target.down target=primary) -eq 0 ]] || fail "primary (good CA) went down"
[[ $(count_events event=voice-port.busyout) -eq 0 ]] || fail "busyout with the primary up"
pid=$gw_pid
conns=$(ss -Htnp state established "( dport = :$good )" 2>/dev/null | grep -c "pid=$pid," || true)
echo "established TLS connections from gatewatch to the primary: $conns"
[[ $conns -eq 1 ]] || fail "expected one reused connection, found $conns"
gw_stop
echo "PASS: TLS up with the test CA, down (tls) with the wrong CA"
