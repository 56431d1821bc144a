#!/usr/bin/env bash
# bench/scale/run.sh — dial-peer OPTIONS keepalive at scale: gatewatch vs Kamailio's dispatcher
# and vs a bare send/recv loop (the physical floor).
#
#   bench/scale/run.sh [-b BUILD_DIR] [-i INTERVAL_S] [-w WINDOW_S] [-d PORTS] [-s SET_SIZE]
#                      [-n RESPONDER_NICE] [-k] [-g MEMBERS] [-D] N...
#
#   -b BUILD_DIR  where gatewatch was built (default build; RelWithDebInfo or Release)
#   -i INTERVAL_S up-interval / ds_ping_interval (default 10)
#   -w WINDOW_S   CPU measuring window after the warm-up (default 30)
#   -d PORTS      UDP ports of the responder; targets are spread over them (default 8)
#   -s SET_SIZE   dispatcher destinations per set id (default 100; see below)
#   -n NICE       niceness increment of the responder (default 19; 0: as the prober). The
#                 responder stands in for N remote servers; at 100k it needs more than one of
#                 this machine's two cores, and at the prober's own priority it delays the
#                 prober's wake-ups by milliseconds. Niced, the prober under test (gatewatch or
#                 dispatcher, same for both) gets the CPU first, as it would with remote peers.
#   -k            keep every CPU awake with a SCHED_IDLE spinner for the whole run (a
#                 diagnostic: on a virtual machine an idle vCPU halts, and the host may take
#                 milliseconds to run it again when a timer fires; the spinners run only when
#                 nothing else wants the CPU and are not counted in either prober's CPU)
#   -g MEMBERS    server-group mode (CUBE `voice class server-group`): instead of Kamailio's
#                 dispatcher, compare gatewatch with N plain dial-peers against gatewatch with N
#                 dial-peers over N/MEMBERS server groups of MEMBERS members (MEMBERS dial-peers
#                 per group sharing its member streams: N streams, the same probes per interval;
#                 dial-peers.py --groups). Columns: CPU and CPU per probe of each, ratio =
#                 server groups / plain, send lateness p50/p99/max of each.
#   -D            skip the dispatcher (its columns read 0): gatewatch against the bare loop only,
#                 for before/after runs of a change
#   N...          target counts to run, one table row each (default: 1000 10000)
#   KEEP=1        keep the work directory (configs, logs) and print its path
#   RESULTS=FILE  also append the table to FILE
#
# For each N: one responder Kamailio (tests/e2e/lib/kamailio.sh, sl_send_reply 200) listens on
# PORTS UDP ports of 127.0.0.1; N targets are spread over them round-robin. Then, one after
# the other (never both at once):
#   1. gatewatch run with N dial-peers (voice class sip-options-keepalive up-interval INTERVAL_S),
#      warm-up INTERVAL_S + 3 s, then CPU (utime+stime, /proc/PID/stat) over WINDOW_S and VmRSS.
#      SIGTERM; its %GATEWATCH-6-DIALPEER_STATS line gives probes sent and send lateness.
#   2. Kamailio's dispatcher probing the same N destinations (ds_ping_interval INTERVAL_S,
#      ds_probing_mode 1; URIs sip:tI@127.0.0.1:PORT, all distinct) from a generated
#      dispatcher.list with SET_SIZE destinations per set id, as an operator with many trunks
#      groups them. One large set would take dispatcher far too long to load: it inserts each
#      destination into its set's priority-sorted linked list (O(set size) per entry).
#      ds_load_s is the time until Kamailio forked its workers (the list is loaded by then);
#      warm-up and window as for gatewatch, CPU summed over all its processes.
#   3. gw_bare_prober (bench/scale/bare_prober.cpp, built with gatewatch) probing the same N
#      targets at the same rate: one sendto + one recv per probe, 64 outstanding, nothing
#      else. Warm-up and window as for gatewatch.
# Columns: CPU per probe = CPU seconds in the window / (N * WINDOW_S / INTERVAL_S), the nominal
# probe count for all three; ratio = gatewatch / dispatcher; gw/bare = gatewatch / bare loop; RSS per target = (VmRSS with N
# dial-peers - VmRSS with 1) / N; p50/p99/max = gatewatch send lateness over its whole run;
# dg/probe = UDP datagrams received on this host in the window (/proc/net/snmp, every process:
# noisy on a shared machine) per nominal probe: ~2 (request + answer) when every probe is
# answered once; gw_probes = probes gatewatch sent over its whole run; load = 1-min load
# average when that row started / ended. The header also gives the machine's own timer
# wake-up latency over 10 s (gw_wake_latency, built with gatewatch: a thread sleeping until
# each next millisecond), the floor under gatewatch's lateness.
# Needs kamailio with the dispatcher, tm, sl and pv modules, python3. Ctrl-C stops everything.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lib=$root/tests/e2e/lib
usage() { sed -n '2,50p' "$0" | sed 's/^# \{0,1\}//'; }
build=$root/build
interval=10
window=30
dests=8
set_size=100
resp_nice=19
keep_awake=0
members=0
skip_ds=0
while getopts "b:i:w:d:s:n:g:kDh" o; do
  case $o in
    b) build=$OPTARG ;;
    i) interval=$OPTARG ;;
    w) window=$OPTARG ;;
    d) dests=$OPTARG ;;
    s) set_size=$OPTARG ;;
    n) resp_nice=$OPTARG ;;
    k) keep_awake=1 ;;
    g) members=$OPTARG ;;
    D) skip_ds=1 ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
