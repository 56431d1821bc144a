#!/usr/bin/env bash
# e2e: `gatewatch demo --quick` (the embedded default, CI speed).
# Asserts:
#  1. exit 0, well within the time limit;
#  2. the timeline (stdout is a pipe: no colour escapes) shows the story's events in order:
#     primary down (timeout) -> secondary down -> busyout 0/0/0, 0/0/1 -> primary up ->
#     unbusy 0/0/0, 0/0/1 -> secondary up, and when ccm-sim is there: CCM 1 down (keepalive)
#     -> switchover 1->2 -> switchback 2->1;
#  3. the same sequence in the --events JSON lines (the daemon's own event stream), with no
#     voice-port.busyout before the secondary went down;
#  4. the closing summary says "Story complete".
# usage: demo_quick.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gw=${1:-${GATEWATCH:-$here/../../build/gatewatch}}
[[ -d $gw ]] && gw=$gw/gatewatch
[[ -x $gw ]] || { echo "SKIP: gatewatch not found at $gw"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; echo "--- timeline"; cat "$work/out.txt" || true; exit 1; }

start=$(date +%s.%N)
rc=0
timeout 60 "$gw" demo --quick --events "$work/events.jsonl" >"$work/out.txt" 2>"$work/err.txt" || rc=$?
took=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$(date +%s.%N)")
cat "$work/out.txt"
[[ -s $work/err.txt ]] && { echo "--- stderr"; cat "$work/err.txt"; }
[[ $rc -eq 0 ]] || fail "gatewatch demo --quick exited $rc"
echo "demo --quick took ${took}s"
grep -q $'\x1b' "$work/out.txt" && fail "colour escapes on a pipe"
grep -q "^Story complete" "$work/out.txt" || fail "no 'Story complete' summary"

sccp=1
grep -q "SCCP chapter skipped" "$work/out.txt" && sccp=0
python3 - "$work/out.txt" "$work/events.jsonl" "$sccp" <<'PY' || fail "sequence"
import json, re, sys
out, events, sccp = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
want = [
    ("sip.target.down", {"target": "primary", "reason": "timeout"}),
    ("sip.target.down", {"target": "secondary", "reason": "timeout"}),
    ("voice-port.busyout", {"port": "0/0/0"}),
    ("voice-port.busyout", {"port": "0/0/1"}),
    ("sip.target.up", {"target": "primary"}),
    ("voice-port.unbusy", {"port": "0/0/0"}),
    ("voice-port.unbusy", {"port": "0/0/1"}),
    ("sip.target.up", {"target": "secondary"}),
]
if sccp:
    want += [
        ("sccp.ccm.down", {"group": 1, "ccm": 1, "reason": "keepalive"}),
        ("sccp.switchover", {"group": 1, "from": 1, "to": 2}),
        ("sccp.switchback", {"group": 1, "from": 2, "to": 1}),
    ]
def subsequence(seq, match):
    i = 0
    for item in seq:
        if i < len(want) and match(item, want[i]): i += 1
    return i
# 1. The JSON events.
evs = [json.loads(l) for l in open(events)]
n = subsequence(evs, lambda e, w: e["event"] == w[0] and all(e.get(k) == v for k, v in w[1].items()))
if n != len(want):
    print(f"events: only {n}/{len(want)} in order; next missing: {want[n]}"); sys.exit(1)
names = [e["event"] for e in evs]
first_busy = names.index("voice-port.busyout")
sec_down = next(i for i, e in enumerate(evs) if e["event"] == "sip.target.down" and e["target"] == "secondary")
if first_busy < sec_down:
    print("busyout before the secondary went down"); sys.exit(1)
# 2. The timeline: "[  1.2s] name words..." lines carry the same names and values.
lines = [l.rstrip("\n") for l in open(out)]
tl = [l for l in lines if re.match(r"^\[ *\d+\.\ds\] [a-z]", l)]
def tl_match(line, w):
    body = line.split("] ", 1)[1]
    words = body.replace("(", " ").replace(")", " ").split()
    return words[0] == w[0] and all(str(v) in words[1:] for v in w[1].values())
n = subsequence(tl, tl_match)
if n != len(want):
    print(f"timeline: only {n}/{len(want)} in order; next missing: {want[n]}"); sys.exit(1)
print(f"sequence: {len(want)} expected events in order in the timeline and in --events "
      f"({len(evs)} events in all){'' if sccp else '; SCCP chapter skipped'}")
PY
echo "PASS: demo --quick exit 0 in ${took}s, expected sequence seen"
