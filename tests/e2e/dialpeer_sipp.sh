#!/usr/bin/env bash
# e2e: CUBE dial-peer OPTIONS keepalive against four SIPp UAS on loopback (UDP):
#   dial-peer 100 -> options_200, 200 -> options_503, 300 -> options_silent, 400 -> options_404.
# Asserts: dial-peer.down for 200 with reason "503" and for 300 with reason "timeout", with the
# address and transport; 100 and 400 (404 means alive on CUBE) never go down although probed
# several times; when 200's SIPp is replaced by a 200 responder, dial-peer.up for 200 (one
# success suffices: trigger 1). Then: a configuration of 10,000 more dial-peers (all on the
# 200 responder) passes `gatewatch check`, and with them loaded the 503 peer still goes down
# within the same deadline (probes of the others are not stalled); the probe send lateness p99
# logged at stop (%GATEWATCH-6-DIALPEER_STATS) is printed.
# SIGHUP reload of dial-peers is ops_reload_dialpeer.sh's.
# usage: dialpeer_sipp.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
need sipp

read -r p200 p503 psilent p404 < <(free_ports 4)
peer sipp.sh "$work/s200" options_200 -i 127.0.0.1 -p "$p200" -t u1
peer sipp.sh "$work/s503" options_503 -i 127.0.0.1 -p "$p503" -t u1
peer sipp.sh "$work/ssil" options_silent -i 127.0.0.1 -p "$psilent" -t u1
peer sipp.sh "$work/s404" options_404 -i 127.0.0.1 -p "$p404" -t u1

# dialpeer_config FILE [EXTRA_PEERS]
dialpeer_config() {
  local f=$1 extra=${2:-0}
  { printf 'voice class sip-options-keepalive 1\n up-interval 10\n down-interval 5\n retry 2\n!\n'
    local tag port
    for tag in 100 200 300 400; do
      case $tag in 100) port=$p200 ;; 200) port=$p503 ;; 300) port=$psilent ;; 400) port=$p404 ;; esac
      printf 'dial-peer voice %s voip\n session target ipv4:127.0.0.1:%s\n voice-class sip options-keepalive profile 1\n!\n' "$tag" "$port"
    done
    if (( extra > 0 )); then
      python3 - "$extra" "$p200" <<'PY'
import sys
n, port = int(sys.argv[1]), sys.argv[2]
out = []
for i in range(n):
    out.append(f"dial-peer voice {100000 + i} voip\n session target ipv4:127.0.0.1:{port}\n"
               f" voice-class sip options-keepalive profile 2\n!\n")
sys.stdout.write("voice class sip-options-keepalive 2\n up-interval 60\n!\n" + "".join(out))
PY
    fi
  } >"$f"
  "$gw" check -c "$f" >/dev/null || fail "config rejected by gatewatch check: $f"
}

dialpeer_attempts() {  # TAG OUTCOME: debug attempt lines of that dial-peer with that outcome
  grep -c "%SIP-7-DIALPEER_ATTEMPT: dial-peer $1 [^ ]* udp $2 " "$gw_log" || true
}

# --- part 1: four dial-peers, up 10 s / down 5 s / retry 2 at scale 0.02 (200 ms / 100 ms)
dialpeer_config "$work/gw.cfg"
gw_start "$work/gw.cfg" 0.02
line=$(await_event 10 event=dial-peer.down dial_peer=200 reason=503 "address=127.0.0.1:$p503" transport=udp)
echo "got: $line"
line=$(await_event 10 event=dial-peer.down dial_peer=300 reason=timeout "address=127.0.0.1:$psilent" transport=udp)
echo "got: $line"
deadline=$(( $(date +%s) + 15 ))
while (( $(dialpeer_attempts 400 ok) < 5 || $(dialpeer_attempts 100 ok) < 5 )); do
  (( $(date +%s) <= deadline )) || fail "dial-peers 100/400 were not probed 5 times"
  sleep 0.05
done
[[ $(count_events event=dial-peer.down dial_peer=100) == 0 ]] || fail "dial-peer 100 (200 OK) went down"
[[ $(count_events event=dial-peer.down dial_peer=400) == 0 ]] || fail "dial-peer 400 (404) went down"
grep -q "OPTIONS sip:127.0.0.1:$p404 SIP/2.0" "$work/s404/sipp_messages.log" || fail "SIPp 404 saw no OPTIONS"
grep -q "dial-peer 200 .*BUSYOUT (503)" "$gw_log" || fail "no IOS log line for dial-peer 200"
# A busied-out dial-peer keeps being probed at its down-interval: replace 503 by 200.
peer_stop sipp.sh "$work/s503"
peer sipp.sh "$work/s503b" options_200 -i 127.0.0.1 -p "$p503" -t u1
line=$(await_event 10 event=dial-peer.up dial_peer=200 "address=127.0.0.1:$p503" transport=udp)
echo "got: $line"
gw_stop
peer_stop sipp.sh "$work/s503b"
peer sipp.sh "$work/s503c" options_503 -i 127.0.0.1 -p "$p503" -t u1

# --- part 2: the same four plus 10,000 dial-peers on the 200 responder (up-interval 60 s).
dialpeer_config "$work/gw10k.cfg" 10000
grep -c '^dial-peer voice' "$work/gw10k.cfg" | grep -qx 10004 || fail "10k config not generated"
: >"$events"
gw_start "$work/gw10k.cfg" 0.1
line=$(await_event 20 event=dial-peer.down dial_peer=200 reason=503)
echo "with 10k more dial-peers: $line"
grep -q "OPTIONS keepalive started for 10004 dial-peers" "$gw_log" || fail "10004 dial-peers not started"
gw_stop
grep "DIALPEER_STATS" "$gw_log" || fail "no stats line"
echo "PASS: dial-peer keepalive: 503 and timeout go down, 200 and 404 stay up, recovery, 10k config"
