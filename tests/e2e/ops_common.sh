# ops_common.sh — sourced by the ops_*.sh tests (control socket, live config, reload).
# Adds to sip_common.sh: ops_start CONFIG SCALE (gatewatch run with --control $sock),
# ctl REQUEST... (one control request each, prints the output; fails on an error answer) and
# await_sock (the socket appears).
source "$(dirname "${BASH_SOURCE[0]}")/sip_common.sh"
sock=$work/control.sock

ops_start() {
  : >"$events"
  GATEWATCH_DEBUG=1 "$gw" run -c "$1" --events "$events" --control "$sock" --time-scale "$2" 2>"$gw_log" &
  gw_pid=$!
  local deadline=$(( $(date +%s) + 5 ))
  until [[ -S $sock ]]; do
    (( $(date +%s) <= deadline )) || fail "control socket never appeared"
    sleep 0.02
  done
}

_ctl_py='
import json, socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(5)
s.connect(sys.argv[1])
f = s.makefile("rwb")
for req in sys.argv[2:]:
    f.write((req + "\n").encode()); f.flush()
    r = json.loads(f.readline())
    if not r["ok"]:
        print("ERROR " + r.get("error", "")); sys.exit(2)
    sys.stdout.write(r["output"])
    if r["completions"]: print(" ".join(r["completions"]))
'
ctl() { python3 -c "$_ctl_py" "$sock" "$@" || fail "control request failed: $*"; }
