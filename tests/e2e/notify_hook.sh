#!/usr/bin/env bash
# e2e: `gatewatch run --notify PROGRAM` with a hook that hangs and floods its output, while a
# Kamailio primary answers and the secondary (a free port nobody listens on) goes down.
# Asserts:
#  1. the hook got the event's JSON line on stdin, the same event as in --events;
#  2. the hook is killed after the notify timeout (GATEWATCH_NOTIFY_TIMEOUT_MS, a lab knob),
#     with the process it started (no `sleep` of the hook survives), and it is logged;
#  3. while the hooks hang, the primary's OPTIONS stay on schedule: every gap between answered
#     attempts is the active interval (scaled) within 150 ms (as sip_udp_failover_busyout.sh);
#  4. the metrics count the started hooks and the timeouts;
#  5. SIGTERM: exit 0 within 1 s with hooks running.
# usage: notify_hook.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
need kamailio curl

scale=0.05 active=10
read -r p1 p2 pm < <(free_ports 3)
peer kamailio.sh "$work/kam1" --udp "127.0.0.1:$p1"
write_config "$work/gw.cfg" "keepalive target ipv4:127.0.0.1:$p1" \
  "keepalive target ipv4:127.0.0.1:$p2 secondary" "timers keepalive active $active down 5" \
  "retry keepalive 2" "keepalive trigger 3"
mark=gw-notify-$$-$RANDOM
cat >"$work/hook.sh" <<HOOK
#!/bin/sh
# $mark: keep the event, flood the output, then hang (with a child) until killed.
cat >>"$work/hook.in"
head -c 3000000 /dev/zero
sleep 300 &
echo \$! >>"$work/hook.children"
wait
HOOK
chmod +x "$work/hook.sh"

: >"$events"
GATEWATCH_DEBUG=1 GATEWATCH_NOTIFY_TIMEOUT_MS=1500 "$gw" run -c "$work/gw.cfg" --events "$events" \
  --time-scale "$scale" --metrics "127.0.0.1:$pm" --notify "$work/hook.sh" 2>"$gw_log" &
gw_pid=$!
down=$(await_event 15 event=sip.target.down target=secondary)

# 1. The hook's stdin: the same event (the ts may differ by the time between the two writes).
for _ in $(seq 100); do [[ -s $work/hook.in ]] && break; sleep 0.05; done
python3 - "$work/hook.in" "$down" <<'PY' || fail "hook input"
import json, sys
got = [json.loads(l) for l in open(sys.argv[1])]
want = json.loads(sys.argv[2])
g = next((e for e in got if e["event"] == want["event"]), None)
if g is None: print("hook got", got); sys.exit(1)
g.pop("ts"); want.pop("ts")
if g != want: print("hook got", g, "want", want); sys.exit(1)
print("hook stdin: the event's JSON line", json.dumps(want))
PY

# 2. Killed after 1.5 s, its child too.
for _ in $(seq 100); do grep -q "%NOTIFY-4-TIMEOUT" "$gw_log" && break; sleep 0.05; done
grep -q "%NOTIFY-4-TIMEOUT: notify program .*hook.sh killed after 1500 ms (event sip.target.down)" "$gw_log" ||
  fail "no timeout log line"
sleep 0.3
while read -r child; do
  if kill -0 "$child" 2>/dev/null && ! grep -q '^State:.*zombie' "/proc/$child/status" 2>/dev/null; then
    fail "the hook's child $child survived the timeout"
  fi
done <"$work/hook.children"

# 3. Probes on schedule during the hang: answered primary attempts every active*scale.
await_attempts 10 primary 8
python3 - "$(python3 -c "print($active * $scale)")" <<PY || fail "primary probes off schedule while hooks hang"
import sys, subprocess
want = float(sys.argv[1])
rows = """$(attempts)""".split("\n")
ts = [float(r.split()[0]) for r in rows if r.split()[1:3] == ["primary", "ok"]]
gaps = [b - a for a, b in zip(ts, ts[1:])]
worst = max(abs(g - want) for g in gaps)
print(f"primary gaps between answered attempts: {len(gaps)}, expected {want:.3f} s, worst deviation {worst*1000:.0f} ms")
sys.exit(0 if worst < 0.15 else 1)
PY

# 4. Metrics.
scrape=$(curl -sS "http://127.0.0.1:$pm/metrics") || fail "scrape"
echo "$scrape" | grep -qE '^gatewatch_notify_started_total [1-9]' || fail "notify_started: $(echo "$scrape" | grep notify)"
echo "$scrape" | grep -qE '^gatewatch_notify_timeouts_total [1-9]' || fail "notify_timeouts: $(echo "$scrape" | grep notify)"

gw_stop
pgrep -f "$work/hook.sh" >/dev/null && fail "a hook process survived gatewatch"
echo "PASS: hook got the JSON line, killed with its child after the timeout, probes on schedule"
