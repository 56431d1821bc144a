#!/usr/bin/env bash
# bench/cluster/run.sh — N dial-peers over three gatewatch nodes through a real etcd, and a mass
# outage of W of them at once (issue 19).
#
#   bench/cluster/run.sh [-b BUILD_DIR] [-n N] [-w W] [-i INTERVAL_S] [-l LEASE_S]
#
# Defaults: build, N=100000, W=10000, up-interval 60 s (down-interval 30 s), lease 5 s.
# One etcd member and two responder Kamailios on loopback (tests/e2e/lib): dial-peers 1..W on
# the "outage" Kamailio, the others on the "steady" one (4 UDP ports each). Three nodes a, b, c
# load the same file. After every node has published the initial state of its share, the
# outage Kamailio is stopped. Prints, per node: dial-peers probed, CPU (utime+stime over the
# steady window), VmRSS; for the wave: etcd txns and states published by the three nodes, and
# the time from the stop until each node has reported all W dial-peer.down events (its own and
# the others').
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lib=$root/tests/e2e/lib
build=$root/build n=100000 w=10000 interval=60 lease=5
while getopts "b:n:w:i:l:" o; do
  case $o in
    b) build=$OPTARG ;; n) n=$OPTARG ;; w) w=$OPTARG ;; i) interval=$OPTARG ;; l) lease=$OPTARG ;;
    *) sed -n '2,16p' "$0"; exit 2 ;;
  esac
done
gw=$build/gatewatch
work=$(mktemp -d)
pids=()
cleanup() {
  set +e
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  "$lib/kamailio.sh" stop "$work/kam-steady" >/dev/null 2>&1
  "$lib/kamailio.sh" stop "$work/kam-outage" >/dev/null 2>&1
  "$lib/etcd.sh" stop "$work/etcd" >/dev/null 2>&1
  [[ ${KEEP:-0} == 1 ]] && echo "kept: $work" || rm -rf "$work"
}
trap cleanup EXIT

read -r s1 s2 s3 s4 o1 o2 o3 o4 cport pport < <("$lib/freeport.py" -n 10 | paste -sd' ' -)
"$lib/kamailio.sh" start "$work/kam-steady" --udp "127.0.0.1:$s1" --udp "127.0.0.1:$s2" \
  --udp "127.0.0.1:$s3" --udp "127.0.0.1:$s4" >/dev/null
"$lib/kamailio.sh" start "$work/kam-outage" --udp "127.0.0.1:$o1" --udp "127.0.0.1:$o2" \
  --udp "127.0.0.1:$o3" --udp "127.0.0.1:$o4" >/dev/null
"$lib/etcd.sh" start "$work/etcd" --name e1 --client "$cport" --peer "$pport" >/dev/null
python3 - "$n" "$w" "$interval" "$lease" "$cport" "$s1,$s2,$s3,$s4" "$o1,$o2,$o3,$o4" >"$work/gw.cfg" <<'PY'
import sys
n, w, interval, lease, cport = map(int, sys.argv[1:6])
steady, outage = sys.argv[6].split(","), sys.argv[7].split(",")
out = [f"cluster etcd http://127.0.0.1:{cport}\ncluster lease {lease}\n!\n",
       f"voice class sip-options-keepalive 1\n up-interval {interval}\n down-interval {interval // 2}\n!\n"]
for tag in range(1, n + 1):
    port = outage[tag % 4] if tag <= w else steady[tag % 4]
    out.append(f"dial-peer voice {tag} voip\n session target ipv4:127.0.0.1:{port}\n"
               " voice-class sip options-keepalive profile 1\n!\n")
sys.stdout.write("".join(out))
PY
for x in a b c; do
  "$gw" run -c "$work/gw.cfg" --node "$x" --events "$work/$x.jsonl" --control "$work/$x.sock" \
    2>"$work/$x.log" &
  pids+=($!)
done

