#!/usr/bin/env python3
"""flap_responder.py — SIP OPTIONS over UDP on several ports, each port flapping.

  flap_responder.py --period S --port PORT [--port PORT]...

Port k (0-based, of K) answers every OPTIONS with 503 while ((t + k * S / K) mod S) < S / 2
and with 200 OK otherwise (t = time.time()): every port is down half of each period and up the
other half, the ports' flips spread evenly over the period, so a prober with an interval well
under S / 2 sees one down and one up transition per port and period, rarely two at once.
Binds 127.0.0.1 only. Prints "ready" once every socket is bound. Stops on SIGTERM/SIGINT.
Used by bench/kamailio/outage.sh (dial-peer.down -> Kamailio state changed latency).
"""
import argparse
import select
import signal
import socket
import sys
import time


def answer(data, code):
    head = data.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    lines = head.split("\r\n")
    if not lines or not lines[0].startswith("OPTIONS "):
        return None
    keep = []
    for line in lines[1:]:
        name = line.split(":", 1)[0].strip().lower()
        if name in ("via", "v", "from", "f", "call-id", "i", "cseq"):
            keep.append(line)
        elif name in ("to", "t"):
            keep.append(line if ";tag=" in line else line + ";tag=flap")
    reason = "OK" if code == 200 else "Service Unavailable"
    return (f"SIP/2.0 {code} {reason}\r\n" + "\r\n".join(keep) +
            "\r\nContent-Length: 0\r\n\r\n").encode()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--period", type=float, required=True)
    ap.add_argument("--port", type=int, action="append", required=True)
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    socks = []
    for p in args.port:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("127.0.0.1", p))
        socks.append(s)
    k_of = {s.fileno(): k for k, s in enumerate(socks)}
    n, period = len(socks), args.period
    print("ready", flush=True)
    while True:
        ready, _, _ = select.select(socks, [], [])
        for s in ready:
            try:
                data, src = s.recvfrom(65535)
            except OSError:
                continue
            k = k_of[s.fileno()]
            code = 503 if (time.time() + k * period / n) % period < period / 2 else 200
            out = answer(data, code)
            if out:
                s.sendto(out, src)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
