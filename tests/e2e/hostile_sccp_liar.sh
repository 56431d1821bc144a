#!/usr/bin/env bash
# Hostile SCCP "CallManager" (lib/hostile_peer.py sccp-liar): answers gatewatch's first message
# with a header whose data_length is 0x7fffffff, then keeps trickling bytes. gatewatch's SCCP
# framer refuses a data_length above kMaxDataLength (2048): the connection must be dropped at
# once and the CCM reported down (sccp.ccm.down, reason closed), without buffering the lie.
# Prints the bytes the liar got out before the cut and gatewatch's RSS.
# usage: hostile_sccp_liar.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/fault_common.sh"

port=2000
peer_b liar python3 "$lib/hostile_peer.py" sccp-liar --listen "$ADDR_B:$port" --log "$work/liar.log"
await_line 10 "$work/liar.log" ' ready$'
cat >"$work/gw.cfg" <<CFG
sccp ccm $ADDR_B identifier 1 port $port version 7.0
sccp
!
sccp ccm group 1
 associate ccm 1 priority 1
 associate profile 1 register CFB-LIAR1
!
dspfarm profile 1 conference
 maximum sessions 2
 associate application SCCP
CFG
"$gw" check -c "$work/gw.cfg" >/dev/null || fail "sccp config rejected"
gw_start "$work/gw.cfg" 0.2
sccp_or_skip
dn=$(await_event 20 event=sccp.ccm.down ccm=1)
await_line 10 "$work/liar.log" ' sccp-closed '
read -r sent how < <(awk '$2 == "sccp-closed" {print $3, $4; exit}' "$work/liar.log")
reason=$(field "$dn" reason)
rss=$(gw_rss_kb)
gw_stop
echo "lying data_length: sccp.ccm.down reason $reason; the liar sent $sent bytes before the cut ($how); RSS $rss KiB"
figure "reason=$reason" "liar_bytes=$sent" "how=$how" "rss_kb=$rss"
[[ $how != timeout ]] || fail "gatewatch kept the lying connection open for 10 s"
[[ $reason == closed ]] || fail "reason $reason, want closed"
(( sent < 256 * 1024 )) || fail "cut only after $sent bytes"
echo "PASS: lying data_length disconnected (reason $reason)"
