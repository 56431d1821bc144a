#!/usr/bin/env bash
# e2e: IOS debugging over the control socket against Kamailio.
# Asserts: after `terminal monitor` and `debug ccsip messages`, the session is pushed the full
# OPTIONS text ("Sent:") and Kamailio's 200 OK ("Received:") in CUBE's ccsipDisplayMsg form;
# `show debugging` says it is on; a second session that turned debug on and then stops reading
# loses debug messages (counted in `show gatewatch statistics`) while the probes keep their
# interval (no attempt gap over 5x the interval) and the first session keeps getting answers;
# `undebug all` stops the debug output (several probes later, no new message arrived);
# `show logging` has the daemon's log lines and `clear logging` empties it; `clear sip-ua
# statistics` makes `show sip-ua keepalive` count from zero.
# usage: ops_debug.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/ops_common.sh"
need kamailio

read -r kport < <(free_ports 1)
peer kamailio.sh "$work/kam" --udp "127.0.0.1:$kport"
write_config "$work/gw.cfg" "keepalive target ipv4:127.0.0.1:$kport" "timers keepalive active 10 down 5"
printf 'logging buffered 16777216\n' >>"$work/gw.cfg"  # keeps the start line (debug log on)
# 10 s x 0.002: an OPTIONS every 20 ms, ~100 debug messages a second (under the 200/s limit).
ops_start "$work/gw.cfg" 0.002
await_attempts 10 primary 3

python3 - "$sock" "$kport" "$gw_log" "$work" <<'PY' || fail "debug session (see above)"
import json, os, re, socket, sys, time
sock, kport, log, work = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]

class Session:
    def __init__(self):
        self.s = socket.socket(socket.AF_UNIX)
        self.s.connect(sock)
        self.buf = b""
        self.monitor = []
    def line(self, deadline):
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0: raise TimeoutError("no line from the daemon")
            self.s.settimeout(left)
            chunk = self.s.recv(65536)
            if not chunk: raise EOFError("daemon closed")
            self.buf += chunk
        l, self.buf = self.buf.split(b"\n", 1)
        return json.loads(l)
    def execute(self, cmd, timeout=5):
        self.s.sendall(("execute " + cmd + "\n").encode())
        deadline = time.monotonic() + timeout
        while True:
            r = self.line(deadline)
            if "monitor" in r: self.monitor.append(r["monitor"]); continue
            if not r["ok"]: raise RuntimeError(cmd + ": " + r["error"])
            return r["output"]
    def await_monitor(self, pattern, timeout=10):
        rx = re.compile(pattern, re.S)
        deadline = time.monotonic() + timeout
        while True:
            for m in self.monitor:
                if rx.search(m): return m
            self.monitor.clear()
            r = self.line(deadline)
            if "monitor" in r: self.monitor.append(r["monitor"])

def fail(msg):
    print("FAIL: " + msg); sys.exit(1)

a = Session()
out = a.execute("terminal monitor")
out = a.execute("debug ccsip messages")
if "SIP Call messages tracing is enabled" not in out: fail("debug ccsip messages said: " + out)
sent = a.await_monitor(r"ccsipDisplayMsg:\nSent: \nOPTIONS sip:[^\n]*127\.0\.0\.1:%s" % kport)
if not re.search(r"^\*\w{3} +\d+ \d\d:\d\d:\d\d\.\d{3} UTC: //-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:", sent):
    fail("Sent message header: " + sent[:200])
for h in ("Via: SIP/2.0/UDP", "CSeq: ", "Call-ID: ", "Max-Forwards: "):
    if h not in sent: fail("OPTIONS text lacks " + h + ":\n" + sent)
a.await_monitor(r"ccsipDisplayMsg:\nReceived: \nSIP/2.0 200 OK\n.*CSeq: \d+ OPTIONS")
dbg = a.execute("show debugging")
if "SIP Call messages tracing is enabled" not in dbg: fail("show debugging: " + dbg)

