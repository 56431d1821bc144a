#!/usr/bin/env python3
"""bench/scale/dial-peers.py N INTERVAL_S PORT... — a gatewatch configuration on stdout: one
`voice class sip-options-keepalive 1` (up- and down-interval INTERVAL_S) and N dial-peers
1..N whose session targets are 127.0.0.1 on the PORTs, round-robin. Used by run.sh and
syscalls.sh so that both probe the same set-up."""
import sys

n, interval, ports = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
out = [f"voice class sip-options-keepalive 1\n up-interval {interval}\n down-interval {interval}\n!\n"]
for i in range(n):
    out.append(f"dial-peer voice {i + 1} voip\n session target ipv4:127.0.0.1:{ports[i % len(ports)]}\n"
               " voice-class sip options-keepalive profile 1\n!\n")
sys.stdout.write("".join(out))
