#!/usr/bin/env python3
"""freeport.py [-n N] [--v4-only] — print free loopback port(s), one per line.

A port is printed only if, at the time of the call, it can be bound for both TCP and UDP on
127.0.0.1 and (unless --v4-only, or IPv6 is unavailable) on ::1, so one number serves a peer
that listens on UDP+TCP over IPv4+IPv6. With -n N, N distinct ports. The kernel picks the
candidates (bind to port 0); nothing is reserved, so use the ports promptly. Exit 1 if none found.
"""
import argparse
import socket
import sys


def can_bind(family, kind, host, port):
    s = socket.socket(family, kind)
    try:
        if family == socket.AF_INET6:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        s.bind((host, port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def ipv6_available():
    return can_bind(socket.AF_INET6, socket.SOCK_DGRAM, "::1", 0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=1, help="how many distinct ports")
    ap.add_argument("--v4-only", action="store_true", help="check 127.0.0.1 only")
    args = ap.parse_args()
    hosts = [(socket.AF_INET, "127.0.0.1")]
    if not args.v4_only and ipv6_available():
        hosts.append((socket.AF_INET6, "::1"))
    found = []
    for _ in range(200):
        if len(found) == args.n:
            break
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        if port in found:
            continue
        if all(can_bind(f, k, h, port) for f, h in hosts
               for k in (socket.SOCK_STREAM, socket.SOCK_DGRAM)):
            found.append(port)
    if len(found) < args.n:
        print("freeport.py: no free port found", file=sys.stderr)
        return 1
    print("\n".join(str(p) for p in found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
