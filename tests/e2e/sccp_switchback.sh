#!/usr/bin/env bash
# End-to-end: switchback methods `uptime` and `guard` with `gatewatch run` and ccm-sim.
# For each method: register on CCM 1, `silent 1` → switchover to CCM 2, `ack 1` → CCM 1
# answers (its first acknowledged KeepAlive on a new connection). Asserts:
#  - uptime: sccp.switchback 2 → 1 comes `switchback interval` × time scale after the answer
#    (within [-3, +25] ms; printed), and not before;
#  - guard (guard 60 s, the shortest): gatewatch carries no calls, so the group is idle and the
#    switchback comes at once after the answer (well before the guard time × scale).
#
# usage: tests/e2e/sccp_switchback.sh PATH/TO/gatewatch PATH/TO/ccm-sim
set -euo pipefail
gw=${1:-} sim=${2:-}
source "$(dirname "$0")/sccp_common.sh"

scale=0.02 ka=2 retries=2 ci=1 sbi=20   # interval 40 ms, connect 20 ms, switchback interval 400 ms
sim_start 2 --keepalive-interval "$ka" --secondary-interval "$ka"

run_method() {  # $1: switchback method line; sets result (answer → switchback, ms)
  group_config <<CFG
 associate profile 1 register MTP1
 keepalive retries $retries
 connect interval $ci
 switchover method immediate
 $1
 switchback interval $sbi
!
dspfarm profile 1 mtp
 associate application SCCP
!
CFG
  : >"$events"
  gw_start "$scale"
  ev_wait 5 event=sccp.ccm.registered ccm=1 device=MTP1 >/dev/null
  sim_wait 5 "^ccm=2 rx KeepAlive" >/dev/null
  sim_cmd "silent 1" >/dev/null
  _r=$(ev_wait 5 event=sccp.switchover from=1 to=2); read -r ev_over _ <<<"$_r"
  ev_wait -a "$ev_over" 5 event=sccp.ccm.registered ccm=2 device=MTP1 >/dev/null
  _r=$(sim_cmd "ack 1"); read -r line_ack _ <<<"$_r"
  _r=$(ev_wait -a "$ev_over" 5 event=sccp.switchback from=2 to=1); read -r _ t_back _ <<<"$_r"
  _r=$(sim_wait -a "$line_ack" 5 '^ccm=1 rx KeepAlive$'); read -r _ t_answer _ <<<"$_r"
  gw_stop
  result=$(ms "$t_answer" "$t_back")
}

# ccm-sim keeps running between the two daemons; CCM 1 acks again after each run.
run_method "switchback method uptime"
d_uptime=$result
want=$(python3 -c "print(round($sbi*$scale*1000, 3))")
lateness=$(python3 -c "print('%.1f' % ($d_uptime - $want))")
echo "uptime: switchback ${d_uptime} ms after CCM 1 answered (switchback interval ${want} ms): lateness_ms=$lateness"
within "$lateness" -3 25 || fail "uptime switchback lateness $lateness ms"

run_method "switchback method guard 60"
d_guard=$result
echo "guard 60 (scaled $(python3 -c "print(60*$scale*1000)") ms), no calls: switchback ${d_guard} ms after CCM 1 answered"
within "$d_guard" -2 15 || fail "guard switchback with no calls took $d_guard ms"

echo "PASS: uptime switchback lateness ${lateness} ms; guard with no calls switches back at once (${d_guard} ms)"
