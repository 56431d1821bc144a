#!/usr/bin/env bash
# bench/scale/reload.sh — SIGHUP reload of a large dial-peer configuration while it is probed:
# how long the reload keeps the io thread busy and how late it makes the probes.
#
#   bench/scale/reload.sh [-b BUILD_DIR] [-i INTERVAL_S] [-r RELOADS] [-d DESTINATIONS] [-n NICE] [-p] N
#
# One responder Kamailio (tests/e2e/lib/kamailio.sh, sl_send_reply 200) listens on
# DESTINATIONS UDP ports of 127.0.0.1 (default 8), at niceness +NICE (default 19, as in run.sh:
# it stands in for remote servers; at 0 its 16 processes starve the daemon during the start-up
# burst and the figures measure the responder); N dial-peers (the generator of run.sh:
# voice class sip-options-keepalive 1, up-interval INTERVAL_S, default 10) are spread over them.
# Two runs of `gatewatch run` with the same configuration, each INTERVAL_S + 3 s of warm-up
# and then RELOADS x 5 s (default 4):
#   quiet:  nothing else happens;
#   reload: every 5 s, the file is rewritten (rename) with dial-peer 1's session target moved
#           to the next port, SIGHUP, and the run waits for the config.applied event.
#   -p:     the reloads change a profile instead: the first half of the dial-peers use profile
#           1, the rest profile 2, and each reload moves profile 1's up-interval between
#           INTERVAL_S and INTERVAL_S + 1, so N/2 dial-peers restart while N/2 go on probing.
# Each run ends with SIGTERM; its %GATEWATCH-6-DIALPEER_STATS line gives the probe lateness
# p50/p99/max over the whole run (a reload that stalls the io thread for X ms makes the probes
# due meanwhile — N / INTERVAL_S per second — X ms late, so it shows in max). The reload run
# also prints, per reload, the SIGHUP → config.applied time seen from outside and the daemon's
# own %SYS-5-CONFIG line (its timing of the part on the io thread, when the binary logs it).
# VmRSS after warm-up is printed for both runs. Needs kamailio.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lib=$root/tests/e2e/lib
build=$root/build
interval=10
reloads=4
dests=8
profile_change=0
resp_nice=19
while getopts "b:i:r:d:n:ph" o; do
  case $o in
    b) build=$OPTARG ;;
    i) interval=$OPTARG ;;
    r) reloads=$OPTARG ;;
    d) dests=$OPTARG ;;
    p) profile_change=1 ;;
    n) resp_nice=$OPTARG ;;
    *) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
n=${1:-100000}
gw=${GW:-$build/gatewatch}
[[ -x $gw ]] || { echo "no gatewatch at $gw (use -b BUILD_DIR or GW=binary)" >&2; exit 2; }
command -v kamailio >/dev/null || { echo "kamailio not installed" >&2; exit 2; }

work=$(mktemp -d /tmp/gw-bench-reload.XXXXXX)
gw_pid=""
cleanup() {
  set +e
  [[ -n $gw_pid ]] && kill -TERM "$gw_pid" 2>/dev/null && wait "$gw_pid" 2>/dev/null
  "$lib/kamailio.sh" stop "$work/responder" >/dev/null 2>&1
  [[ ${KEEP:-0} == 1 ]] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

read -r -a ports < <("$lib/freeport.py" -n "$dests" | paste -sd' ' -)
resp_args=()
for ((i = 0; i < dests; i++)); do resp_args+=(--udp "127.0.0.1:${ports[$i]}"); done
nice -n "$resp_nice" "$lib/kamailio.sh" start "$work/responder" "${resp_args[@]}" >/dev/null

gen_config() {  # FILE SHIFT: dial-peer 1 goes to port index SHIFT (with -p: profile 1's up-interval + SHIFT % 2)
  python3 - "$n" "$interval" "$2" "${ports[*]}" "$profile_change" >"$1.tmp" <<'PY'
import sys
n, interval, shift, ports, by_profile = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split(), sys.argv[5] == "1"
up1 = interval + (shift % 2 if by_profile else 0)
out = [f"voice class sip-options-keepalive 1\n up-interval {up1}\n down-interval {interval}\n!\n"]
if by_profile:
    out.append(f"voice class sip-options-keepalive 2\n up-interval {interval}\n down-interval {interval}\n!\n")
for i in range(n):
    port = ports[(i + (shift if i == 0 and not by_profile else 0)) % len(ports)]
    profile = 2 if by_profile and i >= n // 2 else 1
    out.append(f"dial-peer voice {i + 1} voip\n session target ipv4:127.0.0.1:{port}\n"
               f" voice-class sip options-keepalive profile {profile}\n!\n")
sys.stdout.write("".join(out))
PY
  mv "$1.tmp" "$1"
}

count_applied() { grep -c '"config.applied"' "$1" 2>/dev/null || true; }

run() {  # MODE (quiet|reload)
  local mode=$1 cfg=$work/gw.cfg log=$work/gw-$1.log ev=$work/events-$1.jsonl rss stats k t0 t1 want
  gen_config "$cfg" 0
  : >"$ev"
  "$gw" run -c "$cfg" --events "$ev" 2>"$log" &
  gw_pid=$!
  sleep $((interval + 3))
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$gw_pid/status")
  for ((k = 1; k <= reloads; k++)); do
    if [[ $mode == reload ]]; then
      gen_config "$cfg" "$k"
      want=$(( $(count_applied "$ev") + 1 ))
      t0=$(date +%s.%N)
      kill -HUP "$gw_pid"
      until (( $(count_applied "$ev") >= want )); do
        grep -q '"config.rejected"' "$ev" && { echo "reload rejected" >&2; exit 1; }
        sleep 0.01
      done
      t1=$(date +%s.%N)
      python3 -c "print(f'  reload $k: SIGHUP -> config.applied {($t1 - $t0) * 1000:.0f} ms (seen by the script, 10 ms polling)')"
      sleep 5
    else
      sleep 5
    fi
  done
  kill -TERM "$gw_pid"; wait "$gw_pid" || true; gw_pid=""
  grep -o '%SYS-5-CONFIG.*' "$log" | sed 's/^/  /' || true
  stats=$(grep -o 'DIALPEER_STATS: .*' "$log" | tail -1)
  echo "$mode: VmRSS ${rss} KiB after warm-up; $stats"
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $n dial-peers, interval ${interval}s, responder at nice +${resp_nice}, $reloads reloads$( ((profile_change)) && echo ", each changing the profile of $((n / 2))")"
run quiet
run reload
