#!/usr/bin/env bash
# bench/scale/run.sh — dial-peer OPTIONS keepalive at scale: gatewatch vs Kamailio's dispatcher.
#
#   bench/scale/run.sh [-b BUILD_DIR] [-i INTERVAL_S] [-w WINDOW_S] [-d DESTINATIONS] N...
#
# For each N (default: 1000 10000): one responder Kamailio (tests/e2e/lib/kamailio.sh, sl_send_reply
# 200) listens on DESTINATIONS UDP ports of 127.0.0.1 (default 8); N targets are spread over
# them round-robin. Then, one after the other:
#   1. gatewatch run with N dial-peers (voice class sip-options-keepalive up-interval INTERVAL_S,
#      default 10), warm-up INTERVAL_S + 3 s (first probes are spread over min(interval, N ms)),
#      then CPU (utime+stime from /proc/PID/stat) over WINDOW_S (default 30) and VmRSS. SIGTERM;
#      its %GATEWATCH-6-DIALPEER_STATS line gives probes sent and send lateness p50/p99/max.
#   2. Kamailio with the dispatcher module probing the same N destinations (a generated
#      dispatcher.list, one set, URIs sip:tI@127.0.0.1:PORT so none is a duplicate) with
#      ds_ping_interval INTERVAL_S and ds_probing_mode 1; same warm-up and window; CPU summed
#      over all its processes.
# RSS per target is (RSS with N dial-peers - RSS with 1 dial-peer) / N. CPU per probe is CPU
# seconds in the window / (N * WINDOW_S / INTERVAL_S), the nominal probe count for both.
# Prints one table (also appended to $RESULTS when set). Needs kamailio (+ dispatcher, tm).
# Kamailio's dispatcher needs minutes to load a 100k-entry list: its figure then measures
# that start-up, not probing (see docs/benchmarks.md).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lib=$root/tests/e2e/lib
build=$root/build
interval=10
window=30
dests=8
while getopts "b:i:w:d:h" o; do
  case $o in
    b) build=$OPTARG ;;
    i) interval=$OPTARG ;;
    w) window=$OPTARG ;;
    d) dests=$OPTARG ;;
    *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
