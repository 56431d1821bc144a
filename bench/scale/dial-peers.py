#!/usr/bin/env python3
"""bench/scale/dial-peers.py [--groups M] N INTERVAL_S PORT... — a gatewatch configuration on
stdout: one `voice class sip-options-keepalive 1` (up- and down-interval INTERVAL_S) and N
dial-peers 1..N whose session targets are 127.0.0.1 on the PORTs, round-robin. Used by run.sh
and syscalls.sh so that both probe the same set-up.

--groups M (server-group mode): N / M `voice class server-group`s of M members each (127.0.0.1
on M consecutive PORTs, so M <= the number of ports), and N dial-peers with `session
server-group`, M per group, all with profile 1: N dial-peers, N / M groups, N member streams
(the dial-peers of a group share them), so as many probes per interval as N plain dial-peers."""
import sys

args = sys.argv[1:]
members = 0
if args and args[0] == "--groups":
    members, args = int(args[1]), args[2:]
n, interval, ports = int(args[0]), args[1], args[2:]
out = [f"voice class sip-options-keepalive 1\n up-interval {interval}\n down-interval {interval}\n!\n"]
if members:
    if members > len(ports) or members > 5:
        sys.exit("dial-peers.py: --groups M needs M <= 5 and at least M ports")
    groups = max(1, n // members)
    for g in range(groups):
        out.append(f"voice class server-group {g + 1}\n")
        for m in range(members):
            out.append(f" ipv4 127.0.0.1 port {ports[(g + m) % len(ports)]}\n")
        out.append("!\n")
    for i in range(n):
        out.append(f"dial-peer voice {i + 1} voip\n session server-group {i % groups + 1}\n"
                   " voice-class sip options-keepalive profile 1\n!\n")
else:
    for i in range(n):
        out.append(f"dial-peer voice {i + 1} voip\n session target ipv4:127.0.0.1:{ports[i % len(ports)]}\n"
                   " voice-class sip options-keepalive profile 1\n!\n")
sys.stdout.write("".join(out))
