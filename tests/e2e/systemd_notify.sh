#!/usr/bin/env bash
# e2e: gatewatch run under a fake systemd: $NOTIFY_SOCKET is a Unix datagram socket this test
# reads (what systemd does for Type=notify), WATCHDOG_USEC=400000, JOURNAL_STREAM names the
# file gatewatch's stderr goes to. A Kamailio primary answers; the secondary is a silent port.
# Asserts:
#  1. READY=1 arrives with a STATUS= line ("SIP targets 2/2 up; ...");
#  2. WATCHDOG=1 arrives every WatchdogSec/2 (200 ms) within a tolerance, at least 8 times;
#  3. STATUS= changes to "SIP targets 1/2 up" when the secondary goes down;
#  4. stderr lines carry the syslog priority of their IOS severity: "<5>*... %SIP-5-KEEPALIVE";
#  5. SIGTERM: STOPPING=1, exit 0 within 1 s.
# usage: systemd_notify.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
need kamailio

read -r p1 p2 < <(free_ports 2)
peer kamailio.sh "$work/kam1" --udp "127.0.0.1:$p1"
write_config "$work/gw.cfg" "keepalive target ipv4:127.0.0.1:$p1" \
  "keepalive target ipv4:127.0.0.1:$p2 secondary" "timers keepalive active 10 down 5" \
  "retry keepalive 2" "keepalive trigger 3"
sock=$work/notify.sock
python3 - "$sock" "$work/notify.log" <<'PY' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(30)
with open(sys.argv[2], "a", buffering=1) as log:
    while True:
        try: data = s.recv(4096).decode()
        except socket.timeout: break
        for line in data.split("\n"):
            if line: log.write(f"{time.time():.3f} {line}\n")
        if "STOPPING=1" in data: break
PY
listener=$!
for _ in $(seq 50); do [[ -S $sock ]] && break; sleep 0.05; done
: >"$gw_log"
dev_ino=$(stat -c '%d:%i' "$gw_log")
: >"$events"
NOTIFY_SOCKET=$sock WATCHDOG_USEC=400000 JOURNAL_STREAM=$dev_ino \
  "$gw" run -c "$work/gw.cfg" --events "$events" --time-scale 0.05 2>>"$gw_log" &
gw_pid=$!
await_event 15 event=sip.target.down target=secondary >/dev/null
sleep 2.2
gw_stop
wait "$listener" 2>/dev/null || true
log=$work/notify.log
cat "$log" | grep -v WATCHDOG | head -5

grep -q " READY=1$" "$log" || fail "no READY=1: $(head -3 "$log")"
grep -qE " STATUS=SIP targets 2/2 up; voice ports in service$" "$log" || fail "no first STATUS"
grep -qE " STATUS=SIP targets 1/2 up; voice ports in service$" "$log" || fail "no STATUS after the secondary went down"
grep -q " STOPPING=1$" "$log" || fail "no STOPPING=1"
python3 - "$log" <<'PY' || fail "watchdog pings off"
import sys
ts = [float(l.split()[0]) for l in open(sys.argv[1]) if l.split()[1] == "WATCHDOG=1"]
gaps = [b - a for a, b in zip(ts, ts[1:])]
if len(ts) < 8: print(f"only {len(ts)} WATCHDOG=1"); sys.exit(1)
worst = max(abs(g - 0.2) for g in gaps)
print(f"WATCHDOG=1: {len(ts)} pings, gaps {min(gaps)*1000:.0f}..{max(gaps)*1000:.0f} ms (want 200 ms)")
sys.exit(0 if worst < 0.1 else 1)
PY
grep -qE '^<5>\*[A-Z][a-z]{2} +[0-9]+ [0-9:.]+ UTC: %SIP-5-KEEPALIVE: Keepalive target .* is DOWN \(timeout\)$' "$gw_log" ||
  fail "no <5> priority prefix on the DOWN line"
grep -v '^<[0-7]>' "$gw_log" | grep -q . && fail "a log line without priority prefix: $(grep -v '^<[0-7]>' "$gw_log" | head -1)"
echo "PASS: READY, STATUS changes, WATCHDOG every 200 ms, STOPPING, journal priorities"
