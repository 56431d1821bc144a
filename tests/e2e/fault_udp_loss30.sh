#!/usr/bin/env bash
# Fault: 30% packet loss in both directions (netem, or nftables numgen where the kernel has no
# netem: lib/netns.sh impair_loss), UDP,
# `retry keepalive 6`, two targets (primary and secondary, each its own peer) until at least
# MIN_ATTEMPTS (default 1000) attempts have finished.
# With 30% loss each way one exchange gets through with p = 0.49, so an attempt of 7
# transmissions fails for real with p = 0.51^7 = 0.9%: about 9 real downs per 1,000 attempts
# are expected, and they are right (7 exchanges in a row lost is what "down" means). What must
# never happen is a FALSE failure: an attempt failed although an answer reached gatewatch in
# time. A capture inside gatewatch's namespace (dumpcap) shows what was delivered; the peers'
# logs give each attempt's branch (lib/loss_audit.py). Asserts: false failures = 0; every
# sip.target.down follows a real failure (downs <= real failures); at least MIN_ATTEMPTS;
# the real failure rate stays below 4% (model 0.9%).
# Prints attempts, transmissions, losses, failures, downs, false downs.
# usage: fault_udp_loss30.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/fault_common.sh"
need dumpcap

scale=${SCALE:-0.005}
min_attempts=${MIN_ATTEMPTS:-1000}
retry=6
timeout=$(python3 -c "print($(attempt_timeout $retry) * $scale)")
p1=5060 p2=5062

peer_b prim python3 "$lib/hostile_peer.py" sip --udp "$ADDR_B:$p1" --log "$work/prim.log"
peer_b sec python3 "$lib/hostile_peer.py" sip --udp "$ADDR_B:$p2" --log "$work/sec.log"
await_line 10 "$work/prim.log" ' ready$'
await_line 10 "$work/sec.log" ' ready$'

ip netns exec "$NS_A" dumpcap -i "$IF_A" -P -f "udp and host $ADDR_B" -w "$work/a.pcap" \
  >"$work/dumpcap.out" 2>&1 &
cap_pid=$!
await_line 10 "$work/dumpcap.out" 'Capturing on'

impair_loss 30
echo "loss injected with $IMPAIR_MECH"
sip_ua_config "$work/gw.cfg" "keepalive target ipv4:$ADDR_B:$p1" \
  "keepalive target ipv4:$ADDR_B:$p2 secondary" "timers keepalive active 10 down 1" \
  "retry keepalive $retry" "keepalive trigger 1"
started=$(date +%s)
gw_start "$work/gw.cfg" "$scale"
deadline=$(( started + ${MAX_SECONDS:-75} ))
while (( $(attempts | wc -l) < min_attempts )); do
  kill -0 "$gw_pid" 2>/dev/null || fail "gatewatch exited"
  (( $(date +%s) < deadline )) || fail "fewer than $min_attempts attempts within ${MAX_SECONDS:-75}s"
  sleep 0.5
done
gw_stop
elapsed=$(( $(date +%s) - started ))
sleep 0.2  # let the capture write its last packets (not a synchronisation: the audit only looks back)
kill -TERM "$cap_pid"; wait "$cap_pid" 2>/dev/null || true

attempts >"$work/attempts.txt"
audit=$(python3 "$lib/loss_audit.py" "$work/attempts.txt" "$work/a.pcap" "$timeout" \
  "primary=$work/prim.log" "secondary=$work/sec.log") || audit_rc=$?
echo "$audit"
eval "$(echo "$audit" | tail -1)"
downs=$(count_events event=sip.target.down)
tx_sent=$transmissions
req_lost=$(( requests_sent - transmissions ))
ans_lost=$(( answers_sent - answers_delivered ))
pct() { python3 -c "print(f'{$1 / max($2, 1) * 100:.1f}')"; }
expected_rate=$(python3 -c "print(f'{(1-0.7*0.7)**($retry+1)*100:.2f}')")
echo "attempts $attempts (in ${elapsed}s, scale $scale, loss by $IMPAIR_MECH);" \
  "requests sent $requests_sent, lost $req_lost ($(pct $req_lost $requests_sent)%);" \
  "answers sent $answers_sent, lost $ans_lost ($(pct $ans_lost $answers_sent)%);" \
  "attempts failed $failed ($(pct $failed $attempts)%, model $expected_rate%); sip.target.down $downs;" \
  "false failures $false_failed"
figure "attempts=$attempts" "requests=$requests_sent" "requests_lost_pct=$(pct $req_lost $requests_sent)" \
  "answers=$answers_sent" "answers_lost_pct=$(pct $ans_lost $answers_sent)" "failed=$failed" \
  "model_fail_pct=$expected_rate" "downs=$downs" "false_downs=$false_failed" "seconds=$elapsed" \
  "mech=$IMPAIR_MECH"
[[ ${audit_rc:-0} -eq 0 ]] || fail "$false_failed attempts failed although their answer was delivered"
(( attempts >= min_attempts )) || fail "only $attempts attempts"
(( downs <= failed )) || fail "$downs downs but only $failed failed attempts"
# Sanity of the injected fault: the real failure rate must be near the model (0.9%), not the
# sign of a broken retransmission schedule (each transmission alone fails with p = 0.51).
(( failed * 100 <= attempts * 4 )) || fail "failure rate $failed/$attempts far above the 0.9% model"
(( tx_sent > attempts )) || fail "the peers saw fewer requests than attempts: no retransmissions?"
echo "PASS: $attempts attempts under 30% loss each way, $failed real failures, 0 false"
