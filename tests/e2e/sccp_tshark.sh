#!/usr/bin/env bash
# End-to-end: `gatewatch run`'s SCCP on the wire, both directions, checked by Wireshark's
# skinny dissector (tshark -d tcp.port==P,skinny). A session with registration of three
# profiles (types 50/110/111), KeepAlives, a Reset (re-registration), a keepalive switchover
# (`silent 1`), a switchback with Unregister/UnregisterAck (`ack 1`); CCM 2 refuses
# connections at first until it is reported down (refused), then accepts. Asserts: every TCP
# payload decodes as skinny, none malformed, no expert info on skinny frames; message ids
# seen: KeepAlive 0, Register 1, CapabilitiesRes 16, Unregister 39 (gatewatch) and RegisterAck 129,
# CapabilitiesReq 155, Reset 159, KeepAliveAck 256, UnregisterAck 280 (ccm-sim); device names
# and types decoded; the refused connection attempts to CCM 2 (SYNs) are spaced by
# `connect interval` × time scale (median printed, within [-3, +15] ms).
#
# usage: tests/e2e/sccp_tshark.sh PATH/TO/gatewatch PATH/TO/ccm-sim
# Needs root (live capture on lo) and tshark. Exit 0 pass, 1 fail, 77 skipped.
set -euo pipefail
gw=${1:-} sim=${2:-}
command -v tshark >/dev/null || { echo "SKIP: tshark not installed"; exit 77; }
[[ $(id -u) -eq 0 ]] || { echo "SKIP: live capture needs root"; exit 77; }
source "$(dirname "$0")/sccp_common.sh"

scale=0.02 ka=3 ci=4 cr=4   # KeepAlives every 60 ms, connect attempts every 80 ms
sim_start 2 --keepalive-interval "$ka" --secondary-interval "$ka"
pcap=$work/sccp.pcapng
tshark -i lo -f "tcp port ${ports[1]} or tcp port ${ports[2]}" -w "$pcap" >"$work/tshark.out" 2>&1 &
tshark_pid=$!
for _ in $(seq 100); do grep -q "Capturing on" "$work/tshark.out" && break; sleep 0.1; done
grep -q "Capturing on" "$work/tshark.out" || fail "tshark did not start: $(cat "$work/tshark.out")"

group_config <<CFG
 associate profile 1 register CFB1
 associate profile 2 register MTP1
 associate profile 3 register XCODE1
 connect retries $cr
 connect interval $ci
 switchover method immediate
 switchback method immediate
!
dspfarm profile 1 conference
 associate application SCCP
!
dspfarm profile 2 mtp
 associate application SCCP
!
dspfarm profile 3 transcode
 associate application SCCP
!
CFG
sim_cmd "refuse 2" >/dev/null
gw_start "$scale"
_r=$(ev_wait 5 event=sccp.ccm.registered ccm=1 device=XCODE1); read -r ev _ <<<"$_r"
ev_wait 5 event=sccp.ccm.down ccm=2 reason=refused >/dev/null
_r=$(sim_cmd "accept 2"); read -r _ t_accept <<<"$_r"
sim_wait 5 '^ccm=2 rx KeepAlive' >/dev/null
_r=$(sim_cmd "reset 1"); read -r line _ <<<"$_r"
sim_wait -a "$line" 5 '^ccm=1 rx Register device=XCODE1' >/dev/null
sim_cmd "silent 1" >/dev/null
_r=$(ev_wait -a "$ev" 5 event=sccp.switchover from=1 to=2); read -r ev _ <<<"$_r"
ev_wait -a "$ev" 5 event=sccp.ccm.registered ccm=2 device=XCODE1 >/dev/null
sim_cmd "ack 1" >/dev/null
_r=$(ev_wait -a "$ev" 5 event=sccp.switchback from=2 to=1); read -r ev _ <<<"$_r"
ev_wait -a "$ev" 5 event=sccp.ccm.registered ccm=1 device=XCODE1 >/dev/null
sim_wait 5 '^ccm=2 rx Unregister' >/dev/null
gw_stop
sleep 0.3   # let tshark write the last packets before it is stopped (not a synchronisation)
kill -INT "$tshark_pid"
wait "$tshark_pid" 2>/dev/null || true
tshark_pid=""

decode=(-r "$pcap" -d "tcp.port==${ports[1]},skinny" -d "tcp.port==${ports[2]},skinny")
tshark "${decode[@]}" -Y 'tcp.len > 0' -T fields -e frame.number -e skinny.messageId -e _ws.malformed \
  >"$work/fields.txt"
[[ -s $work/fields.txt ]] || fail "no SCCP payload captured"
bad=$(awk -F'\t' '$2 == "" || $3 != ""' "$work/fields.txt")
[[ -z $bad ]] || { tshark "${decode[@]}" -V | tail -60 >&2; fail "unrecognised or malformed frames: $bad"; }
# TCP tags SYN/FIN (chat, note) and the RSTs that refuse connections to CCM 2 (warning):
# those are the scenario; any expert info on a skinny frame, or other warnings, fail.
expert=$(tshark "${decode[@]}" -Y '(_ws.expert && skinny) || (_ws.expert.severity >= 0x600000 && tcp.flags.reset == 0)')
[[ -z $expert ]] || fail "tshark expert info: $expert"
seen=$(cut -f2 "$work/fields.txt" | tr ',' '\n' | sort -un | tr '\n' ' ')
for id in 0 1 16 39 129 155 159 256 280; do
  [[ " $seen" == *" $id "* ]] || fail "message id $id not on the wire (seen: $seen)"
done
regs=$(tshark "${decode[@]}" -Y 'skinny.messageId == 1' -T fields -e skinny.DeviceName -e skinny.deviceType |
  python3 -c 'import sys; print(" ".join(sorted({"%s:%d" % (n, int(t, 0)) for n, t in (l.split() for l in sys.stdin)})))')
regs="$regs "
for want in CFB1:50 MTP1:110 XCODE1:111; do
  [[ " $regs" == *" $want "* || $regs == "$want "* ]] || fail "Register $want not decoded (got: $regs)"
done

# Refused attempts to CCM 2 before `accept 2`: SYNs to its port, their spacing.
syn_ms=$(tshark -r "$pcap" -Y "tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.dstport == ${ports[2]} && frame.time_epoch < $t_accept" \
  -T fields -e frame.time_epoch | python3 -c '
import sys, statistics
t = [float(x) for x in sys.stdin]
d = [(b - a) * 1000 for a, b in zip(t, t[1:])]
print("%.1f %d" % (statistics.median(d), len(t)) if d else "nan 0")')
read -r median nsyn <<<"$syn_ms"
period=$(python3 -c "print(round($ci*$scale*1000, 3))")
echo "refused connection attempts to CCM 2: $nsyn SYNs, median spacing ${median} ms (connect interval ${period} ms)"
((nsyn >= cr)) || fail "only $nsyn connection attempts to the refusing CCM 2"
within "$median" "$(python3 -c "print($period-3)")" "$(python3 -c "print($period+15)")" || fail "SYN spacing $median ms"

echo "PASS: $(wc -l <"$work/fields.txt") SCCP segments, message ids: $seen, none malformed; Registers: $regs"
