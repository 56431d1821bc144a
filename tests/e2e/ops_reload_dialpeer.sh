#!/usr/bin/env bash
# e2e: SIGHUP reload of a dial-peer configuration against Kamailio.
# 50 dial-peers (voice class sip-options-keepalive 1, up-interval 10 s x 0.02 = 200 ms) on one
# Kamailio port; the reload moves dial-peer 7's session target to a second port.
# Asserts: config.applied; the daemon restarts only dial-peer 7 ("restarting dial-peer 7",
# one "OPTIONS keepalive restarted" line); `show voice class sip-options-keepalive 1` shows 7
# at the new address with a fresh attempt count while every other dial-peer's count only grew;
# dial-peer 7 is then answered on the new port; around the reload no other dial-peer got an
# extra probe (no gap between two of its answered attempts shorter than half an interval) and
# none missed one (no gap over 2.5 intervals).
# usage: ops_reload_dialpeer.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/ops_common.sh"
need kamailio

n=50
read -r kport kport2 < <(free_ports 2)
peer kamailio.sh "$work/kam" --udp "127.0.0.1:$kport" --udp "127.0.0.1:$kport2"

dialpeer_config() {  # FILE PORT_OF_7
  python3 - "$n" "$kport" "$2" >"$1.tmp" <<'PY'
import sys
n, port, port7 = int(sys.argv[1]), sys.argv[2], sys.argv[3]
out = ["voice class sip-options-keepalive 1\n up-interval 10\n down-interval 5\n!\n"]
for tag in range(1, n + 1):
    out.append(f"dial-peer voice {tag} voip\n session target ipv4:127.0.0.1:{port7 if tag == 7 else port}\n"
               " voice-class sip options-keepalive profile 1\n!\n")
sys.stdout.write("".join(out))
PY
  "$gw" check -c "$1.tmp" >/dev/null || fail "config rejected by gatewatch check: $1.tmp"
  mv "$1.tmp" "$1"
}

# Answered attempts of the debug log as "epoch-seconds tag address", one per line.
dp_attempts() {
  python3 - "$gw_log" <<'PY'
import datetime, re, sys
year = datetime.datetime.now(datetime.timezone.utc).year
pat = re.compile(r"^\*(\w{3}) +(\d+) (\d\d:\d\d:\d\d\.\d{3}) UTC: %SIP-7-DIALPEER_ATTEMPT: "
                 r"dial-peer (\d+) (\S+) udp ok ")
for line in open(sys.argv[1]):
    m = pat.match(line.strip())
    if not m: continue
    t = datetime.datetime.strptime(f"{year} {m[1]} {m[2]} {m[3]}", "%Y %b %d %H:%M:%S.%f")
    print(f"{t.replace(tzinfo=datetime.timezone.utc).timestamp():.3f} {m[4]} {m[5]}")
PY
}

# Waits until every dial-peer has at least N answered attempts (at ADDRESS for tag 7 when given).
await_all() {  # SECONDS N [ADDRESS_OF_7]
  local deadline=$(( $(date +%s) + $1 ))
  until dp_attempts | python3 -c '
import sys
n, total, addr7 = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else ""
count = {}
for l in sys.stdin:
    t, tag, addr = l.split()
    if tag == "7" and addr7 and addr != addr7: continue
    count[tag] = count.get(tag, 0) + 1
sys.exit(0 if len(count) == total and min(count.values()) >= n else 1)' "$2" "$n" ${3:+"$3"}; do
    (( $(date +%s) <= deadline )) || fail "not every dial-peer has $2 answered attempts${3:+ (7 at $3)} within $1 s"
    sleep 0.1
  done
}

# "tag address attempts" per dial-peer from `show voice class sip-options-keepalive 1`.
show_counts() {
  ctl "execute show voice class sip-options-keepalive 1" |
    awk '$1 ~ /^[0-9]+$/ && $8 ~ /\// { split($8, a, "/"); print $1, $2, a[1] }'
}

dialpeer_config "$work/gw.cfg" "$kport"
ops_start "$work/gw.cfg" 0.02
await_all 20 8
before=$(show_counts)
[[ $(wc -l <<<"$before") == "$n" ]] || fail "show listed $(wc -l <<<"$before") dial-peers, not $n: $before"

dialpeer_config "$work/gw.cfg" "$kport2"
t_reload=$(date +%s.%N)
kill -HUP "$gw_pid"
await_event 10 event=config.applied >/dev/null
after=$(show_counts)
grep -q "%SYS-5-CONFIG_I: restarting dial-peer 7$" "$gw_log" || fail "the reload did not restart exactly dial-peer 7"
grep -q "%SIP-6-DIALPEER_KEEPALIVE: OPTIONS keepalive restarted for dial-peer 7$" "$gw_log" ||
  fail "no IOS log line for the restart of dial-peer 7"
[[ $(grep -c "OPTIONS keepalive restarted for dial-peer" "$gw_log") == 1 ]] || fail "more than one dial-peer restarted"
python3 - "$before" "$after" "127.0.0.1:$kport2" <<'PY' || fail "show counters around the reload"
import sys
before = {l.split()[0]: l.split() for l in sys.argv[1].splitlines()}
after = {l.split()[0]: l.split() for l in sys.argv[2].splitlines()}
assert before.keys() == after.keys(), "dial-peers differ"
for tag, (t, addr, n) in after.items():
    if tag == "7":
        assert int(n) < int(before[tag][2]), f"7 kept its count: {before[tag]} -> {after[tag]}"
        assert addr in ("ipv4:" + sys.argv[3], sys.argv[3]), f"7 not at the new target: {addr}"
    else:
        assert int(n) >= int(before[tag][2]), f"{tag} was reset: {before[tag]} -> {after[tag]}"
        assert addr == before[tag][1], f"{tag} moved: {before[tag][1]} -> {addr}"
print("attempts of 7 before/after the reload:", before["7"][2], after["7"][2])
PY
await_all 20 2 "127.0.0.1:$kport2"
# The others' answered attempts around the reload: 200 ms apart plus a round trip.
dp_attempts | python3 -c '
import sys
t = float(sys.argv[1])
by_tag = {}
for l in sys.stdin:
    ts, tag, addr = l.split()
    if tag != "7": by_tag.setdefault(tag, []).append(float(ts))
gaps = []
for tag, ts in by_tag.items():
    near = [x for x in ts if t - 1.0 < x < t + 1.5]
    gaps += [b - a for a, b in zip(near, near[1:])]
print(f"{len(gaps)} gaps of 49 dial-peers around the reload: min {min(gaps):.3f} s, max {max(gaps):.3f} s")
sys.exit(0 if gaps and min(gaps) > 0.1 and max(gaps) < 0.5 else 1)' "$t_reload" ||
  fail "an unchanged dial-peer was probed off its schedule around the reload"
gw_stop
echo "PASS: reload restarted only the changed dial-peer; the 49 others kept schedule and counters"
