#!/usr/bin/env bash
# End-to-end: live SCCP reconfiguration with `gatewatch run --control` against ccm-sim.
# Two `sccp ccm group`s, each with its own CallManager (ccm-sim listens twice: CCM 1 serves
# group 1, CCM 2 serves group 2). ccm-sim's RegisterAck carries interval 0, so each group keeps
# its configured `keepalive timeout` (4 s × 0.05 = 200 ms) and sccp.ccm.registered reports it.
# Asserts:
#  1. `configure terminal` through `gatewatch cli` changes group 2's keepalive timeout: group 2
#     re-registers (ccm-sim sees a new Register on CCM 2; sccp.ccm.registered group 2 with the
#     new interval); group 1 is untouched: CCM 1 sees no new connection or Register, no event
#     for group 1, its KeepAlives keep their 200 ms schedule (every gap within [0.5, 1.5] ×
#     interval around the change: no pause, no extra one), and `show sccp ccm group 1` keeps
#     counting (Connects 1, KeepAlives sent grows);
#  2. SIGHUP with an edited file that changes group 1 only: the mirror image (CCM 1 sees the
#     new Register, CCM 2 nothing);
#  3. SIGHUP with an invalid file: config.rejected, no Register anywhere, running-config kept.
# Every wait is on the event stream or on ccm-sim's output; no sleep decides a result.
#
# usage: tests/e2e/ops_reload_sccp.sh PATH/TO/gatewatch PATH/TO/ccm-sim
set -euo pipefail
gw=${1:-} sim=${2:-}
source "$(dirname "$0")/sccp_common.sh"

scale=0.05 ka=4
sock=$work/control.sock
sim_start 2 --keepalive-interval 0 --secondary-interval 0

write_cfg() {  # write_cfg G1_KEEPALIVE G2_KEEPALIVE [EXTRA LINE]
  cat >"$work/gw.cfg" <<CFG
sccp ccm 127.0.0.1 identifier 1 port ${ports[1]} version 7.0
sccp ccm 127.0.0.1 identifier 2 port ${ports[2]} version 7.0
sccp
!
sccp ccm group 1
 associate ccm 1 priority 1
 associate profile 1 register CFB1
 keepalive timeout $1
!
sccp ccm group 2
 associate ccm 2 priority 1
 associate profile 2 register MTP2
 keepalive timeout $2
!
dspfarm profile 1 conference
 associate application SCCP
!
dspfarm profile 2 mtp
 associate application SCCP
!
${3:-}
end
CFG
}

cli() {  # cli LINE...: one `gatewatch cli` session on a pipe; prints its transcript
  printf '%s\n' "$@" | "$gw" cli --control "$sock" >"$work/cli.out" 2>&1 || fail "gatewatch cli: $(cat "$work/cli.out")"
  if grep -q '^% ' "$work/cli.out"; then fail "gatewatch cli rejected a line: $(cat "$work/cli.out")"; fi
  cat "$work/cli.out"
}

lines() { wc -l <"$1" | tr -d ' '; }

# kas N CCM AFTER: wait for N KeepAlives of CCM after sim line AFTER; print the last line number.
kas() {
  local n=$1 ccm=$2 at=$3 i _r
  for ((i = 0; i < n; i++)); do
    _r=$(sim_wait -a "$at" 5 "^ccm=$ccm rx KeepAlive\$")
    at=${_r%% *}
  done
  echo "$at"
}

# untouched CCM SIM_MARK EV_MARK GROUP: nothing new for that CCM/group after the marks.
untouched() {
  local ccm=$1 sim_mark=$2 ev_mark=$3 group=$4
  if tail -n +"$((sim_mark + 1))" "$sim_out" | grep -E " ccm=$ccm (connected|closed|rx (Register|Unregister))"; then
    fail "CCM $ccm saw a new connection or registration"
  fi
  python3 - "$events" "$ev_mark" "$group" <<'PY' || fail "events for group $group after the change"
import json, sys
path, after, group = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
bad = [l for i, l in enumerate(open(path), 1)
       if i > after and json.loads(l).get("group") == group]
print("".join(bad), end="")
sys.exit(1 if bad else 0)
PY
}

# on_schedule CCM T_CHANGE INTERVAL: CCM's KeepAlive gaps from 1 s before the change on lie
# within [0.5, 1.5] × INTERVAL (s); prints them.
on_schedule() {
  python3 - "$3" "$2" <<PY || fail "CCM $1 KeepAlives off schedule around the change"
import sys
iv, t = float(sys.argv[1]), float(sys.argv[2])
ts = [float(x) for x in """$(sim_times "^ccm=$1 rx KeepAlive\$")""".split()]
near = [x for x in ts if x > t - 1.0]
gaps = [b - a for a, b in zip(near, near[1:])]
print("CCM $1 KeepAlive gaps around the change (ms):", " ".join("%.0f" % (g * 1000) for g in gaps))
sys.exit(0 if len(gaps) >= 8 and 0.5 * iv < min(gaps) and max(gaps) < 1.5 * iv else 1)
PY
}

