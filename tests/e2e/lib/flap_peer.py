#!/usr/bin/env python3
"""flap_peer.py — peers that change their behaviour at random, for the soak (tests/e2e/soak.sh).

usage: flap_peer.py --scale F --seconds WALL [--seed N] [--log FILE]
                    [--udp PORT ...] [--tcp PORT ...] [--ccm-control SOCK --ccms N]
                    [--console SOCK] [--mean-sip S] [--mean-dp S] [--mean-ccm S]
                    [--dp-ports N]

Everything listens on 127.0.0.1. Times given in protocol seconds are multiplied by --scale (as
gatewatch's --time-scale does), so a flap rate stays meaningful at any scale.
- SIP over UDP (--udp) and TCP (--tcp): each port answers OPTIONS according to its current
  behaviour: `answer` (200), `silence`, `503`, `garbage` (bytes that are no SIP response, or a
  response with a wrong Call-ID); TCP ports also `reset` (the connection is closed with an RST
  as soon as a request arrives, and at once for connections accepted in that state). The first
  --dp-ports UDP ports are the dial-peers' (mean time between changes --mean-dp protocol
  seconds), the other ports the sip-ua targets' (--mean-sip). Changes are a Poisson process per
  port; the next behaviour is drawn uniformly from the others.
- SCCP (--ccm-control): commands to a ccm-sim's control socket for CCMs 1..N at random
  (--mean-ccm): `silent`/`ack` (KeepAlives unanswered), `close` (connection dropped), a restart
  (`reset N 2`, or `refuse N` + `close N`, then `accept N` after a while), `reject`/`register`.
- Console clients (--console, gatewatch's control socket): a client connects every ~0.1 s of
  wall time, sends one to four show requests, and either reads every answer or hangs up early.
Every change is logged as "WALL-TIME KIND WHAT..." to --log. At the end (after --seconds, or on
SIGTERM) the counts are printed as one line: "FLAPS k=v ...". Exit 0.
"""
import argparse
import asyncio
import collections
import random
import signal
import socket
import struct
import sys
import time

SIP_BEHAVIOURS = ["answer", "silence", "503", "garbage"]
TCP_BEHAVIOURS = SIP_BEHAVIOURS + ["reset"]
CONSOLE_REQUESTS = ["show sip-ua keepalive", "show voice port summary", "show sccp",
                    "show sccp ccm group 1", "show dial-peer voice summary",
                    "show gatewatch statistics", "show running-config"]


class Peers:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.behaviour = {}
        self.counts = collections.Counter()
        self.log_file = open(args.log, "a") if args.log else None

    def log(self, *parts):
        if self.log_file:
            self.log_file.write(f"{time.time():.6f} " + " ".join(str(p) for p in parts) + "\n")

    def mean_wall(self, protocol_seconds):
        return protocol_seconds * self.args.scale

    async def flap(self, port, choices, mean):
        # Start answering so that every target is seen up once; then change at random.
        self.behaviour[port] = "answer"
        while True:
            await asyncio.sleep(self.rng.expovariate(1.0 / self.mean_wall(mean)))
            now = self.behaviour[port]
            nxt = self.rng.choice([b for b in choices if b != now])
            self.behaviour[port] = nxt
            self.counts[f"sip_{nxt}"] += 1
            self.log("sip", port, nxt)


def parse_request(data):
    head = data.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    lines = head.split("\r\n")
    if not lines or not lines[0].startswith("OPTIONS "):
        return None
    vias, hdr = [], {}
    compact = {"v": "via", "i": "call-id", "f": "from", "t": "to"}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep:
            continue
        name = compact.get(name.strip().lower(), name.strip().lower())
        if name == "via":
            vias.append(value.strip())
        else:
            hdr.setdefault(name, value.strip())
    return {"vias": vias, "call-id": hdr.get("call-id", ""), "cseq": hdr.get("cseq", ""),
            "from": hdr.get("from", ""), "to": hdr.get("to", "")}


