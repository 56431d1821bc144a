#!/usr/bin/env python3
"""sip_options.py — send one SIP OPTIONS over UDP, TCP or TLS and print the responses.

usage: sip_options.py [-t udp|tcp|tls] [--ca FILE | --insecure] [--server-name NAME]
                      [--timeout SECONDS] [--expect CODE] [--expect-provisional CODE] HOST PORT

HOST is an IPv4 or IPv6 literal (brackets optional) or a name. Each response that matches the
request (same Call-ID and CSeq) is printed as "CODE REASON" on its own line, provisional ones
first. Over UDP the request is retransmitted with RFC 3261 timer E (500 ms doubling, max 4 s)
until a response arrives. TLS verifies the server against --ca (server name: --server-name, or
HOST), or not at all with --insecure.

Exit status: 0 a final response arrived (and equals --expect / the provisional seen equals
--expect-provisional, when given); 1 a final response arrived but not the expected one;
2 usage; 3 no final response before --timeout (prints "timeout"); 4 connection or TLS failure
(prints "error <reason>", e.g. "error refused", "error tls: ...").
"""
import argparse
import random
import socket
import ssl
import sys
import time

MAX_MESSAGE = 65535  # bound on what we buffer from a stream peer


def rand_token(n=12):
    return "".join(random.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n))


def hostport(host, port):
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def build_options(host, port, transport, local_host, local_port, call_id):
    proto = {"udp": "UDP", "tcp": "TCP", "tls": "TLS"}[transport]
    uri_params = "" if transport == "udp" else f";transport={transport}"
    scheme = "sips" if transport == "tls" else "sip"
    target = hostport(host, port)
    local = hostport(local_host, local_port)
    lines = [
        f"OPTIONS {scheme}:ping@{target}{uri_params} SIP/2.0",
        f"Via: SIP/2.0/{proto} {local};branch=z9hG4bK{rand_token()};rport",
        "Max-Forwards: 70",
        f"From: <sip:harness@{local}>;tag={rand_token(8)}",
        f"To: <{scheme}:ping@{target}>",
        f"Call-ID: {call_id}",
        "CSeq: 1 OPTIONS",
        f"Contact: <sip:harness@{local}{uri_params}>",
        "Accept: application/sdp",
        "User-Agent: gatewatch-e2e-harness",
        "Content-Length: 0",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def parse_response(data):
    """(code, reason, headers dict lowercased) or None when not a response."""
    head = data.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    lines = head.split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("SIP/2.0") or not parts[1].isdigit():
        return None
    headers = {}
    compact = {"i": "call-id", "l": "content-length", "v": "via", "f": "from", "t": "to"}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            name = name.strip().lower()
            headers.setdefault(compact.get(name, name), value.strip())
    return int(parts[1]), parts[2] if len(parts) > 2 else "", headers


def split_stream(buf):
    """Splits complete messages off a stream buffer: (messages, rest)."""
    out = []
    while True:
        while buf.startswith(b"\r\n"):  # keepalive CRLFs
            buf = buf[2:]
        end = buf.find(b"\r\n\r\n")
        if end < 0:
            return out, buf
        head = buf[:end].decode("utf-8", "replace").lower()
        length = 0
        for line in head.split("\r\n")[1:]:
            name, _, value = line.partition(":")
            if name.strip() in ("content-length", "l"):
                length = int(value.strip() or 0)
        total = end + 4 + length
        if len(buf) < total:
            return out, buf
        out.append(buf[:total])
        buf = buf[total:]


def main():
    ap = argparse.ArgumentParser(add_help=True, usage=__doc__.split("\n\n")[1])
    ap.add_argument("host")
    ap.add_argument("port", type=int)
    ap.add_argument("-t", "--transport", choices=["udp", "tcp", "tls"], default="udp")
    ap.add_argument("--ca")
    ap.add_argument("--insecure", action="store_true")
    ap.add_argument("--server-name")
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("--expect", type=int)
    ap.add_argument("--expect-provisional", type=int)
    args = ap.parse_args()
    host = args.host.strip("[]")
    call_id = f"{rand_token(16)}@harness"
    deadline = time.monotonic() + args.timeout
    try:
        family = socket.getaddrinfo(host, args.port)[0][0]
    except OSError as e:
        print(f"error dns: {e}")
        return 4
    provisional = []
    final = None

    def handle(msg):
        nonlocal final
        parsed = parse_response(msg)
        if parsed is None:
            return
        code, reason, headers = parsed
        if headers.get("call-id") != call_id or not headers.get("cseq", "").endswith("OPTIONS"):
            return
        print(f"{code} {reason}", flush=True)
        if code < 200:
            provisional.append(code)
        else:
            final = code

    try:
        if args.transport == "udp":
            sock = socket.socket(family, socket.SOCK_DGRAM)
            sock.connect((host, args.port))
            lhost, lport = sock.getsockname()[:2]
            request = build_options(host, args.port, "udp", lhost, lport, call_id)
            interval, next_send = 0.5, time.monotonic()
            while final is None and time.monotonic() < deadline:
                now = time.monotonic()
                if not provisional and now >= next_send:
                    sock.send(request)
                    next_send = now + interval
                    interval = min(interval * 2, 4.0)
                sock.settimeout(max(0.01, min(next_send, deadline) - now) if not provisional
                                else max(0.01, deadline - now))
                try:
                    handle(sock.recv(MAX_MESSAGE))
                except socket.timeout:
                    pass
        else:
            raw = socket.create_connection((host, args.port), timeout=max(0.1, args.timeout))
            sock = raw
            if args.transport == "tls":
                if args.insecure:
                    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                    ctx.check_hostname = False
                    ctx.verify_mode = ssl.CERT_NONE
                else:
                    ctx = ssl.create_default_context(cafile=args.ca)
                sock = ctx.wrap_socket(raw, server_hostname=args.server_name or host)
            lhost, lport = sock.getsockname()[:2]
            sock.sendall(build_options(host, args.port, args.transport, lhost, lport, call_id))
            buf = b""
            while final is None and time.monotonic() < deadline:
                sock.settimeout(max(0.01, deadline - time.monotonic()))
                try:
                    chunk = sock.recv(4096)
                except socket.timeout:
                    break
                if not chunk:
                    print("error reset: connection closed by peer")
                    return 4
                buf += chunk
                msgs, buf = split_stream(buf)
                for m in msgs:
                    handle(m)
                if len(buf) > MAX_MESSAGE:
                    print("error oversized response")
                    return 4
    except ConnectionRefusedError:
        print("error refused")
        return 4
    except ConnectionResetError:
        print("error reset")
        return 4
    except ssl.SSLError as e:
        print(f"error tls: {e}")
        return 4
    except (socket.timeout, TimeoutError):
        print("timeout")
        return 3
    except OSError as e:
        print(f"error {e}")
        return 4
    if final is None:
        print("timeout")
        return 3
    if args.expect is not None and final != args.expect:
        return 1
    if args.expect_provisional is not None and args.expect_provisional not in provisional:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
