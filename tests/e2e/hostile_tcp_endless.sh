#!/usr/bin/env bash
# Hostile TCP peer: answers an OPTIONS with a status line and a header that never ends (4 KiB
# every 0.5 ms, small send buffer). gatewatch must cut the connection at its framing bound
# (sip::StreamFramer: a message larger than kMaxMessageBytes is refused) and fail the attempt.
# Asserts: the peer sees the connection closed after less than 512 KiB (bound + socket buffers;
# the figure is printed); sip.target.down for the TCP target; RSS growth from the first cut to the 10th under 8 MiB.
# usage: hostile_tcp_endless.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/fault_common.sh"

scale=0.05 port=5070
peer_b endless python3 "$lib/hostile_peer.py" sip --tcp "$ADDR_B:$port" --mode endless --log "$work/peer.log"
await_line 10 "$work/peer.log" ' ready$'
sip_ua_config "$work/gw.cfg" "keepalive target ipv4:$ADDR_B:$port tcp" \
  "timers keepalive active 10 down 1" "retry keepalive 6"
gw_start "$work/gw.cfg" "$scale"
dn=$(await_event 20 event=sip.target.down target=primary transport=tcp)
await_line 10 "$work/peer.log" ' endless-cut '
cut=$(awk '$2 == "endless-cut" {print $3, $4; exit}' "$work/peer.log")
read -r bytes how <<<"$cut"
rss_start=$(gw_rss_kb)
# Several more cut connections (down-interval attempts), then memory again.
deadline=$(( $(date +%s) + 20 ))
while (( $(grep -c ' endless-cut ' "$work/peer.log") < 10 )); do
  (( $(date +%s) < deadline )) || fail "fewer than 10 endless connections cut within 20 s"
  sleep 0.1
done
cuts=$(grep -c ' endless-cut ' "$work/peer.log")
maxcut=$(awk '$2 == "endless-cut" && $3 > m {m = $3} END {print m}' "$work/peer.log")
rss_end=$(gw_rss_kb)
hwm=$(gw_hwm_kb)
reason=$(field "$dn" reason)
gw_stop
echo "endless header: first connection closed by gatewatch after the peer sent $bytes bytes ($how);" \
  "$cuts connections cut, largest $maxcut bytes; down reason $reason; RSS $rss_start -> $rss_end KiB (peak $hwm KiB)"
figure "first_cut_bytes=$bytes" "max_cut_bytes=$maxcut" "cuts=$cuts" "reason=$reason" \
  "rss_start_kb=$rss_start" "rss_end_kb=$rss_end" "rss_peak_kb=$hwm"
[[ $how != limit ]] || fail "the peer sent 64 MiB without the connection being cut"
(( maxcut < 512 * 1024 )) || fail "connection cut only after $maxcut bytes"
(( rss_end - rss_start < 8192 )) || fail "RSS grew by $(( rss_end - rss_start )) KiB"
echo "PASS: endless header cut at the bound ($maxcut bytes at most), attempt failed, memory bounded"
