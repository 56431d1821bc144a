#!/usr/bin/env python3
"""evstat.py — figures from gatewatch's --events file for bench/kamailio/outage.sh.

  evstat.py count EVENTS [--since EPOCH] K=V...     how many events have every K=V
  evstat.py await EVENTS SECONDS N [--since EPOCH] K=V...
                                                  wait until N such events exist; print the
                                                  N-th one's time (epoch s); exit 1 on timeout
  evstat.py last EVENTS [--since EPOCH] K=V...      the time of the last such event (0: none)
  evstat.py latency EVENTS [--since EPOCH]          dial-peer.down -> the next
                                                  kamailio.dispatcher.set state i of the same
                                                  dial-peer (and up -> state a): n, p50, p99,
                                                  max in ms, one line each ("down N P50 P99 MAX")
  evstat.py dispatcher-count RPC-URL FLAG           how many destinations of dispatcher.list
                                                  have FLAGS starting with FLAG (A or I)
  evstat.py await-flags RPC-URL URI FLAG SECONDS    poll dispatcher.list every 20 ms until
                                                  destination URI's FLAGS start with FLAG;
                                                  print the time it was seen (epoch s); exit 1
                                                  on timeout
Times are the events' "ts" (UTC, millisecond resolution). Percentiles are nearest-rank.
"""
import datetime
import json
import math
import sys
import time
import urllib.request


def ts(ev):
    return datetime.datetime.strptime(ev["ts"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=datetime.timezone.utc).timestamp()


def read(path):
    out = []
    try:
        with open(path) as f:
            for line in f:
                if not line.endswith("\n"):
                    break
                out.append(json.loads(line))
    except FileNotFoundError:
        pass
    return out


def args_of(argv):
    since, want = float("-inf"), {}
    i = 0
    while i < len(argv):
        if argv[i] == "--since":
            since = float(argv[i + 1])
            i += 2
            continue
        k, v = argv[i].split("=", 1)
        want[k] = v
        i += 1
    return since, want


def matching(path, since, want):
    return [e for e in read(path)
            if ts(e) >= since and all(str(e.get(k)) == v for k, v in want.items())]


def pct(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[max(0, math.ceil(p / 100 * len(xs)) - 1)]


def latency(path, since):
    events = read(path)
    pending = {}  # (dial_peer, "i"|"a") -> time of the verdict
    deltas = {"i": [], "a": []}
    for e in events:
        t = ts(e)
        if e["event"] in ("dial-peer.down", "dial-peer.up"):
            if t < since:
                continue
            st = "i" if e["event"] == "dial-peer.down" else "a"
            pending.pop((e["dial_peer"], "a" if st == "i" else "i"), None)
            pending[(e["dial_peer"], st)] = t
        elif e["event"] == "kamailio.dispatcher.set":
            t0 = pending.pop((e["dial_peer"], e["state"]), None)
            if t0 is not None:
                deltas[e["state"]].append((t - t0) * 1000)
    for name, st in (("down", "i"), ("up", "a")):
        d = deltas[st]
        print(f"{name} {len(d)} {pct(d, 50):.0f} {pct(d, 99):.0f} {max(d) if d else float('nan'):.0f}")


def targets(url):
    body = json.dumps({"jsonrpc": "2.0", "method": "dispatcher.list", "id": 1}).encode()
    req = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    doc = json.load(urllib.request.urlopen(req, timeout=10))
    for rec in doc["result"]["RECORDS"]:
        for t in rec["SET"]["TARGETS"]:
            yield t["DEST"]


def dispatcher_count(url, flag):
    print(sum(1 for d in targets(url) if d["FLAGS"].startswith(flag)))


def await_flags(url, uri, flag, timeout):
    deadline = time.monotonic() + timeout
    while True:
        try:
            if any(d["URI"].lower() == uri.lower() and d["FLAGS"].startswith(flag)
                   for d in targets(url)):
                print(f"{time.time():.3f}")
                return 0
        except OSError:
            pass
        if time.monotonic() > deadline:
            return 1
        time.sleep(0.02)


def main():
    cmd, rest = sys.argv[1], sys.argv[2:]
    if cmd == "count":
        since, want = args_of(rest[1:])
        print(len(matching(rest[0], since, want)))
    elif cmd == "await":
        # Reads on from where it stopped (the file only grows): cheap on a big events file.
        path, timeout, n = rest[0], float(rest[1]), int(rest[2])
        since, want = args_of(rest[3:])
        deadline = time.monotonic() + timeout
        seen, pos, buf = 0, 0, ""
        while True:
            try:
                with open(path) as f:
                    f.seek(pos)
                    chunk = f.read()
                    pos = f.tell()
            except FileNotFoundError:
                chunk = ""
            buf += chunk
            *lines, buf = buf.split("\n")
            for line in lines:
                e = json.loads(line)
                if all(str(e.get(k)) == v for k, v in want.items()) and ts(e) >= since:
                    seen += 1
                    if seen == n:
                        print(f"{ts(e):.3f}")
                        return 0
            if time.monotonic() > deadline:
                return 1
            time.sleep(0.05)
    elif cmd == "last":
        since, want = args_of(rest[1:])
        m = matching(rest[0], since, want)
        print(f"{ts(m[-1]):.3f}" if m else "0")
    elif cmd == "latency":
        since, _ = args_of(rest[1:])
        latency(rest[0], since)
    elif cmd == "dispatcher-count":
        dispatcher_count(rest[0], rest[1])
    elif cmd == "await-flags":
        return await_flags(rest[0], rest[1], rest[2], float(rest[3]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
