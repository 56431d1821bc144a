#!/usr/bin/env bash
# The status page with N dial-peers all busied out (the largest board): what one request costs
# and weighs, and what a steady stream of requests costs the keepalive loop.
#
#   bench/scale/status_page.sh [-b BUILD_DIR] [-n N] [-k COUNT] [-w WINDOW_S]
#   (defaults: build, 100000, 50, 30)
#
# gatewatch run --metrics with N dial-peers (default 100000) whose targets are UDP ports of
# 127.0.0.1 nobody listens on (up-interval 5, down-interval 60, retry 1: every dial-peer goes
# busyout within seconds, then is probed every 60 s, ~N/60 probes per second). Once
# /api/v1/status counts N busyout:
#   1. COUNT (default 50) requests of each kind, one at a time: the mean and max wall time and
#      the answer's size (status default, limit=1000, a filter that matches nothing: the whole
#      board walked, the page, events?since=0);
#   2. the io thread's delay: the loop copies its state for the page every 100 ms from a timer;
#      the time from the copy an answer carries ("time") to the request's sending is at most
#      100 ms when the loop is on time (the server's own slowness is not in it: it answers
#      after the send with the copy it then has). WINDOW_S seconds (default 30) of 20 plain
#      status requests per second (one at a time, so fewer when answers are slow), first alone,
#      then with a second client walking the whole board (the filter that matches nothing)
#      back to back: the copy's age p50/p99/max in both phases, and the walks made.
# Needs python3. Prints a table.
set -euo pipefail
build=build n=100000 count=50 window=30
while getopts b:n:k:w:h opt; do
  case $opt in
    b) build=$OPTARG ;; n) n=$OPTARG ;; k) count=$OPTARG ;; w) window=$OPTARG ;;
    *) sed -n '2,20p' "$0"; exit 2 ;;
  esac
done
here=$(cd "$(dirname "$0")" && pwd)
gw=$build/gatewatch
[[ -x $gw ]] || { echo "status_page.sh: no $gw (build it first)" >&2; exit 1; }
dir=$(mktemp -d)
pid=""
cleanup() { [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT INT TERM
read -r pm ports < <(python3 "$here/../../tests/e2e/lib/freeport.py" -n 9 | paste -sd' ' - | awk '{p=$2; for (i=3;i<=NF;i++) p=p","$i; print $1, p}')
python3 - "$n" "$ports" > "$dir/gw.cfg" <<'PY'
import sys
n, ports = int(sys.argv[1]), sys.argv[2].split(",")
out = ["voice class sip-options-keepalive 1", " up-interval 5", " down-interval 60", " retry 1", "!"]
for i in range(1, n + 1):
    out += [f"dial-peer voice {i} voip", f" session target ipv4:127.0.0.1:{ports[i % len(ports)]}",
            " voice-class sip options-keepalive profile 1", "!"]
print("\n".join(out))
PY

run() {
  # Its own session: with the kernel's autogroup scheduling, the clients below (this session)
  # then take CPU from the machine as a remote browser would, not from the daemon's share.
  setsid "$gw" run -c "$dir/gw.cfg" --metrics "127.0.0.1:$pm" > /dev/null 2> "$dir/gw.err" &
  pid=$!
  python3 - "$pm" "$n" "$count" "$window" <<'PY'
import datetime, json, sys, threading, time, urllib.request
port, n, count, window = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
base = f"http://127.0.0.1:{port}"
def get(path):
    with urllib.request.urlopen(base + path, timeout=10) as r:
        return r.read()
deadline = time.monotonic() + 300
while True:
    try:
        s = json.loads(get("/api/v1/status"))
        if s["dial_peers"]["counts"]["busyout"] == n and s["dial_peers"]["matched"] == n:
            break
    except Exception:
        pass
    if time.monotonic() > deadline:
        sys.exit("not every dial-peer busyout within 300 s")
    time.sleep(1)
print(f"| request ({n} dial-peers busyout) | bytes | mean ms | max ms |")
print("|---|---|---|---|")
for name, path in [("status", "/api/v1/status"), ("status limit=1000", "/api/v1/status?limit=1000"),
                   ("status filter matching nothing", "/api/v1/status?filter=no-such-peer"),
                   ("page", "/"), ("events since=0", "/api/v1/events?since=0")]:
    times, size = [], 0
    for _ in range(count):
        t = time.perf_counter()
        size = len(get(path))
        times.append((time.perf_counter() - t) * 1000)
    print(f"| {name} | {size} | {sum(times) / len(times):.2f} | {max(times):.2f} |")

def ages(seconds):
    out = []
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        t = time.monotonic()
        sent = time.time()
        s = json.loads(get("/api/v1/status"))
        copied = datetime.datetime.strptime(s["time"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(
            tzinfo=datetime.timezone.utc).timestamp()
        # From the copy to the request's sending: the server answers with the copy it has
        # when it handles the request, after the send, so this is at most the copy's age
        # then; above 100 ms only when the loop was late (a slow answer does not count).
        out.append((sent - copied) * 1000)
        time.sleep(max(0.0, 0.05 - (time.monotonic() - t)))
    out.sort()
    return out
walks = 0
walking = threading.Event()
def walker():
    global walks
    while walking.is_set():
        get("/api/v1/status?filter=no-such-peer")
        walks += 1
print()
print("| phase | samples | copy to send p50 ms | p99 ms | max ms | board walks |")
print("|---|---|---|---|---|---|")
for phase in ("alone", "with a client walking the board"):
    walks = 0
    if phase != "alone":
        walking.set()
        th = threading.Thread(target=walker)
        th.start()
    a = ages(window)
    walking.clear()
    if phase != "alone":
        th.join()
    print(f"| {phase} | {len(a)} | {a[len(a) // 2]:.0f} | {a[len(a) * 99 // 100]:.0f} | {a[-1]:.0f} | {walks} |")
PY
  kill -TERM "$pid"
  wait "$pid" || true
  pid=""
}
echo "$n dial-peers, load $(cut -d' ' -f1 /proc/loadavg)"
run
echo "load at the end $(cut -d' ' -f1 /proc/loadavg)"
