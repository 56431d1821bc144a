#!/usr/bin/env bash
# e2e: CUBE server groups (issue 18). Group 1 has three members on loopback over UDP: Kamailio
# (lib/kamailio.sh), SIPp A and SIPp B (options_200). Dial-peers 100 and 101 share group 1 and
# profile 1 (up 10 s, down 5 s, retry 1 at --time-scale 0.05: 0.5 s / 0.25 s).
# Asserts:
#   1. all members answer: both dial-peers `active` in `show dial-peer voice summary`;
#   2. SIPp A stopped: server-group.member.down for it, both dial-peers `partial`, no
#      dial-peer.down;
#   3. Kamailio and SIPp B stopped too: dial-peer.down for 100 and 101 (busyout);
#   4. SIPp B back: server-group.member.up, dial-peer.up for 100 and 101, `partial` again;
#      `show voice class server-group 1` lists the three members with their state;
#   5. SIGHUP with a fourth member: config.applied, only the new member's stream starts (the
#      three others kept), it goes down (nothing answers there), the dial-peers stay `partial`;
#   6. tshark: the two dial-peers share one OPTIONS stream per member: while all were up, the
#      OPTIONS transactions to each member are at least 0.8 x the up-interval apart after the
#      first one (two streams would send each attempt twice, milliseconds apart; the first gap is
#      not yet the steady schedule: 0.27-0.33 s was seen for the first member under load).
# usage: server_group_sipp.sh [BUILD_DIR|GATEWATCH]   Needs root for the capture.
# Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/ops_common.sh"
need kamailio sipp tshark
[[ $(id -u) -eq 0 ]] || { echo "SKIP: live capture needs root"; exit 77; }

read -r pk pa pb < <(free_ports 3)
pcap=$work/sg.pcapng
tshark -i lo -f "udp and (port $pk or port $pa or port $pb)" -w "$pcap" >"$work/tshark.out" 2>&1 &
tshark_pid=$!
stop_tshark() { kill -INT "$tshark_pid" 2>/dev/null || true; wait "$tshark_pid" 2>/dev/null || true; }
trap 'stop_tshark; cleanup' EXIT
for _ in $(seq 100); do grep -q "Capturing on" "$work/tshark.out" && break; sleep 0.1; done
grep -q "Capturing on" "$work/tshark.out" || fail "tshark did not start: $(cat "$work/tshark.out")"

peer kamailio.sh "$work/kam" --udp "127.0.0.1:$pk"
peer sipp.sh "$work/sa" options_200 -i 127.0.0.1 -p "$pa" -t u1
peer sipp.sh "$work/sb" options_200 -i 127.0.0.1 -p "$pb" -t u1

cfg=$work/gw.cfg
cat >"$cfg" <<CFG
voice class sip-options-keepalive 1
 up-interval 10
 down-interval 5
 retry 1
!
voice class server-group 1
 ipv4 127.0.0.1 port $pk preference 1
 ipv4 127.0.0.1 port $pa preference 2
 ipv4 127.0.0.1 port $pb preference 3
 description e2e trunk
!
dial-peer voice 100 voip
 session server-group 1
 voice-class sip options-keepalive profile 1
!
dial-peer voice 101 voip
 session server-group 1
 voice-class sip options-keepalive profile 1
CFG
"$gw" check -c "$cfg" >/dev/null || fail "config rejected by gatewatch check"

summary_state() {  # TAG: the KEEPALIVE column of that dial-peer
  ctl "execute show dial-peer voice summary" | awk -v t="$1" '$1 == t { print $NF }'
}
await_state() {  # TAG STATE SECONDS
  local deadline=$(( $(date +%s) + $3 )) s
  while s=$(summary_state "$1"); [[ $s != "$2" ]]; do
    (( $(date +%s) <= deadline )) || fail "dial-peer $1 is '$s', not '$2' within $3 s"
    sleep 0.05
  done
}

ops_start "$cfg" 0.05
t_start=$(date +%s.%N)
# 1. Four attempts per member (0.5 s apart) while everything answers.
deadline=$(( $(date +%s) + 15 ))
until (( $(grep -c "^OPTIONS sip:127.0.0.1:$pb" "$work/sb/sipp_messages.log" 2>/dev/null || echo 0) >= 4 )); do
  (( $(date +%s) <= deadline )) || fail "SIPp B saw fewer than 4 OPTIONS"
  sleep 0.05
done
await_state 100 active 5
await_state 101 active 5
t_all_up_end=$(date +%s.%N)

