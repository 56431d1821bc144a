#!/usr/bin/env python3
"""soak_check.py — the measurements and verdicts of the soak (tests/e2e/soak.sh).

usage: soak_check.py sample PID SECONDS OUT      every 0.25 s of wall time, append
                                                  "WALL-TIME RSS-KiB OPEN-FDS STANDING CONNECTIONS"
                                                  of PID to OUT, for SECONDS or until PID is gone
       soak_check.py verdict SAMPLES EVENTS WARMUP-SECONDS [--ports 0/0/1 ...]

verdict checks, and prints one "FIGURE k=v ..." line, then "ok" or the failures (exit 1):
- memory: RSS growth after warm-up (the largest sample after WARMUP-SECONDS of wall time minus
  the last sample of the warm-up) is below 1 MiB;
- descriptors: the open fds are split into connections that come and go with the peers and
  the clients (sockets that are neither listening nor UDP: the sip-ua TCP target, the CCMs,
  console clients) and the standing ones (everything else: files, pipes, listeners, UDP
  sockets, epoll, timers...). After the warm-up the standing count never falls below the
  warm-up's last value, is that value in most samples (a leak moves it), and is never more than
  TRANSIENT_FDS above it; connections stay within MAX_CONNECTIONS;
- per sip-ua target, per dial-peer and per SCCP CCM, down and up alternate (sip.target.down/up,
  dial-peer.down/up, sccp.ccm.down/connected; a CCM may register again without a down: a
  Reset from the CallManager makes the device re-register on the same connection);
- voice-port busyout exactly while every sip-ua target is down: whenever a sip.target event
  arrives, each port's busyout state equals "every target down" before that event, a busyout
  only comes while all are down and an unbusy only while one is up, and so at the end.
"""
import collections
import json
import os
import sys
import time


# Connections that may be open at once: the sip-ua TCP target and two CCMs (each possibly with
# a closing socket beside a new one) and the console clients (one at a time, plus a closing one).
MAX_CONNECTIONS = 10
# Standing fds that exist for a moment: SipUdpHub::source_address_for opens a connected UDP
# socket in an io_context of its own (socket, epoll, eventfd, timerfd) to learn a source address.
TRANSIENT_FDS = 4


def standing_sockets(pid):
    """Inodes of PID's listening TCP/Unix sockets and of its UDP sockets."""
    inodes = set()
    for name in ("tcp", "tcp6"):
        try:
            for line in open(f"/proc/{pid}/net/{name}").readlines()[1:]:
                f = line.split()
                if f[3] == "0A":  # LISTEN
                    inodes.add(f[9])
        except OSError:
            pass
    for name in ("udp", "udp6"):
        try:
            inodes.update(line.split()[9] for line in open(f"/proc/{pid}/net/{name}").readlines()[1:])
        except OSError:
            pass
    try:
        for line in open(f"/proc/{pid}/net/unix").readlines()[1:]:
            f = line.split()
            if int(f[3], 16) & 0x10000:  # __SO_ACCEPTCON: listening
                inodes.add(f[6])
    except OSError:
        pass
    return inodes


def sample(pid, seconds, out):
    end = time.time() + float(seconds)
    with open(out, "a") as f:
        while time.time() < end:
            try:
                with open(f"/proc/{pid}/status") as s:
                    rss = next(int(l.split()[1]) for l in s if l.startswith("VmRSS:"))
                standing = standing_sockets(pid)
                names = os.listdir(f"/proc/{pid}/fd")
                conns = 0
                for fd in names:
                    try:
                        link = os.readlink(f"/proc/{pid}/fd/{fd}")
                    except OSError:
                        continue
                    if link.startswith("socket:[") and link[8:-1] not in standing:
                        conns += 1
            except (OSError, StopIteration):
                return
            f.write(f"{time.time():.3f} {rss} {len(names)} {len(names) - conns} {conns}\n")
            f.flush()
            time.sleep(0.25)


