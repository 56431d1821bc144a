# fault_common.sh — sourced by fault_*.sh and hostile_*.sh: sip_common.sh (events, attempts,
# fail...) plus two network namespaces (lib/netns.sh): gatewatch runs in A ($ADDR_A), the peers
# in B ($ADDR_B, $ADDR_B2). Nothing touches the host's interfaces.
# Adds:
#   gw_start CONFIG SCALE [ARGS...]  as in sip_common.sh, but inside A
#   peer_b NAME CMD...        start CMD inside B in the background, output in $work/NAME.out;
#                             its pid is in $peer_pid_NAME (stopped by the namespace cleanup)
#   peer_b_stop NAME          SIGTERM that peer (by its pid) and wait for it
#   await_line SECONDS FILE REGEX   poll FILE until a line matches REGEX (fail on timeout)
#   await_nth SECONDS N K=V...  wait for the Nth matching event, print it
#   field LINE KEY            a field of an event line
#   gw_rss_kb / gw_hwm_kb     VmRSS / VmHWM of the running gatewatch, in KiB
#   metric NAME               a value from gatewatch's --metrics endpoint ("" when the build
#                             has no metrics endpoint); gw_start_metrics sets it up
#   figure KEY=VALUE...       print "FIGURE key=value ..." (scripts/reliability collects them)
source "$(dirname "${BASH_SOURCE[0]}")/sip_common.sh"
source "$lib/netns.sh"
netns_setup

gw_metrics=""
gw_start() {
  local cfg=$1 scale=$2
  shift 2
  : >"$events"
  GATEWATCH_DEBUG=1 ip netns exec "$NS_A" "$gw" run -c "$cfg" --events "$events" \
    --time-scale "$scale" "$@" 2>"$gw_log" &
  gw_pid=$!
}

# gw_start_metrics CONFIG SCALE: gw_start with --metrics on A's loopback when the binary
# supports it (its usage names --metrics and the endpoint answers), else plain gw_start.
gw_start_metrics() {
  local port
  port=$("$lib/freeport.py" -n 1)
  gw_metrics=127.0.0.1:$port
  gw_start "$1" "$2" --metrics "$gw_metrics"
  local i
  for i in $(seq 50); do
    in_a python3 -c "import urllib.request; urllib.request.urlopen('http://$gw_metrics/metrics', timeout=0.5)" \
      2>/dev/null && return 0
    kill -0 "$gw_pid" 2>/dev/null || break
    sleep 0.1
  done
  gw_metrics=""
}

metric() {
  [[ -n $gw_metrics ]] || { echo ""; return 0; }
  in_a python3 - "$gw_metrics" "$1" <<'PY'
import sys, urllib.request
try:
    text = urllib.request.urlopen(f"http://{sys.argv[1]}/metrics", timeout=2).read().decode()
except Exception:
    print(""); sys.exit(0)
total, seen = 0.0, False
for line in text.splitlines():
    if line.startswith(sys.argv[2]) and (line[len(sys.argv[2])] in " {"):
        total += float(line.rsplit(" ", 1)[1]); seen = True
print(int(total) if seen else "")
PY
}

peer_b() {
  local name=$1
  shift
  ip netns exec "$NS_B" "$@" </dev/null >"$work/$name.out" 2>&1 &
  printf -v "peer_pid_$name" '%s' "$!"
}

peer_b_stop() {
  local v="peer_pid_$1"
  [[ -n ${!v:-} ]] || return 0
  kill -TERM "${!v}" 2>/dev/null || true
  wait "${!v}" 2>/dev/null || true
  printf -v "$v" '%s' ""
}

await_line() {
  local t=$1 file=$2 re=$3 deadline
  deadline=$(( $(date +%s%N) + t * 1000000000 ))
  until grep -Eq "$re" "$file" 2>/dev/null; do
    (( $(date +%s%N) < deadline )) || fail "no line /$re/ in $(basename "$file") within ${t}s"
    sleep 0.02
  done
}

# await_nth SECONDS N K=V...: wait until N events match; print the Nth.
await_nth() {
  local t=$1 n=$2 deadline
  shift 2
  deadline=$(( $(date +%s%N) + t * 1000000000 ))
  while (( $(count_events "$@") < n )); do
    (( $(date +%s%N) < deadline )) || fail "fewer than $n events $* within ${t}s"
    sleep 0.02
  done
  python3 - "$events" "$n" "$@" <<'PY'
import json, sys
want = dict(a.split("=", 1) for a in sys.argv[3:])
hits = [l.rstrip("\n") for l in open(sys.argv[1]) if l.endswith("\n")
        and all(str(json.loads(l).get(k)) == v for k, v in want.items())]
print(hits[int(sys.argv[2]) - 1])
PY
}

field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get(sys.argv[2], ""))' "$1" "$2"; }

gw_rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$gw_pid/status"; }
gw_hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$gw_pid/status"; }

# sccp_or_skip: exit 77 when this build's daemon does not run the SCCP service (no
# "%SCCP-6-GROUP ... started" line within 10 s): the test needs it, it does not test its absence.
sccp_or_skip() {
  local i
  for i in $(seq 200); do
    grep -q 'SCCP-6-GROUP' "$gw_log" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "SKIP: this build's gatewatch run does not start SCCP groups"
  exit 77
}

figure() { echo "FIGURE $*"; }

# Write a gatewatch config with only a sip-ua block (no voice port).
sip_ua_config() {
  local f=$1
  shift
  { printf 'sip-ua\n'; for l in "$@"; do printf ' %s\n' "$l"; done; } >"$f"
  "$gw" check -c "$f" >/dev/null || fail "config rejected by gatewatch check: $(cat "$f")"
}

# attempt_timeout N: sum(min(0.5*2^i, 4) for i in 0..N), in seconds (reference/ios-keepalive.md)
attempt_timeout() { python3 -c "import sys; n=int(sys.argv[1]); print(sum(min(0.5*2**i, 4.0) for i in range(n+1)))" "$1"; }
