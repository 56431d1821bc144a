#!/usr/bin/env bash
# e2e (h): SIPp answering 100 Trying then (100 ms later) 200 OK as primary; a silent SIPp as
# secondary. UDP, retry 2, scale 0.05 (attempt timeout 3.5 s x 0.05 = 175 ms).
# Asserts: the primary stays up over several attempts, each ending with 200 after >= 100 ms
# (the 100 alone does not end the attempt); the silent secondary goes down with reason
# "timeout" one attempt timeout after start-up (printed), and SIPp received exactly retry+1 = 3
# copies (same branch) of the first OPTIONS.
# usage: sip_sipp_provisional_silent.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
need sipp

read -r p1 p2 < <(free_ports 2)
peer sipp.sh "$work/sipp1" options_100_200 -i 127.0.0.1 -p "$p1" -t u1 -d 100
peer sipp.sh "$work/sipp2" options_silent -i 127.0.0.1 -p "$p2" -t u1
write_config "$work/gw.cfg" "keepalive target ipv4:127.0.0.1:$p1" \
  "keepalive target ipv4:127.0.0.1:$p2 secondary" "timers keepalive active 10 down 5" "retry keepalive 2"
started=$(date +%s.%N)
gw_start "$work/gw.cfg" 0.05
line=$(await_event 10 event=sip.target.down target=secondary reason=timeout "address=127.0.0.1:$p2")
echo "got: $line"
python3 - "$started" "$(event_ts "$line")" <<'PY' || fail "silent target down at the wrong time"
import sys
start, down = map(float, sys.argv[1:])
print(f"start-up -> down: {down - start:.3f} s (attempt timeout 0.175 s + process start-up; bound 0.175..1.0 s)")
sys.exit(0 if 0.175 <= down - start < 1.0 else 1)
PY
await_attempts 10 primary 3
[[ $(count_events event=sip.target.down target=primary) -eq 0 ]] || fail "primary (100 then 200) went down"
grep "KEEPALIVE_ATTEMPT: target primary" "$gw_log" | head -3
bad_rtt=$(grep "KEEPALIVE_ATTEMPT: target primary" "$gw_log" | awk '{for (i=1;i<NF;i++) if ($i=="rtt") print $(i+1)}' |
          awk '$1 < 100000' | wc -l)
[[ $bad_rtt -eq 0 ]] || fail "an attempt ended before the 200 (rtt < 100 ms)"
grep "KEEPALIVE_ATTEMPT: target primary" "$gw_log" | grep -qv " ok status 200 " && fail "a primary attempt did not end with 200"
first_branch=$(grep -o 'branch=z9hG4bK[0-9a-f]*' "$work/sipp2/sipp_messages.log" | head -1)
copies=$(grep -c "$first_branch" "$work/sipp2/sipp_messages.log" || true)
echo "silent SIPp received $copies copies of the first OPTIONS ($first_branch)"
[[ $copies -eq 3 ]] || fail "expected 3 sends (1 + retry 2), got $copies"
gw_stop
echo "PASS: 100 then 200 keeps the target up; silence -> timeout after retry+1 sends"
