#!/usr/bin/env bash
# End-to-end: every CallManager down (connections refused) with `gatewatch run` and ccm-sim.
# Both CCMs refuse connections before gatewatch starts. Asserts:
#  - sccp.ccm.down reason refused for CCM 1 and CCM 2 (after `connect retries` refusals), no
#    registration anywhere;
#  - `accept 2`: CCM 2 is connected within `connect interval` × time scale (the retry period;
#    printed), the device registers there;
#  - `accept 1`: CCM 1 is connected within one connect interval, answers, and the group
#    switches back to it (default method guard: no calls, so at once): sccp.switchback 2 → 1.
#
# usage: tests/e2e/sccp_refuse.sh PATH/TO/gatewatch PATH/TO/ccm-sim
set -euo pipefail
gw=${1:-} sim=${2:-}
source "$(dirname "$0")/sccp_common.sh"

scale=0.02 ci=5 cr=2   # retry every 100 ms; down after 2 refusals
sim_start 2 --keepalive-interval 2 --secondary-interval 2
sim_cmd "refuse 1" >/dev/null
sim_cmd "refuse 2" >/dev/null
group_config <<CFG
 associate profile 1 register XCODE1
 connect retries $cr
 connect interval $ci
!
dspfarm profile 1 transcode
 associate application SCCP
!
CFG
gw_start "$scale"
_r=$(ev_wait 5 event=sccp.ccm.down group=1 ccm=1 reason=refused); read -r ev1 _ <<<"$_r"
_r=$(ev_wait 5 event=sccp.ccm.down group=1 ccm=2 reason=refused); read -r ev2 _ <<<"$_r"
grep -q '"sccp.ccm.registered"' "$events" && fail "registered although every CCM refuses"
period=$(python3 -c "print(round($ci*$scale*1000, 3))")

_r=$(sim_cmd "accept 2"); read -r line_a2 t_a2 <<<"$_r"
_r=$(sim_wait -a "$line_a2" 5 '^ccm=2 connected from'); read -r _ t_c2 _ <<<"$_r"
d2=$(ms "$t_a2" "$t_c2")
echo "CCM 2 connected ${d2} ms after accept (retry period ${period} ms)"
within "$d2" 0 "$(python3 -c "print($period+15)")" || fail "CCM 2 reconnect took $d2 ms"
sim_wait -a "$line_a2" 5 '^ccm=2 rx Register device=XCODE1 type=111 ' >/dev/null
_r=$(ev_wait -a "$ev2" 5 event=sccp.ccm.registered ccm=2 device=XCODE1); read -r ev_r2 _ <<<"$_r"

_r=$(sim_cmd "accept 1"); read -r line_a1 t_a1 <<<"$_r"
_r=$(sim_wait -a "$line_a1" 5 '^ccm=1 connected from'); read -r _ t_c1 _ <<<"$_r"
d1=$(ms "$t_a1" "$t_c1")
echo "CCM 1 connected ${d1} ms after accept (retry period ${period} ms)"
within "$d1" 0 "$(python3 -c "print($period+15)")" || fail "CCM 1 reconnect took $d1 ms"
ev_wait -a "$ev_r2" 5 event=sccp.switchback group=1 from=2 to=1 >/dev/null
sim_wait -a "$line_a1" 5 '^ccm=1 rx Register device=XCODE1 type=111 ' >/dev/null
ev_wait -a "$ev_r2" 5 event=sccp.ccm.registered ccm=1 device=XCODE1 >/dev/null

gw_stop
echo "PASS: refused CCMs reported down, reconnected within the connect interval (${d2}/${d1} ms of ${period}), switchback to CCM 1"
