#!/usr/bin/env bash
# e2e: etcd frozen (SIGSTOP) under three gatewatch nodes: monitoring goes on, and the nodes
# converge once etcd is back. 30 dial-peers on Kamailio, lease 2 s, up-interval 10 s x 0.1.
# Asserts:
#  (a) with etcd stopped for 3 lease TTLs every node reports cluster.lease.lost and keeps
#      probing its share: in the last 2 s of the outage every dial-peer is probed, each by the
#      node that owned it before;
#  (b) Kamailio is stopped during the outage: the owners see their dial-peers go down while etcd
#      cannot hear of it; after SIGCONT every node holds a lease again and every node's
#      `show dial-peer voice summary` shows all 30 dial-peers busyout within one lease TTL
#      (+ 2 s of slack) of the first lease acquired: what was seen while etcd was away is
#      published and reaches every node.
# usage: cluster_etcd_outage.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/cluster_common.sh"

n=30
read -r kport cport pport < <(free_ports 3)
peer kamailio.sh "$work/kam" --udp "127.0.0.1:$kport"
peer etcd.sh "$work/etcd" --name e1 --client "$cport" --peer "$pport"
cluster_config "$work/gw.cfg" "$n" "http://127.0.0.1:$cport"
for x in a b c; do node_start "$x"; done
for x in a b c; do for y in a b c; do node_await "$x" 20 event=cluster.member.up "node=$y" >/dev/null; done; done

after() { python3 -c "import sys; print(float(sys.argv[1]) + float(sys.argv[2]))" "$@"; }
wait_until() { while python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$(now)" "$1"; do sleep 0.1; done; }

t0=$(after "$(now)" 0.5)
wait_until "$(after "$t0" 2.5)"
steady=$(probes --since "$t0" --until "$(after "$t0" 2.5)")
[[ $(wc -l <<<"$steady") == "$n" && -z $(awk '$2 ~ /,/' <<<"$steady") ]] || fail "no steady state: $steady"

# (a) etcd frozen
etcd_pid=$(cat "$work/etcd/etcd.pid")
kill -STOP "$etcd_pid"
t_stop=$(now)
for x in a b c; do node_await "$x" 10 event=cluster.lease.lost "node=$x" >/dev/null; done
wait_until "$(after "$t_stop" 6)"
during=$(probes --since "$(after "$t_stop" 4)" --until "$(after "$t_stop" 6)")
[[ $(wc -l <<<"$during") == "$n" ]] || fail "etcd stopped: only $(wc -l <<<"$during") of $n dial-peers probed"
diff <(awk '{print $1, $2}' <<<"$steady") <(awk '{print $1, $2}' <<<"$during") >/dev/null ||
  fail "etcd stopped: the probing moved: $(diff <(awk '{print $1, $2}' <<<"$steady") <(awk '{print $1, $2}' <<<"$during"))"
echo "etcd stopped: every dial-peer still probed by its owner"

# (b) dial-peers go down while etcd cannot hear of it
peer_stop kamailio.sh "$work/kam"
deadline=$(( $(date +%s) + 20 ))
for x in a b c; do
  until (( $(node_count "$x" event=dial-peer.down "node=$x") >= $(awk -v x="$x" '$2 == x' <<<"$steady" | wc -l) )); do
    (( $(date +%s) <= deadline )) || fail "node $x did not see its dial-peers go down"
    sleep 0.1
  done
done
kill -CONT "$etcd_pid"
t_cont=$(now)
for x in a b c; do node_await "$x" 15 event=cluster.lease.acquired "node=$x" >/dev/null; done
deadline=$(after "$t_cont" "$(( lease * 2 + 6 ))")
for x in a b c; do
  while :; do
    busy=$(node_ctl "$x" "execute show dial-peer voice summary" | grep -c ' busyout$' || true)
    [[ $busy == "$n" ]] && break
    python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$(now)" "$deadline" ||
      fail "after etcd came back node $x shows $busy of $n dial-peers busyout"
    sleep 0.1
  done
done
echo "etcd back: every node shows all $n dial-peers busyout within $(python3 -c "import sys; print(round(float(sys.argv[1]) - float(sys.argv[2]), 2))" "$(now)" "$t_cont") s"
echo PASS
