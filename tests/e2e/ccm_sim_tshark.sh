#!/usr/bin/env bash
# End-to-end: SCCP as gatewatch puts it on the wire, checked by Wireshark's dissector.
# Starts ccm-sim (two CCMs on loopback), runs its client mode (gw::sccp::CcmSession) against
# them, captures with tshark and checks that every TCP payload decodes as skinny, that none is
# malformed and that tshark has no expert info, and that every message id of the keepalive set
# was seen: KeepAlive, Register, IpPort, CapabilitiesRes, Unregister (device) and RegisterAck,
# CapabilitiesReq, RegisterReject, Reset, KeepAliveAck, UnregisterAck (CCM).
#
# usage: tests/e2e/ccm_sim_tshark.sh [PATH/TO/ccm-sim]   (default: build/ccm-sim, or $CCM_SIM)
# Needs root (live capture on lo), tshark and python3. Exit 0 pass, 1 fail, 77 skipped.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
sim=${1:-${CCM_SIM:-$here/../../build/ccm-sim}}
[[ -x $sim ]] || { echo "SKIP: ccm-sim not found at $sim"; exit 77; }
command -v tshark >/dev/null || { echo "SKIP: tshark not installed"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 not installed"; exit 77; }
[[ $(id -u) -eq 0 ]] || { echo "SKIP: live capture needs root"; exit 77; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- ccm-sim output"; cat "$work/sim.out" || true; exit 1; }

# Two free loopback ports (ask the kernel).
read -r p1 p2 < <(python3 -c '
import socket
ss=[socket.socket() for _ in range(2)]
for s in ss: s.bind(("127.0.0.1",0))
print(*[s.getsockname()[1] for s in ss])')
pcap=$work/sccp.pcapng
ctl=$work/ccm.sock

tshark -i lo -f "tcp port $p1 or tcp port $p2" -w "$pcap" >"$work/tshark.out" 2>&1 &
pids+=($!)
tshark_pid=$!
for _ in $(seq 100); do grep -q "Capturing on" "$work/tshark.out" && break; sleep 0.1; done
grep -q "Capturing on" "$work/tshark.out" || fail "tshark did not start: $(cat "$work/tshark.out")"

"$sim" --listen "127.0.0.1:$p1" --listen "127.0.0.1:$p2" --keepalive-interval 1 \
  --secondary-interval 2 --control "$ctl" </dev/null >"$work/sim.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [[ -S $ctl ]] && break; sleep 0.1; done
[[ -S $ctl ]] || fail "ccm-sim control socket missing"

control() {  # one command on the control socket; prints the reply
  python3 - "$ctl" "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall((sys.argv[2] + "\n").encode())
buf = b""
while not buf.endswith(b"ok\n") and not buf.startswith(b"error"):
    chunk = s.recv(4096)
    if not chunk: break
    buf += chunk
print(buf.decode(), end="")
PY
}
await() {  # await a line in the simulator output
  for _ in $(seq 100); do grep -q "$1" "$work/sim.out" && return 0; sleep 0.1; done
  fail "timed out waiting for: $1"
}

# 1. Register, CapabilitiesReq/Res, IpPort, KeepAlive/Ack, Reset → re-register, Unregister/Ack.
"$sim" --client "127.0.0.1:$p1" --device CFB1 --type 50 --keepalives 4 >"$work/client1.out" 2>&1 &
client1=$!
await "ccm=1 rx IpPort"
[[ $(control "reset 1") == ok ]] || fail "reset command"
wait "$client1" || fail "client 1 exited $? ($(cat "$work/client1.out"))"
grep -q "ccm=1 rx Unregister" "$work/sim.out" || fail "no Unregister"
[[ $(grep -c "ccm=1 rx Register device=CFB1 type=50" "$work/sim.out") -ge 2 ]] || fail "no re-register after Reset"

# 2. RegisterReject on CCM 2: the client gives up after its registration retries.
[[ $(control "reject 2") == ok ]] || fail "reject command"
if "$sim" --client "127.0.0.1:$p2" --device MTP1 --type 110 --keepalives 1 >"$work/client2.out" 2>&1; then
  fail "client 2 registered although CCM 2 rejects"
fi
grep -q "reason=rejected" "$work/client2.out" || fail "client 2: $(cat "$work/client2.out")"

sleep 0.5
kill -INT "$tshark_pid"
wait "$tshark_pid" 2>/dev/null || true

decode=(-r "$pcap" -d "tcp.port==$p1,skinny" -d "tcp.port==$p2,skinny")
tshark "${decode[@]}" -Y 'tcp.len > 0' -T fields -e frame.number -e skinny.messageId -e _ws.malformed \
  >"$work/fields.txt"
[[ -s $work/fields.txt ]] || fail "no SCCP payload captured"
bad=$(awk -F'\t' '$2 == "" || $3 != ""' "$work/fields.txt")
[[ -z $bad ]] || { tshark "${decode[@]}" -V | tail -80; fail "unrecognised or malformed frames: $bad"; }
# TCP itself tags SYN/FIN with chat and note expert info (connection establish/closing);
# any expert info on a skinny frame, or a warning or error anywhere, is a failure.
expert=$(tshark "${decode[@]}" -Y '(_ws.expert && skinny) || _ws.expert.severity >= 0x600000')
[[ -z $expert ]] || fail "tshark expert info: $expert"

seen=$(cut -f2 "$work/fields.txt" | tr ',' '\n' | sort -un | tr '\n' ' ')
for id in 0 1 2 16 39 129 155 157 159 256 280; do
  [[ " $seen" == *" $id "* ]] || fail "message id $id not on the wire (seen: $seen)"
done
names=$(tshark "${decode[@]}" -Y skinny.DeviceName -T fields -e skinny.DeviceName | sort -u | tr '\n' ' ')
[[ $names == *CFB1* && $names == *MTP1* ]] || fail "device names not decoded: $names"
ka=$(tshark "${decode[@]}" -Y skinny.keepAliveInterval -T fields -e skinny.keepAliveInterval \
  -e skinny.secondaryKeepAliveInterval | sort -u | head -1)
[[ $ka == $'1\t2' ]] || fail "RegisterAck intervals decoded as '$ka'"

echo "PASS: $(wc -l <"$work/fields.txt") SCCP segments, message ids: $seen, none malformed"
