#!/usr/bin/env python3
"""cluster_probes.py — which node probed which dial-peer, from gatewatch debug logs.

usage: cluster_probes.py [--since EPOCH] [--until EPOCH] NODE=LOG ...

Reads each node's log (GATEWATCH_DEBUG=1: one %SIP-7-DIALPEER_ATTEMPT line per attempt) and
prints one line per dial-peer attempted in the window: "TAG NODE[,NODE...] FIRST_EPOCH", the
nodes sorted, FIRST_EPOCH the first attempt's time stamp in the window.
"""
import datetime
import re
import sys

pat = re.compile(r"^\*(\w{3}) +(\d+) (\d\d:\d\d:\d\d\.\d{3}) UTC: %SIP-7-DIALPEER_ATTEMPT: "
                 r"dial-peer (\d+) ")
since, until, logs = 0.0, float("inf"), []
args = sys.argv[1:]
while args:
    a = args.pop(0)
    if a == "--since":
        since = float(args.pop(0))
    elif a == "--until":
        until = float(args.pop(0))
    else:
        node, path = a.split("=", 1)
        logs.append((node, path))
year = datetime.datetime.now(datetime.timezone.utc).year
probes = {}
for node, path in logs:
    try:
        lines = open(path, errors="replace").readlines()
    except FileNotFoundError:
        continue
    for line in lines:
        m = pat.match(line.strip())
        if not m:
            continue
        t = datetime.datetime.strptime(f"{year} {m[1]} {m[2]} {m[3]}", "%Y %b %d %H:%M:%S.%f")
        t = t.replace(tzinfo=datetime.timezone.utc).timestamp()
        if t < since or t > until:
            continue
        entry = probes.setdefault(int(m[4]), [set(), t])
        entry[0].add(node)
        entry[1] = min(entry[1], t)
for tag in sorted(probes):
    nodes, first = probes[tag]
    print(f"{tag} {','.join(sorted(nodes))} {first:.3f}")
