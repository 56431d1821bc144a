#!/usr/bin/env bash
# End-to-end: `debug sccp keepalive` and `debug sccp events` over the control socket against
# ccm-sim. Asserts: a `terminal monitor` session is pushed "KeepAlive sent to CCM 1" and
# "KeepAliveAck received from CCM 1"; when ccm-sim closes CCM 1's connection the session is
# pushed the sccp.ccm.down event; `undebug all` leaves `show debugging` empty.
# usage: tests/e2e/sccp_debug.sh PATH/TO/gatewatch PATH/TO/ccm-sim
set -euo pipefail
gw=${1:-} sim=${2:-}
source "$(dirname "$0")/sccp_common.sh"

sim_start 2 --keepalive-interval 3 --secondary-interval 5
group_config <<CFG
 associate profile 1 register CFB1
!
dspfarm profile 1 conference
 associate application SCCP
!
CFG
sock=$work/ctl.sock
"$gw" run -c "$work/gw.cfg" --events "$events" --control "$sock" --time-scale 0.02 2>"$gw_err" &
gw_pid=$!
ev_wait 5 event=sccp.ccm.registered group=1 ccm=1 >/dev/null

python3 - "$sock" "$work/sim.in" <<'PY' || fail "sccp debug session (see above)"
import json, re, socket, sys, time
sock, fifo = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX); s.connect(sock)
buf = b""; monitor = []
def line(deadline):
    global buf
    while b"\n" not in buf:
        left = deadline - time.monotonic()
        if left <= 0: raise TimeoutError("no line from the daemon")
        s.settimeout(left)
        chunk = s.recv(65536)
        if not chunk: raise EOFError("daemon closed")
        buf += chunk
    l, buf = buf.split(b"\n", 1)
    return json.loads(l)
def execute(cmd):
    s.sendall(("execute " + cmd + "\n").encode())
    deadline = time.monotonic() + 5
    while True:
        r = line(deadline)
        if "monitor" in r: monitor.append(r["monitor"]); continue
        if not r["ok"]: raise RuntimeError(r["error"])
        return r["output"]
def await_monitor(pattern, timeout=10):
    rx = re.compile(pattern)
    deadline = time.monotonic() + timeout
    while True:
        for m in monitor:
            if rx.search(m): return m
        monitor.clear()
        r = line(deadline)
        if "monitor" in r: monitor.append(r["monitor"])
execute("terminal monitor")
if "SCCP keepalive debugging is on" not in execute("debug sccp keepalive"): sys.exit("debug sccp keepalive")
if "SCCP events debugging is on" not in execute("debug sccp events"): sys.exit("debug sccp events")
await_monitor(r"^\*\w{3} +\d+ [\d:.]+ UTC: SCCP: group 1: KeepAlive sent to CCM 1\n")
await_monitor(r"SCCP: group 1: KeepAliveAck received from CCM 1\n")
with open(fifo, "w") as f: f.write("close 1\n")
print(await_monitor(r"SCCP: sccp\.ccm\.down .*ccm=1").strip())
out = execute("show debugging")
if "SCCP keepalive debugging is on" not in out: sys.exit("show debugging: " + out)
execute("undebug all")
if execute("show debugging").strip(): sys.exit("show debugging not empty after undebug all")
print("sccp debug: ok")
PY
gw_stop
echo "sccp_debug: all assertions passed"
