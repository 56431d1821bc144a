#!/usr/bin/env bash
# SCCP faults in namespaces: gatewatch (A) registered on CallManager 1 of two (ccm-sim in B,
# keepalive interval 1 s, keepalive retries 3, switchover immediate, time scale 0.2).
#  blackhole: nft in B drops everything to CCM 1's port -> sccp.ccm.down ccm 1 reason keepalive,
#    retries x interval (scaled) after the first unacknowledged KeepAlive, so at most
#    (retries + 1) x interval after the rule; then sccp.switchover 1 -> 2 and registered on 2.
#  closed: nft in B answers CCM 1's port with a TCP reset -> sccp.ccm.down ccm 1 reason closed
#    (or refused), well before the keepalive budget; then the same switchover.
# Prints the time from the fault to down and to switchover for each.
# usage: fault_sccp.sh [BUILD_DIR|GATEWATCH] [CCM_SIM]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/fault_common.sh"
sim=${2:-$(dirname "$gw")/ccm-sim}
[[ -x $sim ]] || { echo "SKIP: ccm-sim not found at $sim"; exit 77; }

scale=0.2 interval=1 retries=3
budget=$(python3 -c "print(($retries + 1) * $interval * $scale)")
c1=2000 c2=2001
results=()

run_case() {
  local mode=$1 rule=$2 want=$3 t0 dn sw
  peer_b sim "$sim" --control "$work/sim.sock" \
    --listen "$ADDR_B:$c1" --listen "$ADDR_B:$c2" --keepalive-interval "$interval" --secondary-interval 2
  cat >"$work/gw.cfg" <<EOF
sccp ccm $ADDR_B identifier 1 port $c1 version 7.0
sccp ccm $ADDR_B identifier 2 port $c2 version 7.0
sccp
!
sccp ccm group 1
 associate ccm 1 priority 1
 associate ccm 2 priority 2
 associate profile 1 register CFB-FAULT1
 keepalive retries $retries
 switchover method immediate
!
dspfarm profile 1 conference
 maximum sessions 2
 associate application SCCP
EOF
  "$gw" check -c "$work/gw.cfg" >/dev/null || fail "sccp config rejected"
  # ccm-sim binds asynchronously: gatewatch retries its connect (connect interval) anyway, so
  # the registration below is the readiness we wait for.
  gw_start "$work/gw.cfg" "$scale"
  sccp_or_skip
  await_event 20 event=sccp.ccm.registered ccm=1 >/dev/null
  t0=$(date +%s.%N)
  nft_b "tcp dport $c1 $rule"
  dn=$(await_event 20 event=sccp.ccm.down ccm=1)
  sw=$(await_event 10 event=sccp.switchover from=1 to=2)
  await_event 10 event=sccp.ccm.registered ccm=2 >/dev/null
  local reason dt st
  reason=$(field "$dn" reason)
  dt=$(python3 -c "print(f'{$(event_ts "$dn") - $t0:.3f}')")
  st=$(python3 -c "print(f'{$(event_ts "$sw") - $t0:.3f}')")
  echo "$mode: sccp.ccm.down reason $reason ${dt} s after the fault (keepalive budget ${budget} s), switchover 1->2 at ${st} s"
  [[ " $want " == *" $reason "* ]] || fail "$mode: reason $reason, want one of: $want"
  python3 -c "import sys; sys.exit(0 if $dt <= $budget + 0.3 else 1)" || fail "$mode: down after ${dt} s"
  results+=("${mode}_reason=$reason" "${mode}_down_s=$dt" "${mode}_switchover_s=$st")
  gw_stop
  peer_b_stop sim
  nft_b_flush
}

run_case blackhole drop keepalive
run_case closed "reject with tcp reset" "closed refused"
figure "${results[@]}"
echo "PASS: blackholed CCM down (keepalive), closed CCM down (closed/refused), both switch over"
