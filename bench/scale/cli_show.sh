#!/usr/bin/env bash
# Cost of one show command over the control socket with N dial-peers configured (their profile
# `shutdown`: nothing probed, so only the console path is measured). Starts `gatewatch run` with
# a generated configuration and a control socket in a temporary directory, sends COUNT copies of
# COMMAND through one `gatewatch cli` session and prints the mean wall time per command, the
# daemon's CPU time per command (utime+stime from /proc: the io thread's cost, which delays
# probes), and the daemon's peak resident memory (VmHWM) before and after the commands.
# usage: bench/scale/cli_show.sh [-b BUILD_DIR] [-n N] [-k COUNT] [COMMAND]
#        (defaults: build, 100000, 20, "show sccp")
set -euo pipefail
build=build n=100000 count=20
while getopts b:n:k:h opt; do
  case $opt in
    b) build=$OPTARG ;; n) n=$OPTARG ;; k) count=$OPTARG ;;
    *) sed -n '2,7p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
cmd=${1:-show sccp}
gw=$build/gatewatch
[[ -x $gw ]] || { echo "cli_show.sh: no $gw (build it first)" >&2; exit 1; }
dir=$(mktemp -d)
pid=""
cleanup() { [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT INT TERM
python3 - "$n" > "$dir/gw.cfg" <<'PY'
import sys
n = int(sys.argv[1])
out = ["voice class sip-options-keepalive 1", " shutdown", "!"]
for i in range(1, n + 1):
    out += [f"dial-peer voice {i} voip", f" session target ipv4:127.0.0.1:{5060 + i % 8}",
            " voice-class sip options-keepalive profile 1", "!"]
print("\n".join(out))
PY
"$gw" run -c "$dir/gw.cfg" --control "$dir/ctl.sock" > /dev/null 2> "$dir/gw.err" &
pid=$!
for _ in $(seq 1200); do [[ -S $dir/ctl.sock ]] && break; sleep 0.05; done
[[ -S $dir/ctl.sock ]] || { cat "$dir/gw.err" >&2; exit 1; }
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hwm() { awk '/^VmHWM/ {print $2}' "/proc/$pid/status"; }
echo "show sccp" | "$gw" cli --control "$dir/ctl.sock" > /dev/null  # the session exists
cpu0=$(cpu) hwm0=$(hwm)
start=$(date +%s.%N)
for _ in $(seq "$count"); do echo "$cmd"; done | "$gw" cli --control "$dir/ctl.sock" > "$dir/out" || echo "(the cli session ended early)"
end=$(date +%s.%N)
cpu1=$(cpu) hwm1=$(hwm) tck=$(getconf CLK_TCK)
python3 -c "print('%d dial-peers, %d x \"%s\" over one cli session: %.1f ms per command, daemon CPU %.1f ms per command, peak RSS %d -> %d KiB, %d output lines' % ($n, $count, '''$cmd''', ($end - $start) * 1000 / $count, ($cpu1 - $cpu0) * 1000 / $tck / $count, $hwm0, $hwm1, $(wc -l < "$dir/out")))"