# 2. SIPp A silent: partial.
peer_stop sipp.sh "$work/sa"
line=$(await_event 10 event=server-group.member.down group=1 "address=127.0.0.1:$pa" transport=udp)
echo "got: $line"
await_state 100 partial 5
await_state 101 partial 5
[[ $(count_events event=dial-peer.down) == 0 ]] || fail "dial-peer.down with members still up"

# 3. Every member silent: busyout, dial-peer.down.
peer_stop kamailio.sh "$work/kam"
peer_stop sipp.sh "$work/sb"
for tag in 100 101; do
  line=$(await_event 10 event=dial-peer.down dial_peer=$tag transport=udp)
  echo "got: $line"
done
await_state 100 busyout 5
grep -q "%SIP-5-DIALPEER_STATUS: dial-peer 100 server-group 1 OPTIONS keepalive status changed to BUSYOUT" "$gw_log" \
  || fail "no IOS log line for dial-peer 100 busyout"

# 4. SIPp B back: dial-peer.up, partial.
peer sipp.sh "$work/sb2" options_200 -i 127.0.0.1 -p "$pb" -t u1
line=$(await_event 10 event=server-group.member.up group=1 "address=127.0.0.1:$pb")
echo "got: $line"
for tag in 100 101; do
  line=$(await_event 10 event=dial-peer.up dial_peer=$tag "address=127.0.0.1:$pb" transport=udp)
  echo "got: $line"
done
await_state 100 partial 5
show=$(ctl "execute show voice class server-group 1")
echo "$show"
grep -q "OperStatus: Up" <<<"$show" || fail "group 1 not oper up"
grep -Eq "127.0.0.1 +$pb +up" <<<"$show" || fail "member B not shown up"
grep -Eq "127.0.0.1 +$pa +down" <<<"$show" || fail "member A not shown down"

# Reload (SIGHUP) with a fourth member: only its stream starts, the three others are kept.
read -r pd < <(free_ports 1)
sed "s|^ description e2e trunk| ipv4 127.0.0.1 port $pd preference 4\n description e2e trunk|" "$cfg" >"$cfg.new"
mv "$cfg.new" "$cfg"
"$gw" check -c "$cfg" >/dev/null || fail "reloaded config rejected by gatewatch check"
kill -HUP "$gw_pid"
await_event 10 event=config.applied >/dev/null
deadline=$(( $(date +%s) + 5 ))
until grep -q "%SIP-6-SERVER_GROUP: OPTIONS keepalive started for 1 server-group member, stopped for 0, 3 kept" "$gw_log"; do
  (( $(date +%s) <= deadline )) || fail "reload did not start exactly the new member's stream"
  sleep 0.05
done
line=$(await_event 10 event=server-group.member.down group=1 "address=127.0.0.1:$pd")
echo "after reload: $line"
await_state 100 partial 5
gw_stop
peer_stop sipp.sh "$work/sb2"

# 6. One OPTIONS stream per member while all were up (t_start .. t_all_up_end).
for _ in $(seq 20); do [[ -s $pcap ]] && break; sleep 0.1; done
sleep 0.5
stop_tshark
for port in $pk $pa $pb; do
  gaps=$(tshark -n -r "$pcap" -d "udp.port==$port,sip" \
           -Y "udp.dstport == $port && sip.Method == \"OPTIONS\" && frame.time_epoch <= $t_all_up_end" \
           -T fields -e frame.time_epoch -e sip.Via.branch 2>/dev/null |
         python3 -c '
import sys
first = {}
for line in sys.stdin:
    t, branch = line.split()[:2]
    first.setdefault(branch, float(t))  # retransmissions share the branch
ts = sorted(first.values())
# The first gap is not yet the steady schedule (0.27-0.33 s seen for the first member under
# load); a second stream would show in every gap after it.
gaps = [b - a for a, b in zip(ts, ts[1:])]
print(len(ts), min(gaps[1:], default=0), " ".join("%.3f" % g for g in gaps))')
  read -r n mingap all <<<"$gaps"
  echo "member port $port: $n OPTIONS transactions while all up, gaps ${all}s"
  (( n >= 4 )) || fail "member $port: only $n OPTIONS transactions captured"
  python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) >= 0.8 * 0.5 else 1)" "$mingap" \
    || fail "member $port: OPTIONS ${mingap}s apart: more than one stream for two dial-peers"
done
echo "PASS: server group partial/busyout/recovery, one OPTIONS stream per member"
