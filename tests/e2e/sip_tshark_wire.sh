#!/usr/bin/env bash
# e2e (i): gatewatch's SIP on the wire, judged by Wireshark (lib/tshark_sip_check.sh).
# Captures on lo while gatewatch probes Kamailio over UDP and TCP and a silent SIPp over UDP
# (so retransmissions are on the wire too), then asserts: no SIP packet is malformed or carries
# an expert error / SIP dissector complaint, every UDP/TCP payload on those ports decodes as
# SIP, OPTIONS requests and 200 responses are both present, and the silent peer saw
# retransmissions (the same branch more than once).
# usage: sip_tshark_wire.sh [BUILD_DIR|GATEWATCH]   Needs root for the live capture.
# Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
need kamailio sipp tshark
[[ $(id -u) -eq 0 ]] || { echo "SKIP: live capture needs root"; exit 77; }

read -r kport sport < <(free_ports 2)
pcap=$work/sip.pcapng
tshark -i lo -f "port $kport or port $sport" -w "$pcap" >"$work/tshark.out" 2>&1 &
tshark_pid=$!
stop_tshark() { kill -INT "$tshark_pid" 2>/dev/null || true; wait "$tshark_pid" 2>/dev/null || true; }
trap 'stop_tshark; cleanup' EXIT
for _ in $(seq 100); do grep -q "Capturing on" "$work/tshark.out" && break; sleep 0.1; done
grep -q "Capturing on" "$work/tshark.out" || fail "tshark did not start: $(cat "$work/tshark.out")"

peer kamailio.sh "$work/kam" --udp "127.0.0.1:$kport" --tcp "127.0.0.1:$kport"
peer sipp.sh "$work/sipp" options_silent -i 127.0.0.1 -p "$sport" -t u1

write_config "$work/udp.cfg" "keepalive target ipv4:127.0.0.1:$kport" \
  "keepalive target ipv4:127.0.0.1:$sport secondary" "timers keepalive active 10 down 5" "retry keepalive 3"
gw_start "$work/udp.cfg" 0.02
await_event 10 event=sip.target.down target=secondary reason=timeout >/dev/null
await_attempts 10 primary 3
gw_stop

write_config "$work/tcp.cfg" "keepalive target ipv4:127.0.0.1:$kport tcp" "timers keepalive active 10 down 5"
gw_start "$work/tcp.cfg" 0.02
await_attempts 10 primary 3
gw_stop

# Give tshark a moment to write the last packets, then stop it (SIGINT flushes the file).
for _ in $(seq 20); do [[ -s $pcap ]] && break; sleep 0.1; done
sleep 0.5
stop_tshark
out=$("$lib/tshark_sip_check.sh" "$pcap" "$kport" "$sport") || { echo "$out"; fail "tshark found bad SIP"; }
echo "tshark_sip_check: $out"
n_opt=$(tshark -n -r "$pcap" -d "udp.port==$kport,sip" -d "tcp.port==$kport,sip" -d "udp.port==$sport,sip" \
          -Y 'sip.Method == "OPTIONS"' 2>/dev/null | wc -l)
n_200=$(tshark -n -r "$pcap" -d "udp.port==$kport,sip" -d "tcp.port==$kport,sip" \
          -Y 'sip.Status-Code == 200' 2>/dev/null | wc -l)
n_tcp=$(tshark -n -r "$pcap" -d "tcp.port==$kport,sip" -Y 'tcp && sip.Method == "OPTIONS"' 2>/dev/null | wc -l)
retrans=$(tshark -n -r "$pcap" -d "udp.port==$sport,sip" -Y "udp.dstport == $sport && sip.Method == \"OPTIONS\"" \
          -T fields -e sip.Via.branch 2>/dev/null | sort | uniq -c | awk '$1 > 1' | wc -l)
echo "OPTIONS: $n_opt (TCP: $n_tcp), 200 OK: $n_200, retransmitted transactions to the silent peer: $retrans"
(( n_opt > 0 && n_200 > 0 && n_tcp > 0 && retrans > 0 )) || fail "capture lacks OPTIONS/200/TCP/retransmissions"
echo "PASS: no malformed SIP on the wire (UDP, TCP, retransmissions)"
