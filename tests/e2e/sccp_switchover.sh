#!/usr/bin/env bash
# End-to-end: SCCP keepalive failure, switchover, switchback and closed connections with
# `gatewatch run` against ccm-sim (two CallManagers), switchover/switchback method immediate.
# Asserts, in order:
#  1. registration on CCM 1 (priority 1); KeepAlives at RegisterAck's interval × time scale;
#  2. `silent 1` (CCM 1 stops acking): sccp.ccm.down reason keepalive, then sccp.switchover
#     from 1 to 2, `keepalive retries` × interval after the first unacknowledged KeepAlive
#     (measured from ccm-sim's receive time of that KeepAlive; the lateness is printed and must
#     lie within [-3, +40] ms: a loaded machine delays timers); the device registers on CCM 2;
#  3. `ack 1`: CCM 1 answers on its next connection → sccp.switchback from 2 to 1 at once
#     (method immediate), CCM 2 gets the Unregister and CCM 1 the Register;
#  4. `close 1`: sccp.ccm.down reason closed and sccp.switchover 1 → 2 within a few ms.
# Prints "lateness_ms=<x>" for docs/benchmarks.md (see SCCP keepalive there).
#
# usage: tests/e2e/sccp_switchover.sh PATH/TO/gatewatch PATH/TO/ccm-sim
set -euo pipefail
gw=${1:-} sim=${2:-}
source "$(dirname "$0")/sccp_common.sh"

scale=${SCALE:-0.05} ka=2 retries=3 ci=1   # interval 100 ms, switchover after 300 ms
sim_start 2 --keepalive-interval "$ka" --secondary-interval "$ka"
group_config <<CFG
 associate profile 1 register CFB1
 keepalive retries $retries
 connect interval $ci
 switchover method immediate
 switchback method immediate
!
dspfarm profile 1 conference
 associate application SCCP
!
CFG
gw_start "$scale"
ev_wait 5 event=sccp.ccm.registered ccm=1 device=CFB1 keepalive_interval=$ka >/dev/null
sim_wait 5 "^ccm=2 rx KeepAlive" >/dev/null

# 2. CCM 1 stops acking.
_r=$(sim_cmd "silent 1"); read -r line_silent t_silent <<<"$_r"
_r=$(sim_wait -a "$line_silent" 5 '^ccm=1 rx KeepAlive$'); read -r _ t_first _ <<<"$_r"
_r=$(ev_wait 5 event=sccp.ccm.down group=1 ccm=1 reason=keepalive); read -r ev_down t_down _ <<<"$_r"
_r=$(ev_wait 5 event=sccp.switchover group=1 ccm=2 from=1 to=2); read -r ev_over t_over _ <<<"$_r"
((ev_over > ev_down)) || fail "switchover before down"
expected=$(python3 -c "print(round($retries*$ka*$scale*1000, 3))")
lateness=$(python3 -c "print('%.1f' % ((float('$t_down')-float('$t_first'))*1000 - $expected))")
echo "keepalive down after $(ms "$t_first" "$t_down") ms (expected $expected ms): lateness_ms=$lateness"
within "$lateness" -3 40 || fail "down lateness $lateness ms"
within "$(ms "$t_down" "$t_over")" 0 5 || fail "switchover $(ms "$t_down" "$t_over") ms after down"
sim_wait -a "$line_silent" 5 '^ccm=2 rx Register device=CFB1 type=50 ' >/dev/null
ev_wait -a "$ev_over" 5 event=sccp.ccm.registered ccm=2 device=CFB1 >/dev/null

# 3. CCM 1 answers again: switchback at once.
_r=$(sim_cmd "ack 1"); read -r line_ack t_ack <<<"$_r"
_r=$(ev_wait -a "$ev_over" 5 event=sccp.switchback group=1 ccm=1 from=2 to=1); read -r ev_back t_back _ <<<"$_r"
_r=$(sim_wait -a "$line_ack" 5 '^ccm=1 rx KeepAlive$'); read -r _ t_answer _ <<<"$_r"
echo "switchback $(ms "$t_answer" "$t_back") ms after CCM 1's first acked KeepAlive (immediate)"
within "$(ms "$t_answer" "$t_back")" -2 10 || fail "immediate switchback took $(ms "$t_answer" "$t_back") ms"
sim_wait -a "$line_ack" 5 '^ccm=2 rx Unregister' >/dev/null
sim_wait -a "$line_ack" 5 '^ccm=1 rx Register device=CFB1 type=50 ' >/dev/null
ev_wait -a "$ev_back" 5 event=sccp.ccm.registered ccm=1 device=CFB1 >/dev/null

# 4. CCM 1 closes its connections: down (closed) and switchover at once.
_r=$(sim_cmd "close 1"); read -r line_close t_close <<<"$_r"
_r=$(ev_wait -a "$ev_back" 5 event=sccp.ccm.down group=1 ccm=1 reason=closed); read -r ev_down2 t_down2 _ <<<"$_r"
_r=$(ev_wait -a "$ev_down2" 5 event=sccp.switchover group=1 ccm=2 from=1 to=2); read -r _ t_over2 _ <<<"$_r"
echo "closed: down $(ms "$t_close" "$t_down2") ms, switchover $(ms "$t_close" "$t_over2") ms after close"
within "$(ms "$t_close" "$t_over2")" -2 15 || fail "switchover after close took $(ms "$t_close" "$t_over2") ms"
sim_wait -a "$line_close" 5 '^ccm=2 rx Register device=CFB1 ' >/dev/null

gw_stop
echo "PASS: keepalive switchover lateness ${lateness} ms, immediate switchback, closed → switchover"
