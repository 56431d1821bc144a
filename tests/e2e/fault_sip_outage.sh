#!/usr/bin/env bash
# Faults on a live SIP target, gatewatch in namespace A, peers in B (lib/netns.sh):
#  1. 100% loss (nft drop of everything UDP into B) -> primary (UDP, retry 6) down, reason
#     timeout, at the formula time: end of the last answered attempt + active interval +
#     attempt timeout (19.5 s), all x scale. Lateness (measured - formula) is printed; it must be
#     within +-LATE_TOL (0.15 s).
#  2. loss removed -> up after exactly `keepalive trigger` answered attempts.
#  3. responder restart: the peer is killed (down: timeout or ICMP refused), then started again
#     on the same port -> up after `keepalive trigger` answers.
#  4. TCP reset mid-stream: a TCP target answered over a live connection; then nft in B answers
#     every packet to that port with a TCP reset -> down, reason reset (or refused when the
#     reset hits a new connection's SYN; printed).
# usage: fault_sip_outage.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/fault_common.sh"

scale=0.02 active=10 down=1 retry=6 trigger=2
late_tol=${LATE_TOL:-0.15}
timeout=$(attempt_timeout $retry)
up=5060 tp=5070
peer_b udp python3 "$lib/hostile_peer.py" sip --udp "$ADDR_B:$up" --log "$work/udp.log"
peer_b tcp python3 "$lib/hostile_peer.py" sip --tcp "$ADDR_B:$tp" --log "$work/tcp.log"
await_line 10 "$work/udp.log" ' ready$'
await_line 10 "$work/tcp.log" ' ready$'
sip_ua_config "$work/gw.cfg" "keepalive target ipv4:$ADDR_B:$up" \
  "keepalive target ipv4:$ADDR_B:$tp tcp secondary" \
  "timers keepalive active $active down $down" "retry keepalive $retry" "keepalive trigger $trigger"
gw_start "$work/gw.cfg" "$scale"
await_attempts 10 primary 2
await_attempts 10 secondary 2

# 1. 100% loss.
nft_b 'meta l4proto udp drop'
d1=$(await_event 10 event=sip.target.down target=primary)
echo "$d1" | grep -q '"reason":"timeout"' || fail "100% loss: reason is not timeout: $d1"
d1_ts=$(event_ts "$d1")
last_ok=$(attempts | awk -v t="$d1_ts" '$2 == "primary" && $3 == "ok" && $1 < t {x=$1} END {print x}')
late=$(python3 -c "print(f'{$d1_ts - ($last_ok + ($active + $timeout) * $scale):+.3f}')")
echo "100% loss: down $(python3 -c "print(f'{$d1_ts - $last_ok:.3f}')") s after the last answer;" \
  "formula $(python3 -c "print(f'{($active + $timeout) * $scale:.3f}')") s (active $active + attempt timeout $timeout, x $scale); lateness $late s"
python3 -c "import sys; sys.exit(0 if abs($late) <= $late_tol else 1)" || fail "down $late s off the formula time"

# 2. Loss removed: up after exactly `trigger` answers.
healed=$(date +%s.%N)
nft_b_flush
u1=$(await_event 10 event=sip.target.up target=primary)
run=$(attempts | awk -v a="$healed" -v b="$(event_ts "$u1")" '$2 == "primary" && $1 >= a && $1 <= b + 0.001 {print $3}' | grep -c '^ok$' || true)
echo "loss removed: up after $run answered attempts (trigger $trigger)"
[[ $run -eq $trigger ]] || fail "up after $run answers, want $trigger"

# 3. Responder restart.
peer_b_stop udp
d2=$(await_nth 10 2 event=sip.target.down target=primary)
reason2=$(field "$d2" reason)
restart=$(date +%s.%N)
peer_b udp python3 "$lib/hostile_peer.py" sip --udp "$ADDR_B:$up" --log "$work/udp2.log"
await_line 10 "$work/udp2.log" ' ready$'
u2=$(await_nth 10 2 event=sip.target.up target=primary)
u2_ts=$(event_ts "$u2")
run=$(attempts | awk -v a="$restart" -v b="$u2_ts" '$2 == "primary" && $1 >= a && $1 <= b + 0.001 {print $3}' | grep -c '^ok$' || true)
restart_up=$(python3 -c "print(f'{$u2_ts - $restart:.3f}')")
echo "responder restart: down (reason $reason2), up ${restart_up} s after the restart, after $run answers (trigger $trigger)"
[[ $run -eq $trigger ]] || fail "up after $run answers after the restart, want $trigger"

# 4. TCP reset mid-stream.
await_attempts 10 secondary 3
conns=$(grep -c ' recv tcp ' "$work/tcp.log" || true)
nft_b "tcp dport $tp reject with tcp reset"
d3=$(await_event 10 event=sip.target.down target=secondary transport=tcp)
reason3=$(field "$d3" reason)
echo "TCP reset mid-stream: down, reason $reason3 ($conns requests answered before)"
[[ $reason3 == reset ]] || fail "TCP reset: reason $reason3, want reset"
gw_stop
figure "loss100_lateness_s=$late" "loss100_reason=timeout" "heal_up_after=$trigger" \
  "restart_down_reason=$reason2" "restart_up_s=$restart_up" "tcp_reset_reason=$reason3"
echo "PASS: 100% loss down at the formula time ($late s), up after $trigger, restart, TCP reset"