sizes=("$@")
(( ${#sizes[@]} > 0 )) || sizes=(1000 10000)
for v in "$interval" "$window" "$dests" "$set_size" "${sizes[@]}"; do
  [[ $v =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: '$v' is not a positive integer" >&2; usage >&2; exit 2; }
done
gw=$build/gatewatch
[[ -x $gw ]] || { echo "run.sh: no gatewatch at $gw (build it, or pass -b BUILD_DIR)" >&2; exit 2; }
bare=$build/gw_bare_prober
[[ -x $bare ]] || { echo "run.sh: no gw_bare_prober in $build (build target gw_bare_prober)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "run.sh: python3 not installed" >&2; exit 2; }
command -v kamailio >/dev/null ||
  { echo "run.sh: kamailio not installed (Debian: apt-get install kamailio)" >&2; exit 2; }
moddir=""
for d in /usr/lib/x86_64-linux-gnu/kamailio/modules /usr/lib/kamailio/modules \
         /usr/local/lib64/kamailio/modules /usr/local/lib/kamailio/modules; do
  [[ -f $d/dispatcher.so ]] && { moddir=$d; break; }
done
[[ -n $moddir ]] || { echo "run.sh: kamailio's dispatcher module (dispatcher.so) not found" >&2; exit 2; }
for m in tm sl pv; do
  [[ -f $moddir/$m.so ]] || { echo "run.sh: kamailio module $m.so not found in $moddir" >&2; exit 2; }
done

work=$(mktemp -d /tmp/gw-bench-scale.XXXXXX)
# Every process we start is recorded here, so cleanup finds it from any function.
gw_pid="" ds_pid="" bare_pid="" spinners=()
stop_pid() {  # PID [NAME]: SIGTERM, up to 10 s, then SIGKILL
  local p=$1 name=${2:-process}
  [[ -n $p ]] && kill -0 "$p" 2>/dev/null || return 0
  kill -TERM "$p" 2>/dev/null
  for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null
  local rc=0
  wait "$p" 2>/dev/null || rc=$?
  # A crash while stopping (dispatcher Kamailio has segfaulted in shutdown with 100k
  # destinations) does not void the figures taken before: say so and go on.
  (( rc == 0 || rc == 143 )) || echo "run.sh: note: $name (pid $p) exited with status $rc when stopped" >&2
  return 0
}
stop_tree() {  # PID [NAME]: stop_pid, then SIGKILL whatever is left of its descendants
  local p=$1 kids
  [[ -n $p ]] || return 0
  kids=$(tree "$p" | tail -n +2)
  stop_pid "$@"
  # When Kamailio's main process is killed (it has hung in shutdown with 100k destinations),
  # its workers live on and keep probing: they would load every later row.
  for k in $kids; do kill -KILL "$k" 2>/dev/null || true; done
  return 0
}
cleanup() {
  set +e
  trap - INT TERM
  stop_pid "$gw_pid"
  stop_pid "$bare_pid"
  stop_tree "$ds_pid"
  for p in "${spinners[@]}"; do kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  "$lib/kamailio.sh" stop "$work/responder" >/dev/null 2>&1
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'echo "run.sh: interrupted, stopping" >&2; exit 130' INT TERM

clk=$(getconf CLK_TCK)
cpu_ticks() {  # PID...: utime+stime of those processes, in clock ticks
  local total=0 p f
  for p in "$@"; do
    [[ -r /proc/$p/stat ]] || continue
    f=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null) || continue
    read -r -a a <<<"$f"
    total=$(( total + a[11] + a[12] ))
  done
  echo "$total"
}
tree() {  # PID and every descendant
  local p=$1 c
  echo "$p"
  for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do tree "$c"; done
}
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
udp_in() { awk '/^Udp:/ { if (++n == 2) print $2 }' /proc/net/snmp; }
load1() { cut -d' ' -f1 /proc/loadavg; }

if (( keep_awake )); then
  command -v chrt >/dev/null || { echo "run.sh: -k needs chrt (util-linux)" >&2; exit 2; }
  for ((i = 0; i < $(nproc); i++)); do
    chrt -i 0 bash -c 'while :; do :; done' &
    spinners+=($!)
  done
fi
wake_floor() {  # the machine's timer wake-up latency over 10 s, or why not
  if [[ -x $build/gw_wake_latency ]]; then "$build/gw_wake_latency" 10; else echo "not measured (no $build/gw_wake_latency)"; fi
}

read -r -a ports < <("$lib/freeport.py" -n "$((dests + 1))" | paste -sd' ' -)
ds_port=${ports[$dests]}
resp_args=()
for ((i = 0; i < dests; i++)); do resp_args+=(--udp "127.0.0.1:${ports[$i]}"); done
[[ $resp_nice =~ ^[0-9]+$ ]] || { echo "run.sh: -n wants a niceness increment 0..19" >&2; exit 2; }
nice -n "$resp_nice" "$lib/kamailio.sh" start "$work/responder" "${resp_args[@]}" >/dev/null

gen_gw_config() {  # N FILE [MEMBERS]: MEMBERS > 0, server-group mode
  local g=()
  (( ${3:-0} > 0 )) && g=(--groups "$3")
  "$here/dial-peers.py" "${g[@]}" "$1" "$interval" "${ports[@]:0:$dests}" >"$2"
}

# run_gw N [MEMBERS]: sets gw_ticks gw_rss gw_probes gw_p50 gw_p99 gw_max gw_dg
run_gw() {
  local n=$1 m=${2:-0}
  local cfg=$work/gw-$n-$m.cfg log=$work/gw-$n-$m.log c0 c1 u0 u1 stats
  gen_gw_config "$n" "$cfg" "$m"
  "$gw" run -c "$cfg" 2>"$log" &
  gw_pid=$!
  sleep $((interval + 3))
  kill -0 "$gw_pid" 2>/dev/null || { echo "run.sh: gatewatch exited early:" >&2; tail "$log" >&2; exit 1; }
  c0=$(cpu_ticks "$gw_pid"); u0=$(udp_in)
  sleep "$window"
  c1=$(cpu_ticks "$gw_pid"); u1=$(udp_in)
  gw_rss=$(rss_kib "$gw_pid")
  stop_pid "$gw_pid" "gatewatch with $n dial-peers"; gw_pid=""
  gw_ticks=$((c1 - c0)); gw_dg=$((u1 - u0))
  stats=$(grep -Eo '(DIALPEER|SERVER_GROUP)_STATS: .*' "$log" | tail -1 || true)
  if [[ $stats =~ probes\ ([0-9]+)\ lateness\ p50\ ([0-9]+)\ us\ p99\ ([0-9]+)\ us\ max\ ([0-9]+)\ us ]]; then
    gw_probes=${BASH_REMATCH[1]} gw_p50=${BASH_REMATCH[2]} gw_p99=${BASH_REMATCH[3]} gw_max=${BASH_REMATCH[4]}
  else
    gw_probes="?" gw_p50="?" gw_p99="?" gw_max="?"
  fi
}

# run_bare N: sets bare_ticks bare_late (its "sent/answered p99" summary)
run_bare() {
  local n=$1 log=$work/bare-$1.log c0 c1 line
  "$bare" "$n" "$interval" "${ports[@]:0:$dests}" 2>"$log" &
  bare_pid=$!
  sleep $((interval + 3))
  kill -0 "$bare_pid" 2>/dev/null || { echo "run.sh: gw_bare_prober exited early:" >&2; tail "$log" >&2; exit 1; }
  c0=$(cpu_ticks "$bare_pid")
  sleep "$window"
  c1=$(cpu_ticks "$bare_pid")
  stop_pid "$bare_pid" "gw_bare_prober with $n targets"; bare_pid=""
  bare_ticks=$((c1 - c0))
  line=$(grep -o 'bare: .*' "$log" | tail -1 || true)
  if [[ $line =~ sent\ ([0-9]+)\ answered\ ([0-9]+)\ lateness\ p50\ [0-9]+\ us\ p99\ ([0-9]+) ]]; then
    bare_late="${BASH_REMATCH[1]}/${BASH_REMATCH[2]}/${BASH_REMATCH[3]}"
  else
    bare_late="?"
  fi
}

# run_dispatcher N: sets ds_ticks ds_load_s ds_dg
run_dispatcher() {
  local n=$1 dir=$work/ds-$1 c0 c1 u0 u1 t0 t1
  mkdir -p "$dir/run"
  python3 - "$n" "$set_size" "${ports[*]:0:$dests}" >"$dir/dispatcher.list" <<'PY'
import sys
n, per, ports = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].split()
sys.stdout.write("".join(f"{i // per + 1} sip:t{i}@127.0.0.1:{ports[i % len(ports)]}\n" for i in range(n)))
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
  kamailio -c -f "$dir/kamailio.cfg" >"$dir/check.log" 2>&1 ||
    { echo "run.sh: kamailio rejected the dispatcher configuration:" >&2; cat "$dir/check.log" >&2; exit 1; }
  t0=$(date +%s%N)
  kamailio -DD -E -f "$dir/kamailio.cfg" -P "$dir/pid" -Y "$dir/run" -m 1024 -M 64 </dev/null \
    >"$dir/kamailio.log" 2>&1 &
  ds_pid=$!
  # The list is loaded in mod_init, before the main process forks its workers.
  while [[ -z $(cat /proc/"$ds_pid"/task/*/children 2>/dev/null) ]]; do
    kill -0 "$ds_pid" 2>/dev/null || { echo "run.sh: dispatcher Kamailio exited:" >&2; tail "$dir/kamailio.log" >&2; exit 1; }
    (( $(date +%s%N) - t0 < 1800 * 1000000000 )) ||
      { echo "run.sh: dispatcher still loading after 30 min" >&2; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s%N)
  ds_load_s=$(( (t1 - t0) / 1000000 ))  # in ms; the table prints it in seconds
  sleep $((interval + 3))
  c0=$(cpu_ticks $(tree "$ds_pid")); u0=$(udp_in)
  sleep "$window"
  c1=$(cpu_ticks $(tree "$ds_pid")); u1=$(udp_in)
  stop_tree "$ds_pid" "dispatcher Kamailio with $n destinations"; ds_pid=""
  ds_ticks=$((c1 - c0)); ds_dg=$((u1 - u0))
  if grep -qi 'no more shm\|out of memory' "$dir/kamailio.log"; then
    echo "run.sh: warning: dispatcher Kamailio ran out of shared memory (raise -m)" >&2
  fi
}

# Baseline RSS: gatewatch with one dial-peer.
gen_gw_config 1 "$work/gw-base.cfg"
"$gw" run -c "$work/gw-base.cfg" 2>"$work/gw-base.log" &
gw_pid=$!
sleep 2
kill -0 "$gw_pid" 2>/dev/null || { echo "run.sh: gatewatch exited:" >&2; tail "$work/gw-base.log" >&2; exit 1; }
base_rss=$(rss_kib "$gw_pid")
stop_pid "$gw_pid"; gw_pid=""

out=${RESULTS:-/dev/null}
if (( members > 0 )); then
  (( members <= dests && members <= 5 )) || { echo "run.sh: -g wants 1..5 members and -d at least that" >&2; exit 2; }
  {
    echo "# $(date -u +%FT%TZ) $(uname -r), $(nproc) cores; interval ${interval}s, window ${window}s," \
         "${dests} responder ports at nice +${resp_nice}; server groups of ${members} members," \
         "${members} dial-peers per group"
    echo "# this machine, idle: $(wake_floor)"
    echo "# gatewatch $(readlink -f "$gw"); tree $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
    printf '%-7s %-7s %-8s %-8s %-8s %-8s %-6s %-17s %-17s %-9s %-9s %-11s\n' dpeers groups \
      pl_cpu_s sg_cpu_s pl_us/pr sg_us/pr ratio pl_p50/p99/max_us sg_p50/p99/max_us pl_probes \
      sg_probes load_s/e
  } | tee -a "$out"
  for n in "${sizes[@]}"; do
    l0=$(load1)
    run_gw "$n"
    pl=("$gw_ticks" "$gw_p50" "$gw_p99" "$gw_max" "$gw_probes")
    run_gw "$n" "$members"
    l1=$(load1)
    python3 - "$n" "$members" "$clk" "$interval" "$window" "${pl[@]}" "$gw_ticks" "$gw_p50" \
      "$gw_p99" "$gw_max" "$gw_probes" "$l0" "$l1" <<'PY' | tee -a "$out"
import sys
(n, m, clk, interval, window, pt, p50, p99, pmx, ppr, st, s50, s99, smx, spr, l0, l1) = sys.argv[1:]
n, clk = int(n), int(clk)
probes = n * float(window) / float(interval)
p, s = int(pt) / clk, int(st) / clk
pp, sp = p / probes * 1e6, s / probes * 1e6
ratio = f"{sp / pp:.2f}" if pp > 0 else "inf"
print(f"{n:<7} {n // int(m):<7} {p:<8.2f} {s:<8.2f} {pp:<8.1f} {sp:<8.1f} {ratio:<6} "
      f"{p50 + '/' + p99 + '/' + pmx:<17} {s50 + '/' + s99 + '/' + smx:<17} {ppr:<9} {spr:<9} {l0}/{l1}")
PY
  done
  exit 0
fi
{
  echo "# $(date -u +%FT%TZ) $(uname -r), $(nproc) cores; interval ${interval}s, window ${window}s," \
       "${dests} responder ports at nice +${resp_nice}, dispatcher sets of ${set_size}" \
       "$( (( keep_awake )) && echo ", CPUs kept awake (-k)")"
  echo "# this machine, idle: $(wake_floor)"
  echo "# gatewatch $(readlink -f "$gw") built $(date -u -r "$(readlink -f "$gw")" +%FT%TZ); tree $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
  printf '%-7s %-8s %-8s %-8s %-8s %-8s %-8s %-7s %-6s %-9s %-7s %-7s %-7s %-9s %-6s %-6s %-9s %-22s %-11s\n' targets \
    gw_cpu_s ds_cpu_s bare_cpu gw_us/pr ds_us/pr bare_us gw/bare ratio rss_B/tgt p50_us p99_us max_us ds_load_s \
    gw_dg ds_dg gw_probes bare_sent/ans/p99us load_s/e
} | tee -a "$out"
for n in "${sizes[@]}"; do
  l0=$(load1)
  run_gw "$n"
  run_bare "$n"
  if (( skip_ds )); then ds_ticks=0 ds_load_s=0 ds_dg=0; else run_dispatcher "$n"; fi
  l1=$(load1)
  python3 - "$n" "$gw_ticks" "$ds_ticks" "$bare_ticks" "$bare_late" "$clk" "$gw_rss" "$base_rss" "$gw_p50" "$gw_p99" "$gw_max" \
    "$interval" "$window" "$ds_load_s" "$gw_dg" "$ds_dg" "$gw_probes" "$l0" "$l1" <<'PY' | tee -a "$out"
import sys
(n, gt, dt, bt, blate, clk, rss, base, p50, p99, mx, interval, window, load_ms, gdg, ddg, gpr, l0, l1) = sys.argv[1:]
n, clk = int(n), int(clk)
g, d, b = int(gt) / clk, int(dt) / clk, int(bt) / clk
probes = n * float(window) / float(interval)
gp, dp, bp = g / probes * 1e6, d / probes * 1e6, b / probes * 1e6
ratio = f"{gp / dp:.2f}" if dp > 0 else "inf"
gbr = f"{gp / bp:.2f}" if bp > 0 else "inf"
rss_t = (int(rss) - int(base)) * 1024 / n
print(f"{n:<7} {g:<8.2f} {d:<8.2f} {b:<8.2f} {gp:<8.2f} {dp:<8.2f} {bp:<8.2f} {gbr:<7} {ratio:<6} {rss_t:<9.0f} "
      f"{p50:<7} {p99:<7} {mx:<7} {int(load_ms) / 1000:<9.2f} {int(gdg) / probes:<6.2f} {int(ddg) / probes:<6.2f} "
      f"{gpr:<9} {blate:<22} {l0}/{l1}")
PY
done
