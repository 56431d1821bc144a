#!/usr/bin/env bash
# e2e: three gatewatch nodes on a three-member etcd cluster; one etcd member (the first URL of
# `cluster etcd`, the one every node uses first) is stopped. Lease 2 s, 30 dial-peers.
# Asserts: for 3 lease TTLs after the stop no node reports cluster.member.down or
# cluster.lease.lost, the assignment is unchanged (each dial-peer probed by the same single
# node), and `show cluster` shows the stopped endpoint unreachable and another one healthy.
# usage: cluster_quorum.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/cluster_common.sh"

n=30
read -r kport c1 p1 c2 p2 c3 p3 < <(free_ports 7)
peer kamailio.sh "$work/kam" --udp "127.0.0.1:$kport"
members="e1=http://127.0.0.1:$p1,e2=http://127.0.0.1:$p2,e3=http://127.0.0.1:$p3"
peer etcd.sh "$work/e1" --name e1 --client "$c1" --peer "$p1" --cluster "$members"
peer etcd.sh "$work/e2" --name e2 --client "$c2" --peer "$p2" --cluster "$members"
peer etcd.sh "$work/e3" --name e3 --client "$c3" --peer "$p3" --cluster "$members"
deadline=$(( $(date +%s) + 20 ))
until curl -s --max-time 1 -X POST -d '{"TTL":"2"}' "http://127.0.0.1:$c1/v3/lease/grant" | grep -q '"ID"'; do
  (( $(date +%s) <= deadline )) || fail "the etcd cluster never elected a leader"
  sleep 0.2
done
cluster_config "$work/gw.cfg" "$n" "http://127.0.0.1:$c1 http://127.0.0.1:$c2 http://127.0.0.1:$c3"
for x in a b c; do node_start "$x"; done
for x in a b c; do for y in a b c; do node_await "$x" 20 event=cluster.member.up "node=$y" >/dev/null; done; done

after() { python3 -c "import sys; print(float(sys.argv[1]) + float(sys.argv[2]))" "$@"; }
wait_until() { while python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$(now)" "$1"; do sleep 0.1; done; }
t0=$(after "$(now)" 0.5)
wait_until "$(after "$t0" 2.5)"
steady=$(probes --since "$t0" --until "$(after "$t0" 2.5)")
[[ $(wc -l <<<"$steady") == "$n" && -z $(awk '$2 ~ /,/' <<<"$steady") ]] || fail "no steady state: $steady"

peer_stop etcd.sh "$work/e1"
t_stop=$(now)
wait_until "$(after "$t_stop" 6)"
for x in a b c; do
  for e in cluster.member.down cluster.lease.lost; do
    [[ $(node_count "$x" "event=$e") == 0 ]] || fail "node $x: $e after one etcd member of three stopped"
  done
done
later=$(probes --since "$(after "$t_stop" 3.5)" --until "$(after "$t_stop" 6)")
diff <(awk '{print $1, $2}' <<<"$steady") <(awk '{print $1, $2}' <<<"$later") >/dev/null ||
  fail "the assignment changed: $(diff <(awk '{print $1, $2}' <<<"$steady") <(awk '{print $1, $2}' <<<"$later"))"
show=$(node_ctl a "execute show cluster")
grep -q "127.0.0.1:$c1  unreachable" <<<"$show" || fail "show cluster: e1 not unreachable: $show"
grep -Eq "127.0.0.1:($c2|$c3)  healthy" <<<"$show" || fail "show cluster: no healthy endpoint: $show"
echo "one etcd member of three stopped: nothing changed"
echo PASS
