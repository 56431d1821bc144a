#!/usr/bin/env bash
# e2e: SIGHUP reload against Kamailio.
# Asserts: an invalid file → event config.rejected whose error is "FILE:LINE:COL: % ...",
# the running config stays (show running-config unchanged) and the primary's attempts go on
# on schedule: no gap around the reload longer than 1.5 active intervals, and no extra
# attempt (no gap shorter than half an interval); a valid file → config.applied, the changed
# secondary is probed, the unchanged primary keeps its schedule.
# usage: ops_reload.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/ops_common.sh"
need kamailio

read -r kport kport2 < <(free_ports 2)
peer kamailio.sh "$work/kam" --udp "127.0.0.1:$kport"
peer kamailio.sh "$work/kam2" --udp "127.0.0.1:$kport2"
write_config "$work/gw.cfg" "keepalive target ipv4:127.0.0.1:$kport" "timers keepalive active 10 down 5"
# active 10 s x 0.02 = 0.2 s between attempts
ops_start "$work/gw.cfg" 0.02
await_attempts 10 primary 3
before=$(ctl "execute show running-config")

printf 'sip-ua\n keepalive target ipv4:127.0.0.1:%s\n timers keepalive active 10 down 5\n bogus command\n' "$kport" >"$work/gw.cfg"
t_reload=$(date +%s.%N)
kill -HUP "$gw_pid"
line=$(await_event 5 event=config.rejected)
python3 - "$line" "$work/gw.cfg" <<'PY' || fail "config.rejected error: $line"
import json, re, sys
e = json.loads(sys.argv[1])["error"]
sys.exit(0 if re.fullmatch(re.escape(sys.argv[2]) + r":4:2: % Invalid input detected at '\^' marker\.", e) else 1)
PY
[[ $(ctl "execute show running-config") == "$before" ]] || fail "running config changed by a rejected reload"
n0=$(attempts | awk '$2 == "primary"' | wc -l)
await_attempts 10 primary $((n0 + 5))
python3 - "$t_reload" <<PY || fail "primary attempts off schedule around the reload"
import sys
t = float(sys.argv[1])
ts = [float(l.split()[0]) for l in """$(attempts | awk '$2 == "primary"')""".splitlines()]
near = [x for x in ts if t - 1.0 < x < t + 1.0]
gaps = [b - a for a, b in zip(near, near[1:])]
print("gaps around reload:", ["%.3f" % g for g in gaps])
sys.exit(0 if gaps and max(gaps) < 0.3 and min(gaps) > 0.1 else 1)
PY
grep -q "reload of .* rejected, running configuration kept" "$gw_log" || fail "no rejection log line"

# A valid file: config.applied, the new secondary is probed.
write_config "$work/gw.cfg" "keepalive target ipv4:127.0.0.1:$kport" "keepalive target ipv4:127.0.0.1:$kport2 secondary" \
  "timers keepalive active 10 down 5"
kill -HUP "$gw_pid"
await_event 5 event=config.applied >/dev/null
await_attempts 10 secondary 2
grep -q "restarting sip secondary$" "$gw_log" || fail "reload restarted more than the secondary"
gw_stop
echo "PASS: invalid reload rejected with FILE:LINE:COL, probes on schedule; valid reload applied"
