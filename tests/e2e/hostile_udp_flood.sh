#!/usr/bin/env bash
# Hostile: a flood of garbage datagrams (random bytes, a quarter of them starting like a SIP
# response) at gatewatch's SIP source port, RATE per second (default 20,000) for SECONDS
# (default 10), from namespace B, while the real peer keeps answering.
# Asserts: no sip.target.down; RSS growth (VmRSS after - before) under 8 MiB; the probes stay on
# schedule: at the peer, the gap between first sends of consecutive attempts stays within
# the active interval (10 s x scale 0.02 = 0.2 s) after the previous answer: mean deviation
# <= 20 ms, max <= 100 ms (a loaded 2-core CI machine shows tens of ms of scheduling jitter).
# Prints datagrams sent, RSS before/after/peak, CPU time of gatewatch during the flood, the
# attempt-gap deviation, and the malformed counter when the build serves --metrics.
# usage: hostile_udp_flood.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/fault_common.sh"

scale=0.02 active=10
rate=${RATE:-20000} seconds=${SECONDS_FLOOD:-10}
port=5060
peer_b sip python3 "$lib/hostile_peer.py" sip --udp "$ADDR_B:$port" --log "$work/peer.log"
await_line 10 "$work/peer.log" ' ready$'
sip_ua_config "$work/gw.cfg" "keepalive target ipv4:$ADDR_B:$port" \
  "timers keepalive active $active down 1" "retry keepalive 6"
gw_start_metrics "$work/gw.cfg" "$scale"
await_attempts 10 primary 3
src=$(awk '$2 == "recv" {print $4; exit}' "$work/peer.log")
sport=${src##*:}
rss0=$(gw_rss_kb)
cpu() { awk '{print $14 + $15}' "/proc/$gw_pid/stat"; }
cpu0=$(cpu)
t0=$(date +%s.%N)
ip netns exec "$NS_B" python3 "$lib/hostile_peer.py" flood --to "$ADDR_A:$sport" --rate "$rate" \
  --seconds "$seconds" --log "$work/flood.log"
t1=$(date +%s.%N)
cpu1=$(cpu)
rss1=$(gw_rss_kb)
hwm=$(gw_hwm_kb)
sent=$(awk '$2 == "flood" {print $3}' "$work/flood.log")
malformed=$(metric gatewatch_sip_wire_malformed_total)
downs=$(count_events event=sip.target.down)
gw_stop
# Attempt gaps at the peer during the flood: first recv of each branch; gap minus the interval.
dev=$(python3 - "$work/peer.log" "$t0" "$t1" "$(python3 -c "print($active * $scale)")" <<'PY'
import sys
path, t0, t1, interval = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
first, sent = {}, {}
for line in open(path):
    f = line.split()
    if f[1] == "recv" and f[4] not in first: first[f[4]] = float(f[0])
    if f[1] == "sent" and f[4] not in sent: sent[f[4]] = float(f[0])
order = sorted(first, key=first.get)
devs = []
for a, b in zip(order, order[1:]):
    if t0 <= first[b] <= t1 and a in sent:
        # The next attempt starts one interval after the previous one ended (its answer).
        devs.append(first[b] - sent[a] - interval)
devs = [abs(d) for d in devs] or [99]
print(f"{len(devs)} {max(devs):.4f} {sum(devs) / len(devs):.4f}")
PY
)
read -r gaps maxdev meandev <<<"$dev"
cpu_s=$(python3 -c "print(f'{($cpu1 - $cpu0) / $(getconf CLK_TCK):.2f}')")
wall=$(python3 -c "print(f'{$t1 - $t0:.1f}')")
echo "flood: $sent datagrams in $wall s at $ADDR_A:$sport; gatewatch CPU ${cpu_s} s over the flood;" \
  "RSS ${rss0} -> ${rss1} KiB (peak ${hwm} KiB); attempts during the flood $gaps, gap deviation mean ${meandev} s, max ${maxdev} s;" \
  "malformed counted ${malformed:-n/a}; downs $downs"
figure "datagrams=$sent" "seconds=$wall" "cpu_s=$cpu_s" "rss_before_kb=$rss0" "rss_after_kb=$rss1" \
  "rss_peak_kb=$hwm" "attempts=$gaps" "mean_gap_dev_s=$meandev" "max_gap_dev_s=$maxdev" "downs=$downs" "malformed=${malformed:-n/a}"
[[ $downs -eq 0 ]] || fail "target went down during the flood"
(( rss1 - rss0 < 8192 )) || fail "RSS grew by $(( rss1 - rss0 )) KiB"
(( gaps >= 20 )) || fail "only $gaps attempts during the flood"
python3 -c "import sys; sys.exit(0 if $meandev <= 0.020 and $maxdev <= 0.100 else 1)" ||
  fail "probes off schedule: mean deviation $meandev s, max $maxdev s"
echo "PASS: $sent garbage datagrams: memory bounded, probes on schedule, no down"
