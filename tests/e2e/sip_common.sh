# sip_common.sh — sourced by the sip_*.sh end-to-end tests of `gatewatch run` (SIP keepalive).
#
# Provides: $gw (the binary: $1 as a build dir or binary, else $GATEWATCH, else build/gatewatch),
# $work (a temp dir removed on exit unless KEEP=1), $lib (tests/e2e/lib), and:
#   peer SCRIPT DIR ARGS...      start a peer via lib/SCRIPT (stopped on exit)
#   gw_start CONFIG SCALE        run gatewatch with --events $work/events.jsonl (debug log on)
#   gw_stop                      SIGTERM, and check it exits 0 within 1 s
#   await_event SECONDS K=V...   poll the events file until an event has all K=V fields; print
#                                the line (fails the test on timeout)
#   count_events K=V...          how many events have all K=V fields
#   event_ts LINE                the ts of an event line as seconds since the epoch (float)
#   fail MESSAGE                 print diagnostics and exit 1
# Every wait polls with a deadline; no fixed sleeps decide a result.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lib=$here/lib
gw=${1:-${GATEWATCH:-$here/../../build/gatewatch}}
[[ -d $gw ]] && gw=$gw/gatewatch
[[ -x $gw ]] || { echo "SKIP: gatewatch not found at $gw"; exit 77; }

work=$(mktemp -d)
events=$work/events.jsonl
gw_log=$work/gatewatch.log
gw_pid=""
_peers=()

cleanup() {
  set +e
  if [[ -n $gw_pid ]]; then kill -TERM "$gw_pid" 2>/dev/null; wait "$gw_pid" 2>/dev/null; fi
  for p in "${_peers[@]}"; do
    read -r script dir <<<"$p"
    "$lib/$script" stop "$dir" >/dev/null 2>&1
  done
  if [[ ${KEEP:-0} == 1 ]]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*"
  echo "--- events"; cat "$events" 2>/dev/null || true
  echo "--- gatewatch log"; tail -n 40 "$gw_log" 2>/dev/null || true
  exit 1
}

need() { for t in "$@"; do command -v "$t" >/dev/null || { echo "SKIP: $t not installed"; exit 77; }; done; }
need python3

peer() {
  local script=$1 dir=$2
  shift 2
  _peers+=("$script $dir")
  "$lib/$script" start "$dir" "$@" >/dev/null || fail "$script start $*"
}

peer_stop() { "$lib/$1" stop "$2" >/dev/null 2>&1 || true; }

gw_start() {
  : >"$events"
  GATEWATCH_DEBUG=1 "$gw" run -c "$1" --events "$events" --time-scale "$2" 2>"$gw_log" &
  gw_pid=$!
}

gw_stop() {
  local pid=$gw_pid rc=0 start
  gw_pid=""
  start=$(date +%s.%N)
  kill -TERM "$pid"
  wait "$pid" || rc=$?
  [[ $rc -eq 0 ]] || fail "gatewatch exited $rc on SIGTERM"
  python3 -c "import sys; sys.exit(0 if float(sys.argv[2]) - float(sys.argv[1]) < 1.0 else 1)" \
    "$start" "$(date +%s.%N)" || fail "gatewatch took more than 1 s to stop"
}

_match_py='
import json, sys, time
path, timeout, mode = sys.argv[1], float(sys.argv[2]), sys.argv[3]
want = dict(a.split("=", 1) for a in sys.argv[4:])
def matches():
    out = []
    try:
        with open(path) as f:
            for line in f:
                if not line.endswith("\n"): break
                ev = json.loads(line)
                if all(str(ev.get(k)) == v for k, v in want.items()): out.append(line.rstrip("\n"))
    except FileNotFoundError:
        pass
    return out
if mode == "count":
    print(len(matches())); sys.exit(0)
deadline = time.monotonic() + timeout
while True:
    m = matches()
    if m: print(m[0]); sys.exit(0)
    if time.monotonic() > deadline: sys.exit(1)
    time.sleep(0.02)
'

await_event() {
  local t=$1
  shift
  python3 -c "$_match_py" "$events" "$t" await "$@" || fail "no event $* within ${t}s"
}

count_events() { python3 -c "$_match_py" "$events" 0 count "$@"; }

event_ts() {
  python3 -c '
import json, sys, datetime
ts = json.loads(sys.argv[1])["ts"]
print(datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp())' "$1"
}

# The gatewatch config for a target spec list; voice port 0/0/1 monitors keepalive.
# write_config FILE LINE...   (LINEs go into the sip-ua block)
write_config() {
  local f=$1
  shift
  { printf 'voice-port 0/0/1\n busyout monitor keepalive\n!\nsip-ua\n'
    for l in "$@"; do printf ' %s\n' "$l"; done; } >"$f"
  "$gw" check -c "$f" >/dev/null || fail "config rejected by gatewatch check: $(cat "$f")"
}

free_ports() { "$lib/freeport.py" -n "$1" | paste -sd' ' -; }

# log_lines REGEX: the lines of gatewatch's log whose message (after the IOS time stamp
# "*Mon DD HH:MM:SS.mmm UTC: ") matches the Python regular expression REGEX, as
# "epoch-seconds GROUP...": the time stamp, then REGEX's capture groups, one line each.
log_lines() {
  python3 - "$gw_log" "$1" <<'PY'
import datetime, re, sys
year = datetime.datetime.now(datetime.timezone.utc).year
pat = re.compile(r"^\*(\w{3}) +(\d+) (\d\d:\d\d:\d\d\.\d{3}) UTC: " + sys.argv[2])
for line in open(sys.argv[1]):
    m = pat.match(line.strip())
    if not m: continue
    t = datetime.datetime.strptime(f"{year} {m[1]} {m[2]} {m[3]}", "%Y %b %d %H:%M:%S.%f")
    t = t.replace(tzinfo=datetime.timezone.utc).timestamp()
    print(" ".join([f"{t:.3f}", *m.groups()[3:]]))
PY
}

# Debug attempt lines of gatewatch's log (GATEWATCH_DEBUG=1) as "epoch-seconds role outcome
# successes", one per line: outcome is ok or the failure reason.
attempts() {
  log_lines '%SIP-7-KEEPALIVE_ATTEMPT: target (\w+) \S+ \w+ (\S+) status \d+ .* successes (\d+)$'
}

# await_attempts SECONDS ROLE N: wait until ROLE has N successful attempts in the log.
await_attempts() {
  local t=$1 role=$2 n=$3 deadline
  deadline=$(( $(date +%s) + t ))
  while (( $(attempts | awk -v r="$role" '$2 == r && $3 == "ok"' | wc -l) < n )); do
    (( $(date +%s) <= deadline )) || fail "$role: fewer than $n answered attempts within ${t}s"
    sleep 0.05
  done
}
