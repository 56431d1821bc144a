#!/usr/bin/env bash
# Hostile UDP peer (lib/hostile_peer.py, mode hostile): answers the first 2 attempts for real,
# then never again; instead, for every request it receives it sends forged responses: right
# Call-ID and CSeq with a wrong Via branch; the right response from another port; from another
# address (B's second address, same port); a replay of an older real response; a response to a
# request not sent yet (CSeq + 1). None may change state:
#  - the primary goes down (reason timeout) at the formula time counted from the first send of
#    the first unanswered attempt (the peer logs it): + attempt timeout (retry 2: 3.5 s) x scale;
#  - it never comes up again while only forgeries arrive (>= 6 more attempts observed);
#  - gatewatch counts every one: gatewatch_sip_wire_unmatched_total + malformed from --metrics
#    is at least the number of forgeries sent, at most that plus the real answers (late answers
#    to retransmissions are unmatched too) — when the build serves metrics; else "n/a".
# usage: hostile_sip_forged.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/fault_common.sh"

scale=0.05 active=10 down=1 retry=2
late_tol=${LATE_TOL:-0.15}
port=5060
peer_b hostile python3 "$lib/hostile_peer.py" sip --udp "$ADDR_B:$port" --mode hostile \
  --answer-first 2 --alt-addr "$ADDR_B2" --log "$work/peer.log"
await_line 10 "$work/peer.log" ' ready$'
sip_ua_config "$work/gw.cfg" "keepalive target ipv4:$ADDR_B:$port" \
  "timers keepalive active $active down $down" "retry keepalive $retry" "keepalive trigger 2"
gw_start_metrics "$work/gw.cfg" "$scale"
dn=$(await_event 15 event=sip.target.down target=primary)
[[ $(field "$dn" reason) == timeout ]] || fail "reason $(field "$dn" reason), want timeout"
# First send of the third distinct branch = start of the first unanswered attempt.
first3=$(awk '$2 == "recv" && !seen[$5]++ {n++; if (n == 3) {print $1; exit}}' "$work/peer.log")
[[ -n $first3 ]] || fail "the peer did not see a third attempt"
late=$(python3 -c "print(f'{$(event_ts "$dn") - ($first3 + $(attempt_timeout $retry) * $scale):+.3f}')")
echo "down $late s off the formula (first send of the unanswered attempt + $(attempt_timeout $retry) s x $scale)"
python3 -c "import sys; sys.exit(0 if abs($late) <= $late_tol else 1)" || fail "down $late s off the formula"
# Six more (down-interval) attempts, each met only by forgeries: no up.
n0=$(attempts | wc -l)
deadline=$(( $(date +%s) + 20 ))
while (( $(attempts | wc -l) < n0 + 6 )); do
  (( $(date +%s) < deadline )) || fail "gatewatch stopped probing"
  sleep 0.1
done
ups=$(count_events event=sip.target.up)
# Stop the forger, then read gatewatch's counters until they account for every forgery (the
# metrics endpoint publishes every 100 ms) or 5 s pass.
peer_b_stop hostile
declare -A forged
for k in wrong-branch other-port other-address replay before-request; do
  forged[$k]=$(grep -c " forged $k " "$work/peer.log" || true)
done
total=$(grep -c ' forged ' "$work/peer.log" || true)
unmatched="" malformed=""
if [[ -n $gw_metrics ]]; then
  for _ in $(seq 50); do
    unmatched=$(metric gatewatch_sip_wire_unmatched_total)
    malformed=$(metric gatewatch_sip_wire_malformed_total)
    (( ${unmatched:-0} + ${malformed:-0} >= total )) && break
    sleep 0.1
  done
fi
echo "forged responses sent: $total (wrong-branch ${forged[wrong-branch]}, other-port ${forged[other-port]}," \
  "other-address ${forged[other-address]}, replay ${forged[replay]}, before-request ${forged[before-request]});" \
  "gatewatch unmatched ${unmatched:-n/a}, malformed ${malformed:-n/a}; ups $ups"
gw_stop
[[ $ups -eq 0 ]] || fail "a forged response brought the target up"
(( total > 0 )) || fail "no forgeries were sent"
if [[ -n $unmatched ]]; then
  # Late answers to retransmissions of the two answered attempts are unmatched too.
  real=$(grep -c ' sent udp ' "$work/peer.log" || true)
  (( unmatched + ${malformed:-0} >= total && unmatched + ${malformed:-0} <= total + real )) ||
    fail "gatewatch counted $unmatched unmatched + ${malformed:-0} malformed for $total forgeries ($real real answers)"
fi
figure "forged=$total" "ups=$ups" "down_lateness_s=$late" "unmatched=${unmatched:-n/a}"
echo "PASS: $total forged responses changed nothing; down at the formula time ($late s)"