def response(req, code, call_id=None):
    lines = [f"SIP/2.0 {code}"] + [f"Via: {v}" for v in req["vias"]] + [
        f"From: {req['from']}", f"To: {req['to']};tag=flap1",
        f"Call-ID: {call_id or req['call-id']}", f"CSeq: {req['cseq']}",
        "Server: gatewatch-e2e-flap", "Content-Length: 0"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def answer_for(peers, port, data):
    """The bytes to send back for one request on `port`, or None."""
    b = peers.behaviour.get(port, "answer")
    req = parse_request(data)
    if req is None or b == "silence":
        return None
    if b == "answer":
        return response(req, "200 OK")
    if b == "503":
        return response(req, "503 Service Unavailable")
    if peers.rng.random() < 0.5:
        return response(req, "200 OK", call_id="not-yours@flap")
    return bytes(peers.rng.getrandbits(8) for _ in range(peers.rng.randint(1, 200)))


class Udp(asyncio.DatagramProtocol):
    def __init__(self, peers, port):
        self.peers, self.port = peers, port

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        out = answer_for(self.peers, self.port, data)
        if out is not None:
            self.transport.sendto(out, addr)


async def tcp_conn(peers, port, reader, writer):
    def rst():
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()
        peers.counts["tcp_resets"] += 1

    buf = b""
    try:
        if peers.behaviour.get(port) == "reset":
            return rst()
        while True:
            data = await reader.read(65536)
            if not data:
                break
            buf += data
            while b"\r\n\r\n" in buf:
                msg, buf = buf.split(b"\r\n\r\n", 1)
                if peers.behaviour.get(port) == "reset":
                    return rst()
                out = answer_for(peers, port, msg + b"\r\n\r\n")
                if out is not None:
                    writer.write(out)
            if len(buf) > 65536:
                break
    except (ConnectionError, OSError, asyncio.CancelledError):
        pass
    finally:
        if not writer.transport.is_closing():
            writer.close()


async def ccm_flaps(peers, args):
    rng = peers.rng

    async def cmd(line):
        try:
            r, w = await asyncio.open_unix_connection(args.ccm_control)
            w.write((line + "\n").encode())
            await w.drain()
            while True:
                reply = await asyncio.wait_for(r.readline(), 5)
                if not reply or reply.startswith((b"ok", b"error")):
                    break
            w.close()
            peers.log("ccm", line, reply.decode().strip())
        except (OSError, asyncio.TimeoutError) as e:
            peers.log("ccm", line, "failed", e)

    async def one(n):
        while True:
            await asyncio.sleep(rng.expovariate(1.0 / peers.mean_wall(args.mean_ccm)))
            what = rng.choice(["silent", "close", "restart", "reset", "reject"])
            peers.counts[f"ccm_{what}"] += 1
            hold = rng.uniform(0.2, 1.5) * peers.mean_wall(args.mean_ccm)
            if what == "silent":
                await cmd(f"silent {n}")
                await asyncio.sleep(hold)
                await cmd(f"ack {n}")
            elif what == "close":
                await cmd(f"close {n}")
            elif what == "restart":
                await cmd(f"refuse {n}")
                await cmd(f"close {n}")
                await asyncio.sleep(hold)
                await cmd(f"accept {n}")
            elif what == "reset":
                await cmd(f"reset {n} 2")
            else:
                await cmd(f"reject {n}")
                await cmd(f"close {n}")
                await asyncio.sleep(hold)
                await cmd(f"register {n}")

    await asyncio.gather(*(one(n) for n in range(1, args.ccms + 1)))


async def console_clients(peers, args):
    rng = peers.rng
    while True:
        await asyncio.sleep(rng.uniform(0.05, 0.15))
        try:
            r, w = await asyncio.open_unix_connection(args.console, limit=1 << 24)
        except OSError:
            peers.counts["console_refused"] += 1
            continue
        peers.counts["console_clients"] += 1
        try:
            for _ in range(rng.randint(1, 4)):
                w.write((rng.choice(CONSOLE_REQUESTS) + "\n").encode())
                await w.drain()
                if rng.random() < 0.2:
                    peers.counts["console_hangups"] += 1
                    break
                line = await asyncio.wait_for(r.readline(), 10)
                if not line:
                    break
                peers.counts["console_answers"] += 1
        except (OSError, asyncio.TimeoutError, asyncio.LimitOverrunError, ValueError):
            peers.counts["console_errors"] += 1
        w.close()


async def run(args):
    peers = Peers(args)
    loop = asyncio.get_running_loop()
    tasks = []
    for i, port in enumerate(args.udp):
        await loop.create_datagram_endpoint(lambda p=port: Udp(peers, p), local_addr=("127.0.0.1", port))
        mean = args.mean_dp if i < args.dp_ports else args.mean_sip
        tasks.append(asyncio.ensure_future(peers.flap(port, SIP_BEHAVIOURS, mean)))
    for port in args.tcp:
        await asyncio.start_server(lambda r, w, p=port: tcp_conn(peers, p, r, w), "127.0.0.1", port)
        tasks.append(asyncio.ensure_future(peers.flap(port, TCP_BEHAVIOURS, args.mean_sip)))
    if args.ccm_control:
        tasks.append(asyncio.ensure_future(ccm_flaps(peers, args)))
    if args.console:
        tasks.append(asyncio.ensure_future(console_clients(peers, args)))
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    try:
        await asyncio.wait_for(stop.wait(), args.seconds)
    except asyncio.TimeoutError:
        pass
    for t in tasks:
        t.cancel()
    print("FLAPS " + " ".join(f"{k}={v}" for k, v in sorted(peers.counts.items())), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, required=True)
    ap.add_argument("--seconds", type=float, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--log")
    ap.add_argument("--udp", type=int, nargs="*", default=[])
    ap.add_argument("--tcp", type=int, nargs="*", default=[])
    ap.add_argument("--dp-ports", type=int, default=0)
    ap.add_argument("--ccm-control")
    ap.add_argument("--ccms", type=int, default=0)
    ap.add_argument("--console")
    ap.add_argument("--mean-sip", type=float, default=900)
    ap.add_argument("--mean-dp", type=float, default=7200)
    ap.add_argument("--mean-ccm", type=float, default=1800)
    asyncio.run(run(ap.parse_args()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
