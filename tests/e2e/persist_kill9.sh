#!/usr/bin/env bash
# Persistence: `kill -9` during `write memory` leaves the old file or the new one, never a torn
# one. A large configuration (PORTS voice ports with long descriptions, ~0.8 MB) is edited by
# `gatewatch shell -c FILE` (one description changed, then `write memory`); each round first
# runs the same input on a copy to learn the new text and the time a full run takes, then runs
# it on the real file and sends SIGKILL at a random moment within 1.2 x that time.
# After each kill: FILE equals the old or the new text byte for byte, and `gatewatch check -c
# FILE` exits 0. Prints the counts (old kept, new written, torn) and leftovers beside the file.
# usage: persist_kill9.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
figure() { echo "FIGURE $*"; }

rounds=${ROUNDS:-20} ports=${PORTS:-2000}
cfg=$work/cfg/gw.cfg
mkdir -p "$work/cfg" "$work/copy"
python3 - "$ports" >"$work/big.cfg" <<'PY'
import sys
n = int(sys.argv[1])
for i in range(n):
    print(f"voice-port {i // 64}/{(i // 8) % 8}/{i % 8}")
    print(f" description {'port %05d ' % i}{'x' * 220}")
    print(" busyout monitor keepalive")
    print("!")
PY
"$gw" check -c "$work/big.cfg" >"$cfg" || fail "generated config rejected"
old_kept=0 new_written=0 torn=0
for r in $(seq "$rounds"); do
  printf 'configure terminal\nvoice-port 0/0/1\n description round %s %s\nend\nwrite memory\n' \
    "$r" "$RANDOM$RANDOM" >"$work/input"
  cp "$cfg" "$work/old"
  cp "$cfg" "$work/copy/gw.cfg"
  t0=$(date +%s%N)
  "$gw" shell -c "$work/copy/gw.cfg" <"$work/input" >/dev/null || fail "shell failed on the copy"
  dur_ns=$(( $(date +%s%N) - t0 ))
  cp "$work/copy/gw.cfg" "$work/new"
  cmp -s "$work/old" "$work/new" && fail "round $r: the edit did not change the file"
  # The kill moment is the fault being injected, not a synchronisation.
  delay=$(python3 -c "import random; print(f'{random.uniform(0, 1.2 * $dur_ns / 1e9):.4f}')")
  "$gw" shell -c "$cfg" <"$work/input" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if cmp -s "$cfg" "$work/old"; then old_kept=$((old_kept + 1))
  elif cmp -s "$cfg" "$work/new"; then new_written=$((new_written + 1))
  else torn=$((torn + 1)); cp "$cfg" "$work/torn.$r"; fi
  "$gw" check -c "$cfg" >/dev/null 2>&1 || fail "round $r: gatewatch check rejects the file after kill -9"
done
size=$(stat -c %s "$cfg")
leftovers=$(cd "$work/cfg" && ls -A | grep -v '^gw\.cfg$' | paste -sd' ' - || true)
echo "kill -9 during write memory: $rounds rounds on a $size-byte file: old kept $old_kept," \
  "new written $new_written, torn $torn; files beside it: ${leftovers:-none}"
figure "rounds=$rounds" "bytes=$size" "old=$old_kept" "new=$new_written" "torn=$torn"
[[ $torn -eq 0 ]] || fail "$torn torn files"
echo "PASS: never torn ($old_kept old, $new_written new)"
