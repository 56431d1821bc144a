#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# e2e: the systemd unit's sandbox against what the daemon really calls, without systemd. The
# daemon runs under strace with what the unit runs it with (--events, --control, --metrics) and
# does what an operator's daemon does: SIP OPTIONS keepalive (a Kamailio primary, a dead
# secondary), SCCP to a ccm-sim CallManager with `sccp local lo` (getifaddrs), a metrics scrape,
# `show` and `write memory` over the control socket, a SIGHUP reload, SIGTERM.
# Asserts, against contrib/gatewatch.service:
#  1. every system call it made is allowed by the unit's SystemCallFilter= lines (the groups
#     expanded by `systemd-analyze syscall-filter`, applied in order as systemd does: the first
#     line an allow list, `~` lines take away, later allow lines add back); a denied one would
#     kill the daemon with SIGSYS;
#  2. every socket family it opened is in RestrictAddressFamilies=;
#  3. it exits 0 on SIGTERM (under strace: within 5 s).
# usage: unit_sandbox.sh BUILD_DIR   Exit 0 pass, 1 fail, 77 skip (no strace, systemd-analyze,
# kamailio or ccm-sim).
source "$(dirname "$0")/sip_common.sh"
need strace systemd-analyze kamailio curl
sim=$(dirname "$gw")/ccm-sim
[[ -x $sim ]] || { echo "SKIP: no ccm-sim beside $gw"; exit 77; }
unit=${GW_UNIT:-$here/../../contrib/gatewatch.service}  # GW_UNIT: another unit to hold it against

read -r p1 p2 p3 p4 < <(free_ports 4)
peer kamailio.sh "$work/kam1" --udp "127.0.0.1:$p1"
"$sim" --listen "127.0.0.1:$p3" </dev/null >"$work/sim.out" 2>&1 &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null || true; cleanup' EXIT
write_config "$work/gw.cfg" "keepalive target ipv4:127.0.0.1:$p1" \
  "keepalive target ipv4:127.0.0.1:$p2 secondary" "timers keepalive active 10 down 5" \
  "retry keepalive 2" "keepalive trigger 3"
cat >>"$work/gw.cfg" <<EOF
sccp local lo
sccp ccm 127.0.0.1 identifier 1 port $p3 version 7.0
sccp
!
sccp ccm group 1
 associate ccm 1 priority 1
 associate profile 1 register CFB-SANDBOX
!
dspfarm profile 1 conference
 associate application SCCP
!
EOF
"$gw" check -c "$work/gw.cfg" >/dev/null || fail "the test's configuration does not check"

: >"$events"
strace -f -qq -o "$work/trace" "$gw" run -c "$work/gw.cfg" --events "$events" \
  --control "$work/ctl.sock" --metrics "127.0.0.1:$p4" --time-scale 0.05 2>"$gw_log" &
strace_pid=$!
# Signals go to the daemon, strace's child (strace ends with it).
for _ in $(seq 100); do gw_pid=$(pgrep -P "$strace_pid" || true); [[ -n $gw_pid ]] && break; sleep 0.05; done
[[ -n $gw_pid ]] || fail "no gatewatch under strace"
await_event 30 event=sip.target.down target=secondary >/dev/null
await_event 30 event=sccp.ccm.registered >/dev/null
for _ in $(seq 50); do curl -sf -o "$work/scrape" "http://127.0.0.1:$p4/metrics" && break; sleep 0.1; done
grep -q '^gatewatch_' "$work/scrape" 2>/dev/null || fail "no metrics scraped"
printf 'show sccp\nwrite memory\n' | "$gw" cli --control "$work/ctl.sock" >"$work/cli.out" 2>&1 ||
  fail "gatewatch cli: $(cat "$work/cli.out")"
grep -q '\[OK\]' "$work/cli.out" || fail "write memory: $(cat "$work/cli.out")"
kill -HUP "$gw_pid"
for _ in $(seq 100); do grep -q '%SYS-5-CONFIG: reloaded' "$gw_log" && break; sleep 0.05; done
grep -q '%SYS-5-CONFIG: reloaded' "$gw_log" || fail "no reload after SIGHUP"
kill -TERM "$gw_pid"
timeout 5 tail --pid="$gw_pid" -f /dev/null || fail "gatewatch still running 5 s after SIGTERM"
gw_pid=""
wait "$strace_pid" || fail "gatewatch (under strace) exited $? on SIGTERM"
kill "$sim_pid" 2>/dev/null || true

systemd-analyze syscall-filter >"$work/groups" 2>/dev/null || fail "systemd-analyze syscall-filter"
python3 - "$unit" "$work/groups" "$work/trace" <<'PY' || fail "the unit's sandbox does not fit the daemon"
import re, sys
unit, groups_file, trace = sys.argv[1:4]
groups, cur = {}, None
for line in open(groups_file):
    if line.startswith("@"):
        cur = groups.setdefault(line.split()[0], [])
    elif cur is not None and line.strip() and not line.strip().startswith("#"):
        cur.append(line.strip())
def expand(name, seen=()):
    if not name.startswith("@"):
        return {name}
    out = set()
    for m in groups[name]:
        if m not in seen:
            out |= expand(m, seen + (name,))
    return out
allowed, families = None, set()
for line in open(unit):
    key, _, value = line.strip().partition("=")
    if key == "SystemCallFilter":
        deny = value.startswith("~")
        names = set().union(*(expand(n) for n in value.lstrip("~").split()))
        if allowed is None:
            assert not deny, "the first SystemCallFilter= is expected to be an allow list"
            allowed = names
        elif deny:
            allowed -= names
        else:
            allowed |= names
    elif key == "RestrictAddressFamilies":
        families |= set(value.split())
called, opened = {}, set()
for line in open(trace):
    m = re.match(r"\d+\s+(?:<\.\.\. )?([a-z0-9_]+)[( ]", line)
    if m and not line.split(None, 1)[1].startswith(("+++", "---")):
        called[m.group(1)] = called.get(m.group(1), 0) + 1
    s = re.search(r"\bsocket\((AF_[A-Z0-9]+)", line)
    if s:
        opened.add(s.group(1))
denied = sorted(c for c in called if c not in allowed)
print(f"{len(called)} distinct system calls ({sum(called.values())} calls), families {sorted(opened)}")
bad = False
if denied:
    print("denied by SystemCallFilter=:", ", ".join(f"{c} ({called[c]}x)" for c in denied)); bad = True
if opened - families:
    print("not in RestrictAddressFamilies=:", sorted(opened - families)); bad = True
sys.exit(1 if bad else 0)
PY
echo "PASS: the daemon's system calls and socket families fit contrib/gatewatch.service"