# A stalled session: debug on, then it never reads again.
b = Session()
b.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
b.s.sendall(b"execute terminal monitor\nexecute debug ccsip messages\n")
# Its backlog passes the 256 KiB bound within seconds: wait for the daemon to count a loss.
deadline = time.monotonic() + 30
while True:
    st = a.execute("show gatewatch statistics")
    m = re.search(r"debug messages not delivered (\d+)", st)
    if m and int(m.group(1)) > 0: break
    if time.monotonic() > deadline: fail("no debug loss counted for the stalled session:\n" + st)
    time.sleep(0.1)
# The probes kept their interval while the stalled session was flooded.
pat = re.compile(r"^\*(\w{3}) +(\d+) (\d\d:\d\d:\d\d\.\d{3}) UTC: %SIP-7-KEEPALIVE_ATTEMPT: target primary")
times = []
for line in open(log):
    mm = pat.match(line.strip())
    if mm:
        h, mi, s = mm.group(3).split(":")
        times.append(int(h) * 3600 + int(mi) * 60 + float(s))
times = times[-100:]
gaps = [b2 - a2 for a2, b2 in zip(times, times[1:])]
if len(gaps) < 20: fail("too few attempts logged: %d" % len(gaps))
if max(gaps) > 0.5: fail("a probe waited %.3f s (interval 0.02 s) while a session was stalled" % max(gaps))
print("probe gaps while stalled: max %.3f s over %d attempts" % (max(gaps), len(gaps)))

# undebug all: the output stops. Let several probes go by, then nothing new may have come.
out = a.execute("undebug all")
if "All possible debugging has been turned off" not in out: fail("undebug all said: " + out)
if a.execute("show debugging").strip(): fail("show debugging after undebug all is not empty")
n0 = len(times)
deadline = time.monotonic() + 10
while True:  # ten more attempts in the log
    cnt = sum(1 for line in open(log) if "%SIP-7-KEEPALIVE_ATTEMPT: target primary" in line)
    if cnt >= n0 + 10 or time.monotonic() > deadline: break
    time.sleep(0.05)
a.monitor.clear()
a.execute("show clock")  # everything pushed before this answer has been read
a.monitor.clear()
a.execute("show clock")
if any("ccsipDisplayMsg" in m for m in a.monitor): fail("debug output after undebug all")
print("debug e2e: ok")
PY

ctl "execute show sip-ua keepalive" | grep -q "primary" || fail "daemon stopped answering"

# The live-only commands as a transcript of `gatewatch cli` on a pipe (`?`, carets,
# abbreviations): tests/e2e/ops_debug_cli.in -> .expected (UPDATE=1 rewrites it).
here=$(cd "$(dirname "$0")" && pwd)
"$gw" cli --control "$sock" <"$here/ops_debug_cli.in" >"$work/cli.out" || fail "gatewatch cli failed"
if [[ ${UPDATE:-0} == 1 ]]; then cp "$work/cli.out" "$here/ops_debug_cli.expected"; fi
diff -u "$here/ops_debug_cli.expected" "$work/cli.out" || fail "cli transcript differs"

# show logging: the daemon's own log lines, time stamps included; clear logging empties it.
ctl "execute show logging" | grep -qE '^\*\w{3} +[0-9]+ [0-9:.]+ UTC: %SYS-5-RESTART' \
  || fail "show logging lacks the start line: $(ctl "execute show logging" | head -5)"
ctl "execute clear logging" >/dev/null
ctl "execute show logging" | grep -q "%SYS-5-RESTART" && fail "clear logging kept the lines"
# clear sip-ua statistics: the show counts again from zero (the metrics are not touched).
sent_before=$(ctl "execute show sip-ua keepalive" | sed -n 's/^OPTIONS sent \([0-9]*\),.*/\1/p')
ctl "execute clear sip-ua statistics" >/dev/null
sent_after=$(ctl "execute show sip-ua keepalive" | sed -n 's/^OPTIONS sent \([0-9]*\),.*/\1/p')
(( sent_after < sent_before )) || fail "clear sip-ua statistics: sent $sent_before then $sent_after"
gw_stop
echo "ops_debug: all assertions passed"
