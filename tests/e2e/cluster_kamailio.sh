#!/usr/bin/env bash
# e2e: every node's Kamailio dispatcher follows every dial-peer. One SBC on loopback (lib/sbc.sh:
# Kamailio with its dispatcher over JSON-RPC, two SIPp trunks), three gatewatch nodes from one
# file binding dial-peers 1 and 2 (the trunks) to dispatcher set 1, one etcd. Lease 2 s,
# up-interval 10 s x 0.1.
# Asserts: trunk 1 killed: every node reports dial-peer.down 1 with the same `node` (the one
# that probed it) and kamailio.dispatcher.set 1 state i, including the two nodes that did not
# probe it; dispatcher.list shows IX and every node's show dial-peer voice summary busyout.
# Trunk 1 back: every node reports dial-peer.up 1 and kamailio.dispatcher.set state a; AX.
# usage: cluster_kamailio.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/cluster_common.sh"
need sipp

sbc=$lib/sbc.sh
_peers+=("sbc.sh $work/sbc")
"$sbc" start "$work/sbc" >/dev/null || fail "sbc.sh start"
# shellcheck source=/dev/null
source "$work/sbc/env"
read -r cport pport < <(free_ports 2)
peer etcd.sh "$work/etcd" --name e1 --client "$cport" --peer "$pport"
cat >"$work/gw.cfg" <<CFG
cluster etcd http://127.0.0.1:$cport
cluster lease $lease
kamailio rpc $KAM_RPC_URL
kamailio resync 2
!
voice class sip-options-keepalive 1
 up-interval 10
 down-interval 5
!
dial-peer voice 1 voip
 session target ipv4:127.0.0.1:$TRUNK1_PORT
 voice-class sip options-keepalive profile 1
 kamailio dispatcher set 1
!
dial-peer voice 2 voip
 session target ipv4:127.0.0.1:$TRUNK2_PORT
 voice-class sip options-keepalive profile 1
 kamailio dispatcher set 1
!
CFG
"$gw" check -c "$work/gw.cfg" >/dev/null || fail "config rejected: $(cat "$work/gw.cfg")"
for x in a b c; do node_start "$x"; done
for x in a b c; do for y in a b c; do node_await "$x" 20 event=cluster.member.up "node=$y" >/dev/null; done; done

state_of() { "$sbc" state "$work/sbc" "$1"; }
await_state() {  # N FLAGS SECONDS
  local deadline=$(( $(date +%s) + $3 ))
  until [[ $(state_of "$1") == "$2" ]]; do
    (( $(date +%s) <= deadline )) || fail "trunk $1 is $(state_of "$1"), not $2"
    sleep 0.1
  done
}
await_state 1 AX 10

"$sbc" trunk-kill "$work/sbc" 1
owners=""
for x in a b c; do
  line=$(node_await "$x" 20 event=dial-peer.down dial_peer=1)
  owners+="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["node"])' "$line") "
  node_await "$x" 10 event=kamailio.dispatcher.set dial_peer=1 set=1 state=i >/dev/null
done
[[ $(tr ' ' '\n' <<<"$owners" | sort -u | grep -c .) == 1 ]] || fail "dial-peer.down 1 from several nodes: $owners"
owner=${owners%% *}
await_state 1 IX 10
for x in a b c; do
  node_ctl "$x" "execute show dial-peer voice summary" | grep -Eq '^1 .* busyout$' ||
    fail "node $x does not show dial-peer 1 busyout"
done
echo "trunk 1 down: probed by $owner; every node's Kamailio service set it i; dispatcher.list IX"

"$sbc" trunk-start "$work/sbc" 1
for x in a b c; do
  node_await "$x" 30 event=dial-peer.up dial_peer=1 >/dev/null
  node_await "$x" 10 event=kamailio.dispatcher.set dial_peer=1 set=1 state=a >/dev/null
done
await_state 1 AX 10
echo "trunk 1 back: every node set it a; dispatcher.list AX"
echo PASS
