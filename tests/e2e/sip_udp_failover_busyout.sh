#!/usr/bin/env bash
# e2e (b): two Kamailio peers over UDP; primary killed, then secondary, then primary restarted.
# Asserts:
#  1. primary down (reason timeout) at the formula time: the down event's ts minus the end of
#     the last answered attempt equals active interval + attempt_timeout(retry), both scaled
#     (reference/ios-keepalive.md), within a tolerance printed below;
#  2. no voice-port.busyout while the secondary is still up; busyout of 0/0/1 once it is down
#     too, and not before its sip.target.down;
#  3. after the primary is restarted it comes up after exactly `keepalive trigger` consecutive
#     answered attempts (counted from gatewatch's per-attempt log; Kamailio logs no OPTIONS),
#     and voice-port.unbusy follows the sip.target.up;
#  4. SIGTERM: exit 0 within 1 s.
# usage: sip_udp_failover_busyout.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
need kamailio

scale=0.05
active=10 down=5 retry=2 trigger=3
# attempt_timeout(2) = 0.5 + 1 + 2 = 3.5 s
expected=$(python3 -c "print(($active + 3.5) * $scale)")
tolerance=0.15

read -r p1 p2 < <(free_ports 2)
peer kamailio.sh "$work/kam1" --udp "127.0.0.1:$p1"
peer kamailio.sh "$work/kam2" --udp "127.0.0.1:$p2"
write_config "$work/gw.cfg" "keepalive target ipv4:127.0.0.1:$p1" \
  "keepalive target ipv4:127.0.0.1:$p2 secondary" "timers keepalive active $active down $down" \
  "retry keepalive $retry" "keepalive trigger $trigger"
gw_start "$work/gw.cfg" "$scale"
await_attempts 10 primary 2
await_attempts 10 secondary 2

# 1. primary killed -> down at last answered attempt end + active + attempt timeout.
peer_stop kamailio.sh "$work/kam1"
down1=$(await_event 15 event=sip.target.down target=primary)
echo "$down1" | grep -q '"reason":"timeout"' || fail "primary down reason: $down1"
down1_ts=$(event_ts "$down1")
last_ok=$(attempts | awk -v t="$down1_ts" '$2 == "primary" && $3 == "ok" && $1 < t {x=$1} END {print x}')
[[ -n $last_ok ]] || fail "no answered primary attempt before the down event"
python3 - "$down1_ts" "$last_ok" "$expected" "$tolerance" <<'PY' || fail "primary down at the wrong time"
import sys
down, last, want, tol = map(float, sys.argv[1:])
got = down - last
print(f"timing: last answered attempt end -> down = {got:.3f} s; expected {want:.3f} s "
      f"(active {10*0.05:.3f} + attempt timeout {3.5*0.05:.3f}), tolerance +-{tol:.3f} s "
      f"(ms timestamps; the last-answer time is logged just after the answer)")
sys.exit(0 if abs(got - want) <= tol else 1)
PY
[[ $(count_events event=voice-port.busyout) -eq 0 ]] || fail "busyout while the secondary is up"

# 2. secondary killed -> down -> busyout.
peer_stop kamailio.sh "$work/kam2"
down2=$(await_event 15 event=sip.target.down target=secondary reason=timeout)
busy=$(await_event 5 event=voice-port.busyout port=0/0/1)
python3 -c 'import sys; sys.exit(0 if float(sys.argv[2]) >= float(sys.argv[1]) else 1)' \
  "$(event_ts "$down2")" "$(event_ts "$busy")" || fail "busyout before the secondary went down"
[[ $(count_events event=voice-port.busyout) -eq 1 ]] || fail "more than one busyout event"

# 3. primary restarted -> up after exactly `trigger` answers -> unbusy.
restart=$(date +%s.%N)
peer kamailio.sh "$work/kam1" --udp "127.0.0.1:$p1"
up=$(await_event 15 event=sip.target.up target=primary "address=127.0.0.1:$p1" transport=udp)
unbusy=$(await_event 5 event=voice-port.unbusy port=0/0/1)
up_ts=$(event_ts "$up")
python3 -c 'import sys; sys.exit(0 if float(sys.argv[2]) >= float(sys.argv[1]) else 1)' \
  "$up_ts" "$(event_ts "$unbusy")" || fail "unbusy before the primary came up"
# Attempts of the primary from the restart to the up event: the answered run must be
# exactly `trigger` long and end with the up.
run=$(attempts | awk -v a="$restart" -v b="$up_ts" '$2 == "primary" && $1 >= a - 0.001 && $1 <= b + 0.001 {print $3}' |
      awk '$1 == "ok" {n++; next} {n = 0} END {print n + 0}')
echo "answered attempts from restart to up: $run (keepalive trigger $trigger)"
[[ $run -eq $trigger ]] || fail "up after $run answered attempts, want $trigger"
[[ $(count_events event=sip.target.up target=primary) -eq 1 ]] || fail "more than one up event"
gw_stop
echo "PASS: formula-timed down, busyout only on total failure, up after $trigger answers, unbusy"
