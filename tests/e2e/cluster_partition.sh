#!/usr/bin/env bash
# e2e: a node cut from etcd by a network partition (namespaces and nftables, lib/netns.sh), then
# healed. etcd, Kamailio and nodes b and c in namespace A; node a in namespace B, reaching etcd
# and Kamailio over a veth pair. 30 dial-peers, lease 2 s, up-interval 10 s x 0.1.
# Asserts:
#  (a) partition (nftables drops a's etcd traffic, SIP still flows): a reports cluster.lease.lost
#      and keeps probing its share; b and c report cluster.member.down a and take a's
#      dial-peers over (each probed by a and by one of b, c: twice is harmless, none is not);
#  (b) Kamailio stops during the partition: every node sees the dial-peers it probes go down;
#  (c) heal: a holds a lease again, b and c see it come back, and within one lease TTL (+ 3 s of
#      slack) every node shows all 30 dial-peers busyout and each dial-peer is probed by exactly
#      one node again, by the same node as before the partition.
# usage: cluster_partition.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/cluster_common.sh"
source "$lib/netns.sh"
netns_setup

n=30
read -r kport cport pport < <(free_ports 3)
ip netns exec "$NS_A" "$lib/kamailio.sh" start "$work/kam" --udp "$ADDR_A:$kport" >/dev/null ||
  fail "kamailio in A"
ip netns exec "$NS_A" "$lib/etcd.sh" start "$work/etcd" --host "$ADDR_A" --name e1 \
  --client "$cport" --peer "$pport" >/dev/null || fail "etcd in A"
kport_saved=$kport
kport=$kport  # cluster_config uses 127.0.0.1: rewrite the session targets for the veth address
cluster_config "$work/gw.cfg" "$n" "http://$ADDR_A:$cport"
sed -i "s/ipv4:127.0.0.1:$kport_saved/ipv4:$ADDR_A:$kport_saved/" "$work/gw.cfg"
"$gw" check -c "$work/gw.cfg" >/dev/null || fail "config"

ns_node_start() {  # NS NAME
  GATEWATCH_DEBUG=1 ip netns exec "$1" "$gw" run -c "$work/gw.cfg" --node "$2" \
    --events "$work/$2.jsonl" --control "$work/$2.sock" --time-scale "$scale" 2>>"$work/$2.log" &
  node_pid[$2]=$!
}
ns_node_start "$NS_B" a
ns_node_start "$NS_A" b
ns_node_start "$NS_A" c
for x in a b c; do for y in a b c; do node_await "$x" 20 event=cluster.member.up "node=$y" >/dev/null; done; done

after() { python3 -c "import sys; print(float(sys.argv[1]) + float(sys.argv[2]))" "$@"; }
wait_until() { while python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$(now)" "$1"; do sleep 0.1; done; }
t0=$(after "$(now)" 0.5)
wait_until "$(after "$t0" 2.5)"
steady=$(probes --since "$t0" --until "$(after "$t0" 2.5)")
[[ $(wc -l <<<"$steady") == "$n" && -z $(awk '$2 ~ /,/' <<<"$steady") ]] || fail "no steady state: $steady"
a_tags=$(awk '$2 == "a" {print $1}' <<<"$steady")
[[ -n $a_tags ]] || fail "a probes nothing"

# (a) partition a from etcd
nft_b "ip saddr $ADDR_A tcp sport $cport drop"
nft_b -o "ip daddr $ADDR_A tcp dport $cport drop"
t_cut=$(now)
node_await a 10 event=cluster.lease.lost node=a >/dev/null
for x in b c; do node_await "$x" 10 event=cluster.member.down node=a >/dev/null; done
wait_until "$(after "$t_cut" 6)"
during=$(probes --since "$(after "$t_cut" 4)" --until "$(after "$t_cut" 6)")
for t in $a_tags; do
  grep -Eq "^$t a,(b|c) " <<<"$during" || fail "partition: dial-peer $t not probed by a and by b or c: $(grep "^$t " <<<"$during")"
done
echo "partition: a keeps probing its $(wc -w <<<"$a_tags") dial-peers, b and c took them over"

# (b) Kamailio stops while a cannot publish
ip netns exec "$NS_A" "$lib/kamailio.sh" stop "$work/kam" >/dev/null 2>&1 || true
deadline=$(( $(date +%s) + 20 ))
until (( $(node_count a event=dial-peer.down node=a) >= $(wc -w <<<"$a_tags") )); do
  (( $(date +%s) <= deadline )) || fail "a did not see its dial-peers go down"
  sleep 0.1
done

# (c) heal
nft_b_flush
t_heal=$(now)
deadline=$(( $(date +%s) + 15 ))
until (( $(node_count a event=cluster.lease.acquired node=a) >= 2 )); do
  (( $(date +%s) <= deadline )) || fail "a never got a lease again"
  sleep 0.1
done
for x in b c; do
  until (( $(node_count "$x" event=cluster.member.up node=a) >= 2 )); do
    (( $(date +%s) <= deadline )) || fail "$x never saw a come back"
    sleep 0.1
  done
done
limit=$(after "$t_heal" "$(( lease + 3 ))")
for x in a b c; do
  while :; do
    busy=$(node_ctl "$x" "execute show dial-peer voice summary" | grep -c ' busyout$' || true)
    [[ $busy == "$n" ]] && break
    python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$(now)" "$limit" ||
      fail "after the heal node $x shows $busy of $n dial-peers busyout"
    sleep 0.1
  done
done
t1=$(after "$(now)" 1.0)
wait_until "$(after "$t1" 6)"
healed=$(probes --since "$t1" --until "$(after "$t1" 6)")
diff <(awk '{print $1, $2}' <<<"$steady") <(awk '{print $1, $2}' <<<"$healed") >/dev/null ||
  fail "after the heal the assignment differs: $(diff <(awk '{print $1, $2}' <<<"$steady") <(awk '{print $1, $2}' <<<"$healed"))"
echo "heal: one assignment again, every node shows all $n dial-peers busyout"
echo PASS
