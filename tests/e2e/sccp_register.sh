#!/usr/bin/env bash
# End-to-end: `gatewatch run` registers its DSP farm profiles on the priority-1 CallManager of
# an `sccp ccm group` (ccm-sim) and keeps both CallManagers under keepalive.
# Asserts: ccm-sim receives Register for each profile on CCM 1 only, with the configured device
# names and types (conference 50, mtp 110, transcode 111); the profile without a dspfarm
# profile is skipped and gatewatch says why; events sccp.ccm.connected for CCM 1 and 2 and
# sccp.ccm.registered per device with keepalive_interval = the RegisterAck's (unscaled);
# KeepAlives on CCM 1 are spaced by RegisterAck's keepAliveInterval × time scale, those on the
# standby CCM 2 by secondaryKeepAliveInterval × time scale; SIGTERM stops gatewatch (exit 0)
# after CCM 1 received one Unregister per registered device (the orderly stop), CCM 2 none.
#
# usage: tests/e2e/sccp_register.sh PATH/TO/gatewatch PATH/TO/ccm-sim
set -euo pipefail
gw=${1:-} sim=${2:-}
source "$(dirname "$0")/sccp_common.sh"

scale=0.02 ka=3 ska=5   # KeepAlives every 60 ms on the active CCM, 100 ms on the standby
sim_start 2 --keepalive-interval "$ka" --secondary-interval "$ska"
group_config <<CFG
 associate profile 1 register CFB1
 associate profile 2 register MTP1
 associate profile 3 register XCODE1
 associate profile 4 register GHOST1
!
dspfarm profile 1 conference
 maximum sessions 4
 associate application SCCP
!
dspfarm profile 2 mtp
 associate application SCCP
!
dspfarm profile 3 transcode
 associate application SCCP
!
CFG
gw_start "$scale"

ev_wait 5 event=sccp.ccm.connected group=1 ccm=1 >/dev/null
ev_wait 5 event=sccp.ccm.connected group=1 ccm=2 >/dev/null
for dev in CFB1 MTP1 XCODE1; do
  ev_wait 5 event=sccp.ccm.registered group=1 ccm=1 device=$dev keepalive_interval=$ka >/dev/null
done
for pair in "CFB1 50" "MTP1 110" "XCODE1 111"; do
  read -r dev type <<<"$pair"
  sim_wait 5 "^ccm=1 rx Register device=$dev type=$type " >/dev/null
done
grep -q "ccm=2 rx Register" "$sim_out" && fail "a device registered on the standby CCM 2"
grep -q "GHOST1" "$sim_out" && fail "profile 4 (no dspfarm profile) registered"
grep -q "%SCCP-4-CONFIG: CCM group 1: profile 4 (GHOST1) not registered: no \`dspfarm profile 4\`" "$gw_err" ||
  fail "no log line saying why profile 4 is skipped"

# KeepAlive spacing, measured on ccm-sim's side over >= 8 intervals after registration.
start=$(sim_wait 5 "^ccm=1 rx CapabilitiesRes" | cut -d' ' -f1)
sim_wait -a "$start" 5 "^ccm=2 rx KeepAlive" >/dev/null
for _ in $(seq 400); do
  n1=$(sim_times '^ccm=1 rx KeepAlive$' "$start" | wc -l)
  n2=$(sim_times '^ccm=2 rx KeepAlive$' "$start" | wc -l)
  ((n1 >= 10 && n2 >= 8)) && break
  sleep 0.01
done
spacing() {  # median spacing (ms) of the KeepAlives of CCM $1 after line $start, skipping the first
  sim_times "^ccm=$1 rx KeepAlive\$" "$start" | python3 -c '
import sys, statistics
t = [float(x) for x in sys.stdin][1:]
print("%.1f" % (statistics.median(b - a for a, b in zip(t, t[1:])) * 1000))'
}
s1=$(spacing 1) s2=$(spacing 2)
want1=$(python3 -c "print(round($ka*$scale*1000, 3))") want2=$(python3 -c "print(round($ska*$scale*1000, 3))")
echo "KeepAlive spacing: active CCM 1 ${s1} ms (want ${want1}), standby CCM 2 ${s2} ms (want ${want2})"
within "$s1" "$(python3 -c "print($want1-3)")" "$(python3 -c "print($want1+5)")" || fail "CCM 1 KeepAlive spacing ${s1} ms"
within "$s2" "$(python3 -c "print($want2-3)")" "$(python3 -c "print($want2+5)")" || fail "CCM 2 KeepAlive spacing ${s2} ms"

gw_stop
for _ in $(seq 500); do  # ccm-sim may write its last lines just after gatewatch exits
  (($(grep -c "ccm=1 rx Unregister" "$sim_out") >= 3)) && break
  sleep 0.01
done
n=$(grep -c "ccm=1 rx Unregister" "$sim_out" || true)
((n == 3)) || fail "CCM 1 received $n Unregister on SIGTERM, want 3 (one per registered device)"
grep -q "ccm=2 rx Unregister" "$sim_out" && fail "a device unregistered from the standby CCM 2"
echo "PASS: 3 devices registered on CCM 1 with types 50/110/111, standby CCM 2 under keepalive, spacing ${s1}/${s2} ms, Unregister on SIGTERM"
