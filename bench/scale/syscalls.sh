#!/usr/bin/env bash
# bench/scale/syscalls.sh — system calls and context switches per probe of gatewatch with N
# dial-peers answered by the responder Kamailio, counted by `perf stat` tracepoints.
#
#   bench/scale/syscalls.sh [-b BUILD_DIR] [-i INTERVAL_S] [-w WINDOW_S] [-n RESPONDER_NICE] N
#
# Same set-up as run.sh (8 responder ports, up-interval INTERVAL_S, default 10 s): after a
# warm-up of INTERVAL_S + 3 s, `perf stat -p` counts epoll_wait, recvmmsg, sendmmsg,
# timerfd_settime, epoll_ctl and context switches over WINDOW_S (default 10 s), divided by the
# nominal probe count N * WINDOW_S / INTERVAL_S. Less noisy than CPU time on a shared machine:
# it shows how many wake-ups and system calls a probe costs. Needs perf (Debian: linux-perf)
# and root (or perf_event_paranoid <= 1).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lib=$root/tests/e2e/lib
build=$root/build interval=10 window=10 resp_nice=19
while getopts "b:i:w:n:h" o; do
  case $o in
    b) build=$OPTARG ;;
    i) interval=$OPTARG ;;
    w) window=$OPTARG ;;
    n) resp_nice=$OPTARG ;;
    *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; [[ $o == h ]] && exit 0 || exit 2 ;;
  esac
done
shift $((OPTIND - 1))
n=${1:-}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "syscalls.sh: give the number of dial-peers" >&2; exit 2; }
command -v perf >/dev/null || { echo "syscalls.sh: perf not installed (apt-get install linux-perf)" >&2; exit 2; }
[[ -x $build/gatewatch ]] || { echo "syscalls.sh: no gatewatch in $build" >&2; exit 2; }

work=$(mktemp -d /tmp/gw-bench-syscalls.XXXXXX)
pid=""
cleanup() {
  set +e
  [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  "$lib/kamailio.sh" stop "$work/responder" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

read -r -a ports < <("$lib/freeport.py" -n 8 | paste -sd' ' -)
args=()
for p in "${ports[@]}"; do args+=(--udp "127.0.0.1:$p"); done
nice -n "$resp_nice" "$lib/kamailio.sh" start "$work/responder" "${args[@]}" >/dev/null
"$here/dial-peers.py" "$n" "$interval" "${ports[@]}" >"$work/gw.cfg"
"$build/gatewatch" run -c "$work/gw.cfg" 2>"$work/gw.log" &
pid=$!
sleep $((interval + 3))
kill -0 "$pid" 2>/dev/null || { echo "syscalls.sh: gatewatch exited:" >&2; tail "$work/gw.log" >&2; exit 1; }
events=context-switches
for s in epoll_wait recvmmsg sendmmsg timerfd_settime epoll_ctl; do events+=",syscalls:sys_enter_$s"; done
perf stat -x, -e "$events" -p "$pid" -- sleep "$window" 2>"$work/stat.txt"
echo "# $n dial-peers, up-interval ${interval}s, ${window}s window, responder at nice +$resp_nice; per nominal probe:"
awk -F, -v probes=$((n * window / interval)) '$1 ~ /^[0-9]+$/ {printf "%-36s %7.3f\n", $3, $1 / probes}' "$work/stat.txt"
