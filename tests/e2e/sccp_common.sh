# sccp_common.sh — shared by the tests/e2e/sccp_*.sh scripts (sourced, not run).
#
# Provides: a work directory cleaned up by an EXIT trap; sim_start (ccm-sim on free loopback
# ports, commands on a FIFO so each command's "ok" lands in its output in order, every output
# line prefixed with the wall-clock time in seconds); sim_cmd; gw_start (gatewatch run with
# --events and --time-scale); ev_wait (poll the events file with a timeout); helpers that pull
# times out of both files. Times are wall-clock seconds (float): ccm-sim lines are stamped when
# read (ms precision is plenty at the scales used), events carry their own `ts` (ms, truncated).
#
# Before sourcing: gw=PATH/TO/gatewatch sim=PATH/TO/ccm-sim.
# Exit codes of the scripts: 0 pass, 1 fail, 77 skipped.

[[ -x ${gw:-} ]] || { echo "SKIP: gatewatch not found at ${gw:-}"; exit 77; }
[[ -x ${sim:-} ]] || { echo "SKIP: ccm-sim not found at ${sim:-}"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 not installed"; exit 77; }

e2e_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib
work=$(mktemp -d)
sim_pid="" gw_pid="" tshark_pid=""
events=$work/events.jsonl
sim_out=$work/sim.out
gw_err=$work/gw.err

sccp_cleanup() {
  set +e
  [[ -n $gw_pid ]] && kill "$gw_pid" 2>/dev/null
  [[ -n $sim_pid ]] && kill "$sim_pid" 2>/dev/null
  [[ -n $tshark_pid ]] && kill -INT "$tshark_pid" 2>/dev/null
  exec 7>&- 2>/dev/null
  wait 2>/dev/null
  if [[ ${KEEP:-0} == 1 ]]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap sccp_cleanup EXIT

fail() {  # on stderr, so that it shows from inside $(...) too (whose exit then stops set -e)
  {
    echo "FAIL: $*"
    echo "--- events"; tail -40 "$events" 2>/dev/null
    echo "--- gatewatch stderr"; tail -40 "$gw_err" 2>/dev/null
    echo "--- ccm-sim output (last 40)"; tail -40 "$sim_out" 2>/dev/null
  } >&2
  exit 1
}

# sim_start N [ccm-sim options...]: N CCMs on free ports → ports[1..N].
sim_start() {
  local n=$1 i
  shift
  mapfile -t _p < <(python3 "$e2e_lib/freeport.py" -n "$n" --v4-only)
  ports=("" "${_p[@]}")
  local listen=()
  for ((i = 1; i <= n; i++)); do listen+=(--listen "127.0.0.1:${ports[i]}"); done
  mkfifo "$work/sim.in"
  : >"$sim_out"
  # The simulator and the stamper are the measuring side: as root they run SCHED_FIFO so that
  # a loaded machine delays their time stamps as little as possible (gatewatch runs normally).
  local rt=()
  if [[ $(id -u) -eq 0 ]] && command -v chrt >/dev/null && chrt -f 10 true 2>/dev/null; then rt=(chrt -f 10); fi
  "${rt[@]}" "$sim" "${listen[@]}" "$@" <"$work/sim.in" > >("${rt[@]}" python3 -u -c '
import sys, time
for line in sys.stdin:
    sys.stdout.write("%.6f %s" % (time.time(), line)); sys.stdout.flush()' >"$sim_out") 2>&1 &
  sim_pid=$!
  exec 7>"$work/sim.in"
  sim_cmd status >/dev/null || fail "ccm-sim did not start"
}

# group_config: writes $work/gw.cfg with the CCMs sim_start started (identifier i on ports[i],
# priority i) associated with `sccp ccm group 1`; the rest of the group (profiles, timers,
# methods), its closing "!" and any `dspfarm profile` blocks come from stdin; "end" follows.
group_config() {
  local i n=$((${#ports[@]} - 1))
  {
    for ((i = 1; i <= n; i++)); do echo "sccp ccm 127.0.0.1 identifier $i port ${ports[i]} version 7.0"; done
    printf 'sccp\n!\nsccp ccm group 1\n'
    for ((i = 1; i <= n; i++)); do echo " associate ccm $i priority $i"; done
    cat
    echo end
  } >"$work/gw.cfg"
}

# sim_cmd CMD: send a command; wait for its "ok"; print "LINE TIME" of that ok line.
sim_cmd() {
  local before
  before=$(grep -c ' ok$' "$sim_out" 2>/dev/null || true)
  before=${before:-0}  # the output file may not exist yet right after start
  echo "$*" >&7
  python3 - "$sim_out" "$before" <<'PY' || fail "ccm-sim did not answer: $*"
import sys, time
path, before = sys.argv[1], int(sys.argv[2])
end = time.time() + 5
while time.time() < end:
    n = 0
    with open(path) as f:
        for i, line in enumerate(f, 1):
            if line.rstrip("\n").endswith(" ok"):
                n += 1
                if n > before:
                    print(i, line.split()[0]); sys.exit(0)
    time.sleep(0.01)
sys.exit(1)
PY
}

# gw_start SCALE: runs gatewatch on $work/gw.cfg.
gw_start() {
  "$gw" run -c "$work/gw.cfg" --events "$events" --time-scale "$1" 2>"$gw_err" &
  gw_pid=$!
}

gw_stop() {  # SIGTERM; gatewatch must exit 0 within 2 s
  local i
  kill -TERM "$gw_pid"
  for i in $(seq 200); do kill -0 "$gw_pid" 2>/dev/null || break; sleep 0.01; done
  kill -0 "$gw_pid" 2>/dev/null && fail "gatewatch still running 2 s after SIGTERM"
  wait "$gw_pid" || fail "gatewatch exited $? after SIGTERM"
  gw_pid=""
}

# ev_wait [-a AFTER] TIMEOUT key=value...: wait for an event whose fields match (values
# compared as text) on a line after line AFTER; print "LINE EPOCH JSON".
ev_wait() {
  local after=0
  if [[ $1 == -a ]]; then after=$2; shift 2; fi
  local timeout=$1
  shift
  python3 - "$events" "$after" "$timeout" "$@" <<'PY' || fail "no event $* within ${timeout} s"
import json, sys, time, datetime
path, after, timeout = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
want = dict(a.split("=", 1) for a in sys.argv[4:])
end = time.time() + timeout
while time.time() < end:
    try:
        with open(path) as f:
            for i, line in enumerate(f, 1):
                if i <= after or not line.endswith("\n"): continue
                e = json.loads(line)
                if all(str(e.get(k)) == v for k, v in want.items()):
                    ts = datetime.datetime.strptime(e["ts"], "%Y-%m-%dT%H:%M:%S.%fZ")
                    ts = ts.replace(tzinfo=datetime.timezone.utc).timestamp()
                    print(i, "%.3f" % ts, line.strip()); sys.exit(0)
    except FileNotFoundError:
        pass
    time.sleep(0.01)
sys.exit(1)
PY
}

# sim_wait [-a AFTER] TIMEOUT REGEX: wait for a ccm-sim line (text after the stamp) matching
# REGEX after line AFTER; print "LINE TIME TEXT".
sim_wait() {
  local after=0
  if [[ $1 == -a ]]; then after=$2; shift 2; fi
  python3 - "$sim_out" "$after" "$1" "$2" <<'PY' || fail "no ccm-sim line /$2/ within $1 s"
import re, sys, time
path, after, timeout, rx = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), re.compile(sys.argv[4])
end = time.time() + timeout
while time.time() < end:
    with open(path) as f:
        for i, line in enumerate(f, 1):
            if i <= after or not line.endswith("\n"): continue
            t, _, text = line.rstrip("\n").partition(" ")
            if rx.search(text):
                print(i, t, text); sys.exit(0)
    time.sleep(0.01)
sys.exit(1)
PY
}

# sim_times REGEX [AFTER] [BEFORE]: times of the ccm-sim lines matching REGEX, one per line.
sim_times() {
  python3 - "$sim_out" "$1" "${2:-0}" "${3:-0}" <<'PY'
import re, sys
path, rx, after, before = sys.argv[1], re.compile(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
for i, line in enumerate(open(path), 1):
    if i <= after or (before and i >= before): continue
    t, _, text = line.rstrip("\n").partition(" ")
    if rx.search(text): print(t)
PY
}

# ms A B: (B - A) in milliseconds, one decimal.
ms() { python3 -c "import sys; print('%.1f' % ((float(sys.argv[2]) - float(sys.argv[1])) * 1000))" "$1" "$2"; }
# within X LO HI: LO <= X <= HI (floats)
within() { python3 -c "import sys; x,lo,hi=map(float,sys.argv[1:]); sys.exit(0 if lo<=x<=hi else 1)" "$1" "$2" "$3"; }
