#!/usr/bin/env python3
"""hostile_peer.py — SIP/SCCP peers for the fault and hostile-peer end-to-end tests.

  hostile_peer.py sip --udp HOST:PORT [--tcp HOST:PORT] --log FILE
                  [--mode answer|silent|hostile|endless] [--answer-first N] [--alt-addr IP]
  hostile_peer.py flood --to HOST:PORT --rate PPS --seconds S [--log FILE]
  hostile_peer.py sccp-liar --listen HOST:PORT --log FILE
  hostile_peer.py delay-proxy --listen HOST:PORT --to HOST:PORT --delay S --jitter S [--log FILE]

sip: a SIP OPTIONS responder. Every line of --log starts with time.time():
  T recv PROTO SRC BRANCH CALL-ID CSEQ    each request received (every retransmission)
  T sent PROTO DST BRANCH                 each 200 OK sent
  T dropped-out PROTO DST BRANCH          a 200 OK dropped by B's output chain (EPERM)
  T forged KIND DST                       each forged response (hostile mode)
  T endless-cut SENT_BYTES HOW            endless mode: the peer saw the connection closed
  T ready                                 sockets bound (start is awaited on this line)
Modes (after the first --answer-first N distinct transactions, which are answered normally):
  answer   answer every request with 200 OK (what a healthy server does);
  silent   answer nothing;
  hostile  never answer for real; for each request received send forged responses that must
           not match: right Call-ID/CSeq with a wrong Via branch; the correct response from
           another port; the correct response from another address (--alt-addr, same port);
           a replay of the last real response sent (an older transaction); a response to a
           request not sent yet (CSeq + 1, next branch) — "response before the request";
  endless  (TCP) answer with a status line and headers that never end, 4 KiB at a time, until
           the client closes the connection; logs how many bytes went out before that.
flood: garbage datagrams (random lengths 1..1400, random bytes, ~1/4 of them starting with
  "SIP/2.0 200 OK") at --rate per second for --seconds; logs "T flood SENT" at the end.
delay-proxy: a UDP relay (one client) that holds every datagram, each way, for a delay drawn
  uniformly from [S - jitter, S + jitter] (packets may reorder, as with netem jitter); used where
  the kernel has no netem. Logs "T delayed N MIN MAX" every 100 datagrams.
sccp-liar: an SCCP "CallManager" that answers the first bytes of a connection with a header
  whose data_length is 0x7fffffff (a lie) and then a trickle of bytes; logs
  "T sccp-closed SENT_BYTES HOW" when the client drops the connection.
"""
import argparse
import os
import random
import select
import socket
import struct
import sys
import time


def hp(s):
    host, _, port = s.rpartition(":")
    return host.strip("[]"), int(port)


class Log:
    def __init__(self, path):
        self.f = open(path, "a", buffering=1) if path else sys.stdout

    def __call__(self, *parts):
        self.f.write(f"{time.time():.6f} " + " ".join(str(p) for p in parts) + "\n")


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
        value = value.strip()
        if name == "via":
            vias.append(value)
        else:
            hdr.setdefault(name, value)
    branch = ""
    if vias:
        for p in vias[0].split(";")[1:]:
            k, _, v = p.partition("=")
            if k.strip().lower() == "branch":
                branch = v.strip()
    return {"vias": vias, "branch": branch, "call-id": hdr.get("call-id", ""),
            "cseq": hdr.get("cseq", ""), "from": hdr.get("from", ""), "to": hdr.get("to", "")}


