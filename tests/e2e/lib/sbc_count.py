#!/usr/bin/env python3
"""sbc_count.py DIR [--since EPOCH] — what the SBC of sbc.sh did, as shell assignments.

Reads the files sbc.sh keeps in DIR (DIR/env names the trunks):
  - Kamailio's log (DIR/kamailio.log, all runs appended; kamailio.cfg's WITH_ROUTE_LOG lines
    "ROUTE <unix time> first|failover <destination URI> <Call-ID>"): what Kamailio SENT where;
  - each trunk's SIPp message logs (DIR/trunkN/<run>/sipp_messages.log, every run): what the
    trunk RECEIVED;
  - the UAC's call logs (DIR/uac/<run>/calls.log, see tests/e2e/sipp/call_uac.xml) and SIPp
    error files: how the calls ended.
Prints, for N = 1 and 2:
  TRUNKN_ROUTED       INVITEs Kamailio sent to trunk N (first choice or failover)
  TRUNKN_INVITES      distinct INVITEs (Call-IDs; retransmissions not counted) trunk N received
  TRUNKN_LAST_ROUTED  unix time of the last INVITE Kamailio sent to trunk N (0: none)
  CALLS_OK, CALLS_FAILED (a 4xx-6xx final answer), CALLS_TIMEOUT (no final answer in 10 s),
  CALLS_ABORTED (SIPp aborted the call: an answer the scenario does not expect),
  BYE_FAILED (an answered call whose BYE failed or timed out)
With --since EPOCH only what happened at or after EPOCH counts: ROUTED and LAST_ROUTED by
Kamailio's time of the routing decision; INVITES are then the INVITEs trunk N received whose
Call-ID Kamailio routed to trunk N at or after EPOCH (so an INVITE still in flight from an
earlier decision is not counted); the call counts by the time the UAC logged the outcome.
"""
import argparse
import glob
import os
import re
import shlex
import sys

ROUTE = re.compile(r"ROUTE (\d+(?:\.\d+)?) (first|failover) (\S+) (\S+)")
SEPARATOR = "-----------------------------------------------"


def read_env(path):
    env = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            k, v = line.split("=", 1)
            vals = shlex.split(v)
            env[k] = vals[0] if vals else ""
    return env


def routes(log):
    """(time, kind, uri, call_id) per ROUTE line of Kamailio's log."""
    out = []
    try:
        with open(log, errors="replace") as f:
            for line in f:
                m = ROUTE.search(line)
                if m:
                    out.append((float(m[1]), m[2], m[3].lower(), m[4]))
    except FileNotFoundError:
        pass
    return out


def received_invites(path):
    """Call-IDs of the INVITE requests SIPp logged as received (-trace_msg)."""
    ids = set()
    try:
        with open(path, errors="replace") as f:
            text = f.read()
    except FileNotFoundError:
        return ids
    for block in text.split(SEPARATOR):
        lines = block.split("\n")
        if len(lines) < 2 or "message received" not in lines[1]:
            continue
        body = [l.rstrip("\r") for l in lines[2:]]
        start = next((l for l in body if l.strip()), "")
        if not start.startswith("INVITE "):
            continue
        for l in body:
            name, _, value = l.partition(":")
            if name.strip().lower() in ("call-id", "i"):
                ids.add(value.strip())
                break
    return ids


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--since", type=float, default=None)
    args = ap.parse_args()
    d = args.dir
    env = read_env(os.path.join(d, "env"))
    since = args.since if args.since is not None else float("-inf")
    all_routes = routes(os.path.join(d, "kamailio.log"))
    out = {}
    for n in (1, 2):
        uri = env.get(f"TRUNK{n}_URI", "").lower()
        mine = [r for r in all_routes if r[2] == uri and r[0] >= since]
        got = set()
        for path in glob.glob(os.path.join(d, f"trunk{n}", "*", "sipp_messages.log")):
            got |= received_invites(path)
        if args.since is not None:
            got &= {r[3] for r in mine}
        out[f"TRUNK{n}_ROUTED"] = len(mine)
        out[f"TRUNK{n}_INVITES"] = len(got)
        out[f"TRUNK{n}_LAST_ROUTED"] = f"{max(r[0] for r in mine):.6f}" if mine else "0"
    calls = {"ok": 0, "fail": 0, "timeout": 0, "byefail": 0, "byetimeout": 0}
    for path in glob.glob(os.path.join(d, "uac", "*", "calls.log")):
        with open(path, errors="replace") as f:
            for line in f:
                fields = line.split()
                if len(fields) < 4 or not line.endswith("\n"):
                    continue
                try:
                    t = float(fields[2])
                except ValueError:
                    continue
                if t >= since and fields[3] in calls:
                    calls[fields[3]] += 1
    aborted = 0
    abort_re = re.compile(r"^\S+\s+\S+\s+(\d+\.\d+): Aborting call")
    for path in glob.glob(os.path.join(d, "uac", "*", "sipp_errors.log")):
        with open(path, errors="replace") as f:
            for line in f:
                m = abort_re.match(line)
                if m and float(m[1]) >= since:
                    aborted += 1
    out["CALLS_OK"] = calls["ok"]
    out["CALLS_FAILED"] = calls["fail"]
    out["CALLS_TIMEOUT"] = calls["timeout"]
    out["CALLS_ABORTED"] = aborted
    out["BYE_FAILED"] = calls["byefail"] + calls["byetimeout"]
    for k, v in out.items():
        print(f"{k}={v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