def verdict(samples_path, events_path, warmup_s, ports):
    failures, fig = [], {}
    rows = [tuple(float(x) for x in l.split()) for l in open(samples_path) if l.strip()]
    if len(rows) < 8:
        failures.append(f"only {len(rows)} samples")
    else:
        t0 = rows[0][0]
        warm = [r for r in rows if r[0] - t0 <= warmup_s]
        after = [r for r in rows if r[0] - t0 > warmup_s]
        if not warm or not after:
            failures.append("no samples on one side of the warm-up")
        else:
            base = warm[-1][1]
            growth = max(r[1] for r in after) - base
            standing = sorted({int(r[3]) for r in after})
            base_fds = int(warm[-1][3])
            counts = collections.Counter(int(r[3]) for r in after)
            mode_fds = counts.most_common(1)[0][0]
            fig.update(samples=len(rows), rss_start_kib=int(rows[0][1]), rss_warm_kib=int(base),
                       rss_end_kib=int(rows[-1][1]), rss_max_after_kib=int(max(r[1] for r in after)),
                       rss_growth_kib=int(growth),
                       fds_min=int(min(r[2] for r in rows)), fds_max=int(max(r[2] for r in rows)),
                       fds_standing_warm=int(warm[-1][3]),
                       fds_standing_after="/".join(f"{x}:{counts[x]}" for x in standing),
                       connections_max=int(max(r[4] for r in rows)))
            if growth >= 1024:
                failures.append(f"RSS grew {growth:.0f} KiB after warm-up (bound 1024)")
            if standing[0] < base_fds or mode_fds != base_fds or standing[-1] > base_fds + TRANSIENT_FDS:
                failures.append(f"standing fds {dict(counts)} after warm-up, {base_fds} at its end")
            if max(r[4] for r in rows) > MAX_CONNECTIONS:
                failures.append(f"over {MAX_CONNECTIONS} connections open at once")

    last = {}            # key -> last alternating event name
    target_down = {"primary": False, "secondary": False}  # sip-ua target -> down?
    busy = {p: False for p in ports}
    counts = {}
    lines = 0
    for raw in open(events_path):
        if not raw.strip():
            continue
        lines += 1
        e = json.loads(raw)
        name = e.get("event", "")
        counts[name] = counts.get(name, 0) + 1
        key = None
        if name in ("sip.target.down", "sip.target.up"):
            all_down = all(target_down.values())
            for p, b in busy.items():
                if b != all_down:
                    failures.append(f"{e['ts']}: port {p} busyout={b} while every target down={all_down}")
            target_down[e["target"]] = name.endswith("down")
            key = ("sip", e["target"])
        elif name in ("dial-peer.down", "dial-peer.up"):
            key = ("dial-peer", e["dial_peer"])
        elif name in ("sccp.ccm.connected", "sccp.ccm.down"):
            key = ("ccm", f"{e.get('group')}/{e.get('ccm')}")

        elif name in ("voice-port.busyout", "voice-port.unbusy"):
            all_down = all(target_down.values())
            b = name.endswith("busyout")
            if b != all_down:
                failures.append(f"{e['ts']}: {name} of {e.get('port')} while every target down={all_down}")
            if busy.get(e.get("port")) == b:
                failures.append(f"{e['ts']}: {name} of {e.get('port')} twice")
            busy[e.get("port")] = b
        if key is not None:
            if last.get(key) == name:
                failures.append(f"{e['ts']}: {name} twice in a row for {key[0]} {key[1]}")
            last[key] = name
        if len(failures) > 20:
            break
    all_down = all(target_down.values())
    for p, b in busy.items():
        if b != all_down:
            failures.append(f"at the end: port {p} busyout={b} while every target down={all_down}")
    short = {"sip.target.down": "sip_down", "sip.target.up": "sip_up", "dial-peer.down": "dp_down",
             "dial-peer.up": "dp_up", "voice-port.busyout": "busyouts", "voice-port.unbusy": "unbusies",
             "sccp.ccm.down": "ccm_down", "sccp.ccm.connected": "ccm_connected", "sccp.ccm.registered": "ccm_registered",
             "sccp.switchover": "switchovers", "sccp.switchback": "switchbacks"}
    fig["events"] = lines
    for k, v in short.items():
        fig[v] = counts.get(k, 0)
    fig["dial_peers_flapped"] = len({k for k in last if k[0] == "dial-peer"})
    print("FIGURE " + " ".join(f"{k}={v}" for k, v in fig.items()))
    for name, want in (("sip.target.down", 1), ("voice-port.busyout", 1), ("dial-peer.down", 1),
                       ("sccp.ccm.down", 1), ("sccp.ccm.registered", 2), ("dial-peer.up", 1)):
        if counts.get(name, 0) < want:
            failures.append(f"fewer than {want} {name} events: the peers did not flap enough")
    for f in failures[:20]:
        print("failure: " + f)
    if failures:
        return 1
    print("ok")
    return 0


def main():
    if len(sys.argv) >= 5 and sys.argv[1] == "sample":
        sample(sys.argv[2], sys.argv[3], sys.argv[4])
        return 0
    if len(sys.argv) >= 5 and sys.argv[1] == "verdict":
        ports = sys.argv[6:] if len(sys.argv) > 6 and sys.argv[5] == "--ports" else ["0/0/1"]
        return verdict(sys.argv[2], sys.argv[3], float(sys.argv[4]), ports)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