def build_response(req, via0=None, cseq=None, code="200 OK"):
    vias = list(req["vias"])
    if via0 is not None and vias:
        vias[0] = via0
    lines = [f"SIP/2.0 {code}"] + [f"Via: {v}" for v in vias] + [
        f"From: {req['from']}", f"To: {req['to']};tag=hostile1",
        f"Call-ID: {req['call-id']}", f"CSeq: {cseq or req['cseq']}",
        "Server: gatewatch-e2e-hostile", "Content-Length: 0"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def sip(args):
    log = Log(args.log)
    socks = []
    udp = alt_port = alt_addr = None
    if args.udp:
        host, port = hp(args.udp)
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind((host, port))
        alt_port = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        alt_port.bind((host, 0))
        if args.alt_addr:
            alt_addr = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            alt_addr.bind((args.alt_addr, port))
        socks.append(udp)
    lst = None
    if args.tcp:
        lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        lst.bind(hp(args.tcp))
        lst.listen(16)
        socks.append(lst)
    log("ready")
    answered = []  # distinct branches answered normally, in order
    last_real = None
    conns = {}  # tcp socket -> buffer

    def send(sock, data, dst):
        """sendto; False when the namespace's output chain dropped it (EPERM) or it failed."""
        try:
            sock.sendto(data, dst)
            return True
        except OSError:
            return False

    def normal(branch):
        if branch in answered:
            return True
        if len(answered) < args.answer_first or args.mode == "answer":
            answered.append(branch)
            return True
        return False

    def on_udp(data, src):
        nonlocal last_real
        req = parse_request(data)
        if req is None:
            return
        log("recv", "udp", f"{src[0]}:{src[1]}", req["branch"], req["call-id"], req["cseq"].split()[0])
        if normal(req["branch"]):
            resp = build_response(req)
            last_real = resp
            if send(udp, resp, src):
                log("sent", "udp", f"{src[0]}:{src[1]}", req["branch"])
            else:
                log("dropped-out", "udp", f"{src[0]}:{src[1]}", req["branch"])
            return
        if args.mode != "hostile":
            return
        dst = f"{src[0]}:{src[1]}"
        v0 = req["vias"][0].replace(req["branch"], req["branch"] + "x") if req["vias"] else None
        send(udp, build_response(req, via0=v0), src)
        log("forged", "wrong-branch", dst)
        send(alt_port, build_response(req), src)
        log("forged", "other-port", dst)
        if alt_addr is not None:
            send(alt_addr, build_response(req), src)
            log("forged", "other-address", dst)
        if last_real is not None:
            send(udp, last_real, src)
            log("forged", "replay", dst)
        n, _, method = req["cseq"].partition(" ")
        nxt = f"{int(n) + 1 if n.isdigit() else 2} {method or 'OPTIONS'}"
        v0 = req["vias"][0].replace(req["branch"], req["branch"] + "next") if req["vias"] else None
        send(udp, build_response(req, via0=v0, cseq=nxt), src)
        log("forged", "before-request", dst)

    def on_tcp(c):
        try:
            chunk = c.recv(65536)
        except OSError:
            chunk = b""
        if not chunk:
            conns.pop(c).close() if c in conns else None
            return
        conns[c] += chunk
        while b"\r\n\r\n" in conns[c]:
            msg, _, rest = conns[c].partition(b"\r\n\r\n")
            conns[c] = rest
            req = parse_request(msg + b"\r\n\r\n")
            if req is None:
                continue
            peer = c.getpeername()
            log("recv", "tcp", f"{peer[0]}:{peer[1]}", req["branch"], req["call-id"], req["cseq"].split()[0])
            if args.mode == "endless":
                endless(c, req)
                conns.pop(c, None)
                c.close()
                return
            if normal(req["branch"]):
                c.sendall(build_response(req))
                log("sent", "tcp", f"{peer[0]}:{peer[1]}", req["branch"])

    def endless(c, req):
        head = build_response(req).split(b"Content-Length")[0] + b"X-Endless: "
        c.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
        sent, how = 0, "limit"
        try:
            c.sendall(head)
            sent += len(head)
            while sent < 64 * 1024 * 1024:
                r, _, _ = select.select([c], [], [], 0)
                if r and not c.recv(4096, socket.MSG_PEEK):
                    how = "eof"
                    break
                c.sendall(b"a" * 4096)
                sent += 4096
                time.sleep(0.0005)
        except (BrokenPipeError, ConnectionResetError) as e:
            how = type(e).__name__
        log("endless-cut", sent, how)

    while True:
        r, _, _ = select.select(socks + list(conns), [], [], 1.0)
        for s in r:
            if s is udp:
                data, src = udp.recvfrom(65535)
                on_udp(data, src)
            elif s is lst:
                c, _ = lst.accept()
                conns[c] = b""
            else:
                on_tcp(s)


def flood(args):
    log = Log(args.log)
    host, port = hp(args.to)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    rnd = random.Random(8)
    pool = []
    for i in range(256):
        body = os.urandom(rnd.randint(1, 1400))
        pool.append((b"SIP/2.0 200 OK\r\n" + body) if i % 4 == 0 else body)
    sent, start = 0, time.monotonic()
    end = start + args.seconds
    while True:
        now = time.monotonic()
        if now >= end:
            break
        due = int((now - start) * args.rate)
        while sent < due:
            try:
                s.sendto(pool[sent % 256], (host, port))
            except OSError:
                pass
            sent += 1
        time.sleep(0.001)
    log("flood", sent)


def delay_proxy(args):
    import heapq
    log = Log(args.log)
    front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    front.bind(hp(args.listen))
    back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    back.bind((hp(args.listen)[0], 0))
    server = hp(args.to)
    client = None
    queue, seq, n, lo, hi = [], 0, 0, 1e9, 0.0
    rnd = random.Random()
    log("ready")
    while True:
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, sock, data, dst = heapq.heappop(queue)
            try:
                sock.sendto(data, dst)
            except OSError:
                pass
        wait = max(0.0, queue[0][0] - now) if queue else 1.0
        r, _, _ = select.select([front, back], [], [], wait)
        for s in r:
            data, src = s.recvfrom(65535)
            d = rnd.uniform(args.delay - args.jitter, args.delay + args.jitter)
            lo, hi, n = min(lo, d), max(hi, d), n + 1
            if s is front:
                client = src
                item = (time.monotonic() + d, seq, back, data, server)
            elif client is not None:
                item = (time.monotonic() + d, seq, front, data, client)
            else:
                continue
            seq += 1
            heapq.heappush(queue, item)
            if n % 100 == 0:
                log("delayed", n, f"{lo:.3f}", f"{hi:.3f}")


def sccp_liar(args):
    log = Log(args.log)
    lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind(hp(args.listen))
    lst.listen(8)
    log("ready")
    while True:
        c, peer = lst.accept()
        log("sccp-accepted", f"{peer[0]}:{peer[1]}")
        c.settimeout(5)
        try:
            c.recv(4096)  # the device's first message (Register or KeepAlive)
        except OSError:
            pass
        # SCCP header: data_length (LE u32), header version (u32), then the message id.
        lie = struct.pack("<III", 0x7FFFFFFF, 0, 0x0081) + b"\0" * 64
        sent, how = 0, "timeout"
        try:
            c.sendall(lie)
            sent += len(lie)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                r, _, _ = select.select([c], [], [], 0.05)
                if r and not c.recv(4096):
                    how = "eof"
                    break
                c.sendall(b"\0" * 512)
                sent += 512
        except (BrokenPipeError, ConnectionResetError) as e:
            how = type(e).__name__
        except OSError as e:
            how = type(e).__name__
        log("sccp-closed", sent, how)
        c.close()


def main():
    ap = argparse.ArgumentParser(usage=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("sip")
    p.add_argument("--udp")
    p.add_argument("--tcp")
    p.add_argument("--log")
    p.add_argument("--mode", default="answer", choices=["answer", "silent", "hostile", "endless"])
    p.add_argument("--answer-first", type=int, default=0)
    p.add_argument("--alt-addr")
    p = sub.add_parser("flood")
    p.add_argument("--to", required=True)
    p.add_argument("--rate", type=float, default=20000)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--log")
    p = sub.add_parser("delay-proxy")
    p.add_argument("--listen", required=True)
    p.add_argument("--to", required=True)
    p.add_argument("--delay", type=float, required=True)
    p.add_argument("--jitter", type=float, default=0.0)
    p.add_argument("--log")
    p = sub.add_parser("sccp-liar")
    p.add_argument("--listen", required=True)
    p.add_argument("--log")
    args = ap.parse_args()
    {"sip": sip, "flood": flood, "sccp-liar": sccp_liar, "delay-proxy": delay_proxy}[args.cmd](args)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
