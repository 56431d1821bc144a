#!/usr/bin/env python3
"""loss_audit.py — decides, for a lossy run, whether any failed attempt was a false one.

usage: loss_audit.py GW_ATTEMPTS PCAP TIMEOUT ROLE=PEERLOG[,PORT] ...

GW_ATTEMPTS: lines "epoch role outcome successes" (sip_common.sh's `attempts`), one per
finished attempt. PCAP: a classic pcap (dumpcap -P, both directions) taken inside gatewatch's namespace on
its veth, so it holds every request gatewatch sent and only the answers delivered to it. TIMEOUT: the scaled attempt timeout.
Each ROLE=PEERLOG names the hostile_peer.py log of the peer that target probes.

For every failed attempt of ROLE ending at T: the peer's log gives the branches of requests
it received in [T - TIMEOUT - 5 ms, T]; the attempt was failed for real when no 200 OK carrying
one of those branches reached gatewatch (is in the capture) before T. A failed attempt whose
answer did reach gatewatch in time is a FALSE failure. Prints one line of figures:
  attempts= failed= false_failed= requests_sent= (by gatewatch, in the capture)
  transmissions= (requests the peers received) answers_sent= answers_delivered= (in the capture)
and exits 1 when false_failed > 0.
"""
import collections
import re
import struct
import sys


def pcap_responses(path, counts):
    """(epoch, branch) of every SIP 200 with a Via branch in the capture; counts["requests"]
    and counts["responses"] get the number of OPTIONS and of SIP responses seen."""
    out = []
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return out
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    nano = magic in (0xA1B23C4D, 0x4D3CB2A1)
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    off = 24
    while off + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack(endian + "IIII", data[off:off + 16])
        pkt = data[off + 16:off + 16 + incl]
        off += 16 + incl
        ts = sec + frac / (1e9 if nano else 1e6)
        if linktype == 1:  # Ethernet
            if len(pkt) < 14 or pkt[12:14] != b"\x08\x00":
                continue
            ip = pkt[14:]
        elif linktype == 113:  # Linux cooked
            ip = pkt[16:]
        else:
            ip = pkt
        if len(ip) < 20 or ip[9] != 17:
            continue
        ihl = (ip[0] & 15) * 4
        payload = ip[ihl + 8:]
        if payload.startswith(b"OPTIONS "):
            counts["requests"] += 1
        elif payload.startswith(b"SIP/2.0 "):
            counts["responses"] += 1
        if not payload.startswith(b"SIP/2.0 200"):
            continue
        m = re.search(rb"branch=([^;\r\n ]+)", payload)
        if m:
            out.append((ts, m.group(1).decode()))
    return out


def main():
    if len(sys.argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    gw_path, pcap, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
    recv = collections.defaultdict(list)  # role -> [(t, branch)]
    sent = 0
    for spec in sys.argv[4:]:
        role, path = spec.split("=", 1)
        for line in open(path):
            f = line.split()
            if len(f) >= 5 and f[1] == "recv":
                recv[role].append((float(f[0]), f[4]))
            elif len(f) >= 5 and f[1] in ("sent", "dropped-out"):  # answers the peer tried
                sent += 1
    delivered = {}  # branch -> first delivery time
    counts = {"requests": 0, "responses": 0}
    for ts, br in pcap_responses(pcap, counts):
        delivered.setdefault(br, ts)
    attempts = failed = false_failed = 0
    for line in open(gw_path):
        f = line.split()
        if len(f) < 3 or f[1] not in recv:
            continue
        attempts += 1
        if f[2] == "ok":
            continue
        failed += 1
        end = float(f[0])
        branches = {b for t, b in recv[f[1]] if end - timeout - 0.005 <= t <= end}
        # The gatewatch log has ms resolution; allow 2 ms of slack on the delivery side.
        if any(b in delivered and delivered[b] < end - 0.002 for b in branches):
            false_failed += 1
            print(f"false failure: {f[1]} attempt ending {end:.3f}, delivered {sorted(branches)}",
                  file=sys.stderr)
    transmissions = sum(len(v) for v in recv.values())
    print(f"attempts={attempts} failed={failed} false_failed={false_failed} "
          f"requests_sent={counts['requests']} transmissions={transmissions} answers_sent={sent} "
          f"answers_delivered={counts['responses']}")
    return 1 if false_failed else 0


if __name__ == "__main__":
    sys.exit(main())
