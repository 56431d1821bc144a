#!/usr/bin/env bash
# Fault: latency and jitter within the retransmission budget cause no down. Each way, every
# datagram is held DELAY +- JITTER (default 200 ms +- 100 ms, uniform, reordering allowed):
# netem delay/jitter on both veth ends when the kernel has netem, else a UDP relay in B
# (lib/hostile_peer.py delay-proxy) between gatewatch and the responder. Round trips of
# 200..600 ms against an attempt budget of 19.5 s x scale 0.1 = 1.95 s (retry 6; T1 = 50 ms, so
# most attempts are retransmitted several times and answered late).
# Asserts: >= MIN_ATTEMPTS (default 30) attempts, all answered, no sip.target.down. Prints the
# RTT gatewatch measured (min/median/max) and the retransmissions seen by the responder.
# usage: fault_latency_jitter.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/fault_common.sh"

scale=0.1 delay=${DELAY:-0.2} jitter=${JITTER:-0.1} min_attempts=${MIN_ATTEMPTS:-30}
port=5060 front=5070
peer_b sip python3 "$lib/hostile_peer.py" sip --udp "$ADDR_B:$port" --log "$work/peer.log"
await_line 10 "$work/peer.log" ' ready$'
ms() { python3 -c "print(int(float('$1') * 1000))"; }
if netem a delay "$(ms "$delay")ms" "$(ms "$jitter")ms" 2>/dev/null &&
   netem b delay "$(ms "$delay")ms" "$(ms "$jitter")ms" 2>/dev/null; then
  mech=netem target=$ADDR_B:$port
else
  netem_clear a
  mech=delay-proxy target=$ADDR_B2:$front
  peer_b proxy python3 "$lib/hostile_peer.py" delay-proxy --listen "$ADDR_B2:$front" \
    --to "$ADDR_B:$port" --delay "$delay" --jitter "$jitter" --log "$work/proxy.log"
  await_line 10 "$work/proxy.log" ' ready$'
fi
sip_ua_config "$work/gw.cfg" "keepalive target ipv4:$target" \
  "timers keepalive active 10 down 1" "retry keepalive 6"
gw_start "$work/gw.cfg" "$scale"
deadline=$(( $(date +%s) + 80 ))
while (( $(attempts | wc -l) < min_attempts )); do
  kill -0 "$gw_pid" 2>/dev/null || fail "gatewatch exited"
  (( $(date +%s) < deadline )) || fail "fewer than $min_attempts attempts within 80 s"
  sleep 0.2
done
gw_stop
n=$(attempts | wc -l)
ok=$(attempts | awk '$3 == "ok"' | wc -l)
downs=$(count_events event=sip.target.down)
rtts=$(grep -o 'rtt [0-9]* us' "$gw_log" | awk '{print $2 / 1000}' | sort -n |
       awk '{a[NR] = $1} END {printf "%.0f %.0f %.0f", a[1], a[int((NR + 1) / 2)], a[NR]}')
read -r rmin rmed rmax <<<"$rtts"
reqs=$(grep -c ' recv ' "$work/peer.log" || true)
echo "latency ${delay}s +- ${jitter}s each way ($mech): $n attempts, $ok answered, downs $downs;" \
  "RTT min/median/max $rmin/$rmed/$rmax ms; requests at the responder $reqs (retransmissions $((reqs - n)))"
figure "mech=$mech" "attempts=$n" "answered=$ok" "downs=$downs" "rtt_min_ms=$rmin" "rtt_med_ms=$rmed" \
  "rtt_max_ms=$rmax" "requests=$reqs"
[[ $downs -eq 0 ]] || fail "$downs downs under latency within the budget"
[[ $ok -eq $n ]] || fail "$((n - ok)) attempts failed"
echo "PASS: $n attempts at ${delay}s +- ${jitter}s each way, no down"