group_counter() {  # group_counter GROUP REGEX: the first number after REGEX in `show sccp ccm group`
  cli "show sccp ccm group $1" | python3 -c "
import re, sys
m = re.search(r'$2 (\d+)', sys.stdin.read())
print(m.group(1) if m else -1)"
}

write_cfg "$ka" "$ka"
"$gw" run -c "$work/gw.cfg" --events "$events" --control "$sock" --time-scale "$scale" 2>"$gw_err" &
gw_pid=$!
ev_wait 5 event=sccp.ccm.registered group=1 ccm=1 device=CFB1 keepalive_interval=$ka >/dev/null
ev_wait 5 event=sccp.ccm.registered group=2 ccm=2 device=MTP2 keepalive_interval=$ka >/dev/null
for _ in $(seq 250); do [[ -S $sock ]] && break; sleep 0.02; done
[[ -S $sock ]] || fail "control socket never appeared"
kas 3 1 0 >/dev/null

# 1. Live change of group 2 only.
sent_before=$(group_counter 1 "KeepAlives sent")
sim_mark=$(lines "$sim_out") ev_mark=$(lines "$events") t_change=$(date +%s.%N)
cli "configure terminal" "sccp ccm group 2" "keepalive timeout 6" "end" >/dev/null
_r=$(ev_wait -a "$ev_mark" 5 event=sccp.ccm.registered group=2 ccm=2 device=MTP2 keepalive_interval=6)
_r=$(sim_wait -a "$sim_mark" 5 '^ccm=2 rx Register device=MTP2 type=110 ')
kas 5 1 "${_r%% *}" >/dev/null  # group 1 keeps going well after group 2 is back
untouched 1 "$sim_mark" "$ev_mark" 1
on_schedule 1 "$t_change" "$(python3 -c "print($ka * $scale)")"
grep -q "%SCCP-6-GROUP: CCM group 2 restarted: 1 CallManager(s), 1 device(s)" "$gw_err" \
  || fail "no %SCCP-6-GROUP restarted line for group 2"
grep -q "restarting ccm-group 2$" "$gw_err" || fail "the diff did not name only ccm-group 2"
if grep -q "CCM group 1 restarted" "$gw_err"; then fail "group 1 restarted"; fi
cli "show sccp ccm group 2" | grep -q "Keepalive Timeout: 6 sec" || fail "show sccp ccm group 2: old settings"
[[ $(group_counter 1 "Connects") == 1 ]] || fail "group 1 reconnected (Connects != 1)"
sent_after=$(group_counter 1 "KeepAlives sent")
((sent_after >= sent_before + 5)) || fail "group 1 KeepAlives sent $sent_before -> $sent_after (reset?)"
echo "live change: group 2 re-registered; group 1 untouched (KeepAlives sent $sent_before -> $sent_after)"

# 2. SIGHUP with a file that changes group 1 only (group 2 keeps the live value 6).
kas 3 1 "$(lines "$sim_out")" >/dev/null
write_cfg 3 6
sim_mark=$(lines "$sim_out") ev_mark=$(lines "$events") t_change=$(date +%s.%N)
kill -HUP "$gw_pid"
ev_wait -a "$ev_mark" 5 event=config.applied >/dev/null
ev_wait -a "$ev_mark" 5 event=sccp.ccm.registered group=1 ccm=1 device=CFB1 keepalive_interval=3 >/dev/null
_r=$(sim_wait -a "$sim_mark" 5 '^ccm=1 rx Register device=CFB1 type=50 ')
# on_schedule wants 8 gaps from 1 s before the change: at 300 ms, 1 s holds only 3 of them.
kas 7 2 "${_r%% *}" >/dev/null
untouched 2 "$sim_mark" "$ev_mark" 2
on_schedule 2 "$t_change" "$(python3 -c "print(6 * $scale)")"
grep -q "%SCCP-6-GROUP: CCM group 1 restarted" "$gw_err" || fail "no restarted line for group 1"
echo "reload: group 1 re-registered; group 2 untouched"

# 3. An invalid file changes nothing.
before=$(cli "show running-config")
write_cfg 3 5 "bogus command"
sim_mark=$(lines "$sim_out") ev_mark=$(lines "$events")
kill -HUP "$gw_pid"
ev_wait -a "$ev_mark" 5 event=config.rejected >/dev/null
at=$(kas 3 1 "$sim_mark")
kas 3 2 "$at" >/dev/null
untouched 1 "$sim_mark" "$ev_mark" 1
untouched 2 "$sim_mark" "$ev_mark" 2
[[ $(cli "show running-config") == "$before" ]] || fail "running config changed by a rejected reload"

gw_stop
echo "PASS: live change and reload restart only the changed SCCP group; invalid reload changes nothing"