ctl() {  # NODE REQUEST
  python3 -c '
import json, socket, sys
s = socket.socket(socket.AF_UNIX); s.settimeout(30); s.connect(sys.argv[1])
f = s.makefile("rwb"); f.write((sys.argv[2] + "\n").encode()); f.flush()
r = json.loads(f.readline()); sys.stdout.write(r.get("output", ""))' "$work/$1.sock" "$2"
}
published() {  # NODE -> "txns states bytes"
  ctl "$1" "execute show cluster" |
    sed -nE 's/.*transactions ([0-9]+) \(([0-9]+) states\), ([0-9]+) bytes sent.*/\1 \2 \3/p'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# Ready: every node holds its share and has published the initial state of it (n in total).
t_start=$(date +%s)
for x in a b c; do until [[ -S $work/$x.sock ]]; do sleep 0.2; done; done
until (( $(for x in a b c; do published "$x" | awk '{print $2}'; done | paste -sd+ | bc) >= n )); do
  (( $(date +%s) - t_start < 600 )) || { echo "not ready after 600 s"; exit 1; }
  sleep 1
done
echo "ready after $(( $(date +%s) - t_start )) s: every node published its share"
declare -A c0
for i in 0 1 2; do c0[$i]=$(cpu_ticks "${pids[$i]}"); done
sleep "$interval"
hz=$(getconf CLK_TCK)
names=(a b c)
for i in 0 1 2; do
  x=${names[$i]}
  owned=$(ctl "$x" "execute show cluster" | awk -v x="$x" '$1 == x {print $NF}')
  echo "node $x: probes $owned dial-peers, CPU $(python3 -c "print(round(($(cpu_ticks "${pids[$i]}") - ${c0[$i]}) / $hz / $interval * 100, 1))") % over ${interval} s, RSS $(( $(rss_kb "${pids[$i]}") / 1024 )) MB"
done

declare -A before skip
for x in a b c; do before[$x]=$(published "$x"); skip[$x]=$(wc -l <"$work/$x.jsonl"); done
t0=$(date +%s.%N)
"$lib/kamailio.sh" stop "$work/kam-outage" >/dev/null
for x in a b c; do
  until (( $(tail -n "+$(( ${skip[$x]} + 1 ))" "$work/$x.jsonl" | grep -c '"event":"dial-peer.down"' || true) >= w )); do
    sleep 0.2
  done
  echo "node $x shows all $w down after $(python3 -c "import time; print(round(time.time() - $t0, 1))") s"
done
txns=0 states=0 bytes=0
for x in a b c; do
  read -r t1 s1 b1 <<<"${before[$x]}"
  read -r t2 s2 b2 <<<"$(published "$x")"
  txns=$((txns + t2 - t1)) states=$((states + s2 - s1)) bytes=$((bytes + b2 - b1))
done
echo "wave of $w: $txns etcd txns, $states states published ($(python3 -c "print(round($states / max($txns, 1), 1))") per txn), $bytes bytes sent to etcd (keepalives included)"
# From the owner's dial-peer.down to the same event on each other node (the wave's events).
python3 - "$work" "${skip[a]}" "${skip[b]}" "${skip[c]}" <<'PY'
import datetime, json, sys
def ts(e):
    return datetime.datetime.strptime(e["ts"], "%Y-%m-%dT%H:%M:%S.%fZ").timestamp()
seen = {}
for i, x in enumerate("abc"):
    for k, line in enumerate(open(f"{sys.argv[1]}/{x}.jsonl")):
        if k < int(sys.argv[2 + i]):
            continue  # before the wave
        e = json.loads(line)
        if e.get("event") == "dial-peer.down":
            seen.setdefault(e["dial_peer"], {}).setdefault(x, ts(e))
            seen[e["dial_peer"]].setdefault("owner", e.get("node"))
delays = sorted(v[x] - v[v["owner"]] for v in seen.values() for x in "abc"
                if x != v["owner"] and x in v and v["owner"] in v)
if delays:
    q = lambda p: delays[min(len(delays) - 1, int(p * len(delays)))] * 1000
    print(f"owner's down to another node's: p50 {q(0.5):.0f} ms, p99 {q(0.99):.0f} ms, "
          f"max {delays[-1] * 1000:.0f} ms over {len(delays)} reports")
PY
