#!/usr/bin/env python3
"""status_schema.py — checks a status-page JSON answer (design.md "Status page") read on stdin.

  status_schema.py status [--targets up|down] [--port PORT=true|false] [--active N]
                          [--busyout N] [--not-active TAG,TAG...]
  status_schema.py events --since N [--has EVENT]...

status: the keys and types of GET /api/v1/status (every sip target, voice port, SCCP group and
CCM, dial-peer counts and not_active row; kamailio and cluster objects when present), then the
values asked for. events: {"next", "events"} with every event an object with ts, event and seq,
seqs increasing and > N, next the last seq (N when none); prints next. Exit 0 valid, 1 not (the reason on
stderr).
"""
import argparse
import json
import sys

STR, INT, BOOL, NUM, LIST, OBJ = str, int, bool, (int, float), list, dict
OPT = lambda t: (t if isinstance(t, tuple) else (t,)) + (type(None),)  # noqa: E731


def check(obj, schema, where):
    if not isinstance(obj, dict):
        raise ValueError(f"{where} is not an object: {obj!r}")
    for key, t in schema.items():
        if key not in obj:
            raise ValueError(f"{where} lacks {key!r}: {obj!r}")
        v = obj[key]
        ok = isinstance(v, t)
        if t is INT and isinstance(v, bool):
            ok = False
        if not ok:
            raise ValueError(f"{where}.{key} = {v!r} is not {t}")


def status(j, a):
    check(j, {"version": STR, "time": STR, "sip_targets": LIST, "voice_ports": LIST,
              "sccp_groups": LIST, "dial_peers": OBJ}, "status")
    for t in j["sip_targets"]:
        check(t, {"target": STR, "address": STR, "transport": STR, "state": STR,
                  "reason": OPT(STR), "rtt_ms": OPT(NUM), "rtt_history_ms": LIST}, "sip_targets[]")
        if t["state"] not in ("up", "down"):
            raise ValueError(f"target state {t['state']!r}")
    for p in j["voice_ports"]:
        check(p, {"port": STR, "busyout": BOOL}, "voice_ports[]")
    for g in j["sccp_groups"]:
        check(g, {"group": INT, "ccms": LIST}, "sccp_groups[]")
        for c in g["ccms"]:
            check(c, {"ccm": INT, "address": STR, "state": STR}, "ccms[]")
    d = j["dial_peers"]
    check(d, {"counts": OBJ, "not_active": LIST}, "dial_peers")
    check(d["counts"], {"active": INT, "partial": INT, "busyout": INT}, "counts")
    for r in d["not_active"]:
        check(r, {"dial_peer": INT, "state": STR, "address": STR}, "not_active[]")
        if r["state"] not in ("busyout", "partial"):
            raise ValueError(f"not_active state {r['state']!r}")
    if "kamailio" in j:
        check(j["kamailio"], {"url": STR, "reachable": BOOL}, "kamailio")
    if "cluster" in j:
        check(j["cluster"], {"node": STR, "members": LIST}, "cluster")
    if a.targets:
        states = [t["state"] for t in j["sip_targets"]]
        if not states or any(s != a.targets for s in states):
            raise ValueError(f"targets {states}, want all {a.targets}")
        if a.targets == "down" and any(not t["reason"] for t in j["sip_targets"]):
            raise ValueError("a down target without a reason")
    if a.port:
        port, want = a.port.split("=")
        got = [p["busyout"] for p in j["voice_ports"] if p["port"] == port]
        if got != [want == "true"]:
            raise ValueError(f"port {port} busyout {got}, want {want}")
    for key in ("active", "busyout"):
        want = getattr(a, key)
        if want is not None and d["counts"][key] != want:
            raise ValueError(f"counts.{key} = {d['counts'][key]}, want {want}")
    if a.not_active:
        tags = [r["dial_peer"] for r in d["not_active"]]
        want = [int(x) for x in a.not_active.split(",")]
        if tags != want:
            raise ValueError(f"not_active {tags}, want {want}")


def events(j, a):
    check(j, {"next": INT, "events": LIST}, "events answer")
    last = None
    for e in j["events"]:
        check(e, {"ts": STR, "event": STR, "seq": INT}, "events[]")
        if e["seq"] <= a.since or (last is not None and e["seq"] <= last):
            raise ValueError(f"seq {e['seq']} out of order (since {a.since}, last {last})")
        last = e["seq"]
    if j["next"] != (last if last is not None else a.since):
        raise ValueError(f"next {j['next']} is not the last seq {last} (since {a.since})")
    names = {e["event"] for e in j["events"]}
    for want in a.has:
        if want not in names:
            raise ValueError(f"no {want} event in {sorted(names)}")
    print(j["next"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=("status", "events"))
    ap.add_argument("--targets", choices=("up", "down"))
    ap.add_argument("--port")
    ap.add_argument("--active", type=int)
    ap.add_argument("--busyout", type=int)
    ap.add_argument("--not-active")
    ap.add_argument("--since", type=int, default=0)
    ap.add_argument("--has", action="append", default=[])
    a = ap.parse_args()
    try:
        j = json.load(sys.stdin)
        (status if a.kind == "status" else events)(j, a)
    except (ValueError, KeyError, TypeError) as e:
        print(f"status_schema: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
