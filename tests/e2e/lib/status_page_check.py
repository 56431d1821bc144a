#!/usr/bin/env python3
"""status_page_check.py — the status page in headless Chromium, driven over CDP (cdp.py).

usage: status_page_check.py --url URL --workdir DIR --targets N --port PORT
                            --kill-kamailio 'COMMAND ARGS' --kill-gatewatch PID
                            [--active N] [--busyout-after N] [--screenshot PNG] [--within S]
                            [--go FILE]

1. loads URL once; waits (10 s) until the page shows N sip-ua targets "up" with an RTT, voice
   port PORT "in service", and --active dial-peers active;
2. marks the window (a variable a reload would lose); runs --kill-kamailio (a command line,
   no shell: e.g. kamailio.sh stop DIR, which stops every Kamailio process); then,
   polling the DOM every 50 ms, waits until every target shows "down" and PORT "busyout":
   this must happen within --within seconds (default 2) of the kill, with the mark still there
   and no new load event (no reload). Then waits (3 s) for --busyout-after dial-peers in the
   not-active table, and takes the screenshot (--screenshot);
3. no script error so far: no exception, no console.error, no error log entry;
4. (once FILE exists, with --go) SIGKILLs PID --kill-gatewatch: the page says "not answering" within 4 s, still without a
   reload and without a script exception (failed fetches are expected there).
Prints one line per step with its time. Exit 0 pass, 1 fail.
"""
import argparse
import json
import os
import shlex
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser  # noqa: E402

STATE_JS = r"""JSON.stringify({
  sip: [...document.querySelectorAll('#sip-rows tr[data-target]')].map((r) => ({
    target: r.dataset.target,
    state: r.querySelector('.state .st').dataset.state,
    word: r.querySelector('.state').textContent,
    rtt: r.cells[5].textContent})),
  ports: Object.fromEntries([...document.querySelectorAll('#port-rows tr[data-port]')].map(
    (r) => [r.dataset.port, r.querySelector('.state').textContent])),
  counts: Object.fromEntries([...document.querySelectorAll('#dp-counts [data-count]')].map(
    (c) => [c.dataset.count, Number(c.querySelector('b').textContent)])),
  not_active: [...document.querySelectorAll('#dp-rows tr[data-dial-peer]')].map(
    (r) => Number(r.dataset.dialPeer)),
  events: document.querySelectorAll('#event-rows tr[data-seq]').length,
  conn: document.getElementById('conn').textContent,
  stale: document.body.classList.contains('stale'),
  mark: window.__gwMark || null})"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--targets", type=int, required=True)
    ap.add_argument("--port", required=True)
    ap.add_argument("--kill-kamailio", required=True)
    ap.add_argument("--kill-gatewatch", type=int, required=True)
    ap.add_argument("--active", type=int, default=0)
    ap.add_argument("--busyout-after", type=int, default=0)
    ap.add_argument("--screenshot")
    ap.add_argument("--within", type=float, default=2.0)
    ap.add_argument("--go", help="wait (30 s) for this file before step 4")
    a = ap.parse_args()

    def fail(msg, state=None):
        print("FAIL: " + msg)
        if state is not None:
            print("page state: " + json.dumps(state))
        sys.exit(1)

    with Browser(a.workdir) as b:
        page = b.page()
        page.navigate(a.url)
        state = lambda: json.loads(page.evaluate(STATE_JS))  # noqa: E731

        def wait(pred, seconds, what):
            deadline = time.monotonic() + seconds
            while True:
                page.pump(0.05)
                s = state()
                if pred(s):
                    return s
                if time.monotonic() > deadline:
                    fail(f"{what} not seen within {seconds} s", s)

        t = time.monotonic()
        s = wait(lambda s: len(s["sip"]) == a.targets
                 and all(x["state"] == "up" and x["rtt"].endswith("ms") for x in s["sip"])
                 and s["ports"].get(a.port) == "in service"
                 and s["counts"].get("active") == a.active and s["counts"].get("busyout") == 0,
                 10, f"{a.targets} targets up with an RTT, port {a.port} in service, "
                 f"{a.active} dial-peers active")
        print(f"1. page loaded: every target up, port {a.port} in service, "
              f"{a.active} dial-peers active ({time.monotonic() - t:.2f} s)")
        if page.errors:
            fail("script errors on a fresh page: " + "; ".join(page.errors))

        page.evaluate("window.__gwMark = 'no reload'")
        loads = page.load_count
        t0 = time.monotonic()
        subprocess.Popen(shlex.split(a.kill_kamailio), stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
        s = wait(lambda s: all(x["state"] == "down" for x in s["sip"])
                 and s["ports"].get(a.port) == "busyout",
                 a.within + 3, "every target down and the port busyout")
        took = time.monotonic() - t0
        if s["mark"] != "no reload" or page.load_count != loads:
            fail("the page was reloaded", s)
        print(f"2. Kamailio stopped: page shows every target down and port {a.port} busyout "
              f"{took:.2f} s later, without a reload (limit {a.within} s)")
        if took > a.within:
            fail(f"took {took:.2f} s, more than {a.within} s", s)
        if a.busyout_after:
            s = wait(lambda s: s["counts"].get("busyout") == a.busyout_after
                     and len(s["not_active"]) == a.busyout_after,
                     3, f"{a.busyout_after} dial-peers busyout in the table")
            print(f"   dial-peers busyout in the table: {s['not_active']}; events listed: "
                  f"{s['events']}")
        if a.screenshot:
            page.screenshot(a.screenshot)
            print(f"   screenshot: {a.screenshot}")
        page.pump(0.2)
        if page.errors:
            fail("script errors: " + "; ".join(page.errors))
        print("3. no script error, console error or error log entry")

        if a.go:
            deadline = time.monotonic() + 30
            while not os.path.exists(a.go):
                if time.monotonic() > deadline:
                    fail(f"{a.go} never appeared")
                page.pump(0.05)
        t0 = time.monotonic()
        os.kill(a.kill_gatewatch, signal.SIGKILL)
        s = wait(lambda s: "not answering" in s["conn"] and s["stale"], 4,
                 "'not answering' on the page")
        if s["mark"] != "no reload":
            fail("the page was reloaded", s)
        exceptions = [e for e in page.errors if not e.startswith("log (network)")]
        if exceptions:
            fail("script errors once the daemon stopped: " + "; ".join(exceptions))
        print(f"4. gatewatch killed: the page says '{s['conn']}' "
              f"{time.monotonic() - t0:.2f} s later, no script exception")
    print("PASS")


if __name__ == "__main__":
    main()