sizes=("$@")
(( ${#sizes[@]} > 0 )) || sizes=(1000 10000)
gw=$build/gatewatch
[[ -x $gw ]] || { echo "no gatewatch at $gw (use -b BUILD_DIR)" >&2; exit 2; }
command -v kamailio >/dev/null || { echo "kamailio not installed" >&2; exit 2; }
moddir=""
for d in /usr/lib/x86_64-linux-gnu/kamailio/modules /usr/lib/kamailio/modules; do
  [[ -f $d/dispatcher.so ]] && { moddir=$d; break; }
done
[[ -n $moddir ]] || { echo "kamailio dispatcher module not found" >&2; exit 2; }

work=$(mktemp -d /tmp/gw-bench-scale.XXXXXX)
gw_pid="" ds_pid=""
cleanup() {
  set +e
  [[ -n $gw_pid ]] && kill -TERM "$gw_pid" 2>/dev/null && wait "$gw_pid" 2>/dev/null
  [[ -n $ds_pid ]] && kill -TERM "$ds_pid" 2>/dev/null && wait "$ds_pid" 2>/dev/null
  "$lib/kamailio.sh" stop "$work/responder" >/dev/null 2>&1
  [[ ${KEEP:-0} == 1 ]] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

clk=$(getconf CLK_TCK)
# cpu_seconds PID...: utime+stime of those processes, in seconds.
cpu_seconds() {
  local total=0 p f
  for p in "$@"; do
    [[ -r /proc/$p/stat ]] || continue
    f=$(sed 's/^.*) //' "/proc/$p/stat")
    read -r -a a <<<"$f"
    total=$(( total + a[11] + a[12] ))
  done
  python3 -c "print($total / $clk)"
}
tree() {  # PID and every descendant
  local p=$1 c
  echo "$p"
  for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do tree "$c"; done
}
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

read -r -a ports < <("$lib/freeport.py" -n "$((dests + 1))" | paste -sd' ' -)
ds_port=${ports[$dests]}
resp_args=()
for ((i = 0; i < dests; i++)); do resp_args+=(--udp "127.0.0.1:${ports[$i]}"); done
"$lib/kamailio.sh" start "$work/responder" "${resp_args[@]}" >/dev/null

gen_gw_config() {  # N FILE
  python3 - "$1" "$interval" "${ports[*]:0:$dests}" >"$2" <<'PY'
import sys
n, interval, ports = int(sys.argv[1]), sys.argv[2], sys.argv[3].split()
out = [f"voice class sip-options-keepalive 1\n up-interval {interval}\n down-interval {interval}\n!\n"]
for i in range(n):
    out.append(f"dial-peer voice {i + 1} voip\n session target ipv4:127.0.0.1:{ports[i % len(ports)]}\n"
               " voice-class sip options-keepalive profile 1\n!\n")
sys.stdout.write("".join(out))
PY
}

run_gw() {  # N -> prints "cpu rss probes p50 p99 max"
  local n=$1 cfg=$work/gw-$1.cfg log=$work/gw-$1.log c0 c1 rss stats
  gen_gw_config "$n" "$cfg"
  "$gw" run -c "$cfg" 2>"$log" &
  gw_pid=$!
  sleep $((interval + 3))
  c0=$(cpu_seconds "$gw_pid")
  sleep "$window"
  c1=$(cpu_seconds "$gw_pid")
  rss=$(rss_kib "$gw_pid")
  kill -TERM "$gw_pid"; wait "$gw_pid" || true; gw_pid=""
  stats=$(grep -o 'DIALPEER_STATS: .*' "$log" | tail -1)
  python3 - "$c0" "$c1" "$rss" "$stats" <<'PY'
import re, sys
c0, c1, rss, stats = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
m = re.search(r"probes (\d+) lateness p50 (\d+) us p99 (\d+) us max (\d+) us", stats)
probes, p50, p99, mx = m.groups() if m else ("?", "?", "?", "?")
print(f"{c1 - c0:.3f} {rss} {probes} {p50} {p99} {mx}")
PY
}

run_dispatcher() {  # N -> prints cpu seconds in the window
  local n=$1 dir=$work/ds-$1 c0 c1
  mkdir -p "$dir/run"
  python3 - "$n" "${ports[*]:0:$dests}" >"$dir/dispatcher.list" <<'PY'
import sys
n, ports = int(sys.argv[1]), sys.argv[2].split()
sys.stdout.write("".join(f"1 sip:t{i}@127.0.0.1:{ports[i % len(ports)]}\n" for i in range(n)))
PY
  cat >"$dir/kamailio.cfg" <<CFG
#!KAMAILIO
debug=1
log_stderror=yes
children=2
auto_aliases=no
dns=no
rev_dns=no
use_dns_cache=no
mpath="$moddir/"
listen=udp:127.0.0.1:$ds_port
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "dispatcher.so"
modparam("dispatcher", "list_file", "$dir/dispatcher.list")
modparam("dispatcher", "ds_ping_interval", $interval)
modparam("dispatcher", "ds_probing_mode", 1)
modparam("dispatcher", "ds_ping_from", "sip:bench@127.0.0.1:$ds_port")
request_route {
  sl_send_reply("405", "Method Not Allowed");
  exit;
}
CFG
  kamailio -c -f "$dir/kamailio.cfg" >"$dir/check.log" 2>&1 || { cat "$dir/check.log" >&2; return 1; }
  kamailio -DD -E -f "$dir/kamailio.cfg" -P "$dir/pid" -Y "$dir/run" -m 1024 -M 64 </dev/null \
    >"$dir/kamailio.log" 2>&1 &
  ds_pid=$!
  sleep $((interval + 3))
  c0=$(cpu_seconds $(tree "$ds_pid"))
  sleep "$window"
  c1=$(cpu_seconds $(tree "$ds_pid"))
  kill -TERM "$ds_pid"; wait "$ds_pid" || true; ds_pid=""
  python3 -c "print(f'{$c1 - $c0:.3f}')"
}

# Baseline RSS: gatewatch with one dial-peer.
gen_gw_config 1 "$work/gw-base.cfg"
"$gw" run -c "$work/gw-base.cfg" 2>/dev/null &
gw_pid=$!
sleep 2
base_rss=$(rss_kib "$gw_pid")
kill -TERM "$gw_pid"; wait "$gw_pid" || true; gw_pid=""

out=${RESULTS:-/dev/null}
{
  echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); interval ${interval}s, window ${window}s, ${dests} destination ports"
  printf '%-8s %-12s %-12s %-12s %-10s %-10s %-10s %-12s %-12s %-8s\n' targets gw_cpu_s ds_cpu_s \
    gw_us/probe ds_us/probe ratio rss_B/tgt p50_us p99_us max_us
} | tee -a "$out"
for n in "${sizes[@]}"; do
  read -r gcpu grss gprobes p50 p99 mx < <(run_gw "$n")
  dcpu=$(run_dispatcher "$n")
  python3 - "$n" "$gcpu" "$dcpu" "$grss" "$base_rss" "$p50" "$p99" "$mx" "$interval" "$window" "$gprobes" <<'PY' | tee -a "$out"
import sys
n, g, d, rss, base, p50, p99, mx, interval, window, probes = sys.argv[1:]
n, g, d, rss, base = int(n), float(g), float(d), int(rss), int(base)
probes_window = n * float(window) / float(interval)
gp, dp = g / probes_window * 1e6, d / probes_window * 1e6
ratio = f"{gp / dp:.2f}" if dp > 0 else "inf"
print(f"{n:<8} {g:<12.3f} {d:<12.3f} {gp:<12.2f} {dp:<10.2f} {ratio:<10} {(rss - base) * 1024 / n:<10.0f} {p50:<12} {p99:<12} {mx:<8}"
      f"  (gatewatch probes total {probes})")
PY
done
