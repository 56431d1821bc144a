# cluster_common.sh — sourced by the cluster_*.sh tests (several nodes through a real etcd).
# Adds to sip_common.sh:
#   cluster_config FILE N ETCD_URLS [EXTRA_LINES]   N dial-peers (profile 1: up-interval 10 s,
#                                 scaled by $scale) on the Kamailio at $kport, `cluster lease
#                                 $lease` and `cluster etcd ETCD_URLS`
#   node_start NAME [ARGS...]     gatewatch run --node NAME (debug log $work/NAME.log, events
#                                 $work/NAME.jsonl, control $work/NAME.sock); pid in node_pid[NAME]
#   node_kill NAME [SIGNAL]       the signal (default KILL), waits for the exit
#   node_await NAME SECONDS K=V...  await_event on that node's events
#   node_ctl NAME REQUEST         one control request to that node
#   probes [--since T] [--until T]  cluster_probes.py over every node's log
#   now                           epoch seconds (float)
source "$(dirname "${BASH_SOURCE[0]}")/sip_common.sh"
need etcd curl kamailio
declare -A node_pid=()
scale=${scale:-0.1}
lease=${lease:-2}

cluster_cleanup() {
  set +e
  for n in "${!node_pid[@]}"; do kill -TERM "${node_pid[$n]}" 2>/dev/null; done
  for n in "${!node_pid[@]}"; do wait "${node_pid[$n]}" 2>/dev/null; done
  node_pid=()
  cleanup
}
trap cluster_cleanup EXIT

fail() {
  echo "FAIL: $*"
  for f in "$work"/*.jsonl; do echo "--- events $f"; tail -n 15 "$f"; done
  for f in "$work"/*.log; do echo "--- log $f"; grep -v DIALPEER_ATTEMPT "$f" | tail -n 15; done
  exit 1
}

now() { date +%s.%N; }

cluster_config() {  # FILE N URLS [EXTRA]
  python3 - "$2" "$kport" "$3" "$lease" "${4:-}" >"$1.tmp" <<'PY'
import sys
n, port, urls, lease, extra = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
out = [f"cluster etcd {urls}\ncluster lease {lease}\n{extra}!\n",
       "voice class sip-options-keepalive 1\n up-interval 10\n down-interval 5\n!\n"]
for tag in range(1, n + 1):
    out.append(f"dial-peer voice {tag} voip\n session target ipv4:127.0.0.1:{port}\n"
               " voice-class sip options-keepalive profile 1\n!\n")
sys.stdout.write("".join(out))
PY
  "$gw" check -c "$1.tmp" >/dev/null || fail "config rejected by gatewatch check: $1.tmp"
  mv "$1.tmp" "$1"
}

node_start() {  # NAME [ARGS...]
  local name=$1
  shift
  GATEWATCH_DEBUG=1 "$gw" run -c "$work/gw.cfg" --node "$name" --events "$work/$name.jsonl" \
    --control "$work/$name.sock" --time-scale "$scale" "$@" 2>>"$work/$name.log" &
  node_pid[$name]=$!
}

node_kill() {  # NAME [SIGNAL]
  kill "-${2:-KILL}" "${node_pid[$1]}"
  wait "${node_pid[$1]}" 2>/dev/null || true
  unset "node_pid[$1]"
}

node_await() {  # NAME SECONDS K=V...
  local name=$1 t=$2
  shift 2
  python3 -c "$_match_py" "$work/$name.jsonl" "$t" await "$@" ||
    fail "node $name: no event $* within ${t}s"
}

node_count() {  # NAME K=V...
  local name=$1
  shift
  python3 -c "$_match_py" "$work/$name.jsonl" 0 count "$@"
}

node_ctl() {  # NAME REQUEST
  python3 -c "$_ctl_py" "$work/$1.sock" "$2" || fail "control request to $1 failed: $2"
}

_ctl_py='
import json, socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(5)
s.connect(sys.argv[1])
f = s.makefile("rwb")
f.write((sys.argv[2] + "\n").encode()); f.flush()
r = json.loads(f.readline())
if not r["ok"]:
    print("ERROR " + r.get("error", "")); sys.exit(2)
sys.stdout.write(r["output"])
'

probes() {
  local args=()
  for f in "$work"/*.log; do
    local n=${f##*/}
    args+=("${n%.log}=$f")
  done
  "$lib/cluster_probes.py" "$@" "${args[@]}"
}

# Waits until SECONDS pass or the control socket of NAME exists.
await_sock() {  # NAME SECONDS
  local deadline=$(( $(date +%s) + $2 ))
  until [[ -S $work/$1.sock ]]; do
    (( $(date +%s) <= deadline )) || fail "node $1: control socket never appeared"
    sleep 0.05
  done
}
