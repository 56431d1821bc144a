#!/usr/bin/env bash
# e2e: three gatewatch nodes from one configuration file split 60 dial-peers through a real etcd
# (one member on loopback), Kamailio answering the OPTIONS. Lease 2 s, up-interval 10 s x 0.1.
# Asserts:
#  (a) steady state: every node sees the three members, each dial-peer is probed by exactly one
#      node, every dial-peer is probed, and `show cluster` on each node lists the members with
#      shares that add up to 60; `show dial-peer voice summary` on one node shows every
#      dial-peer's keepalive state (the whole cluster);
#  (b) kill -9 of node a: b and c report cluster.member.down a, and each of a's dial-peers is
#      probed again by b or c within lease + one interval (+ 1 s of slack: 200 ms ticks, the
#      sliced restart, the first attempts spread over an interval);
#  (c) a comes back: the assignment is the one before the kill (only a's share moved back;
#      b's and c's dial-peers stayed where they were);
#  (d) a second `--node a` while a runs is refused: exit 3, "already in use" on stderr, and a
#      keeps probing its share.
# usage: cluster_steady_kill.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/cluster_common.sh"

n=60
interval=1  # 10 s x 0.1
read -r kport cport pport < <(free_ports 3)
peer kamailio.sh "$work/kam" --udp "127.0.0.1:$kport"
peer etcd.sh "$work/etcd" --name e1 --client "$cport" --peer "$pport"
cluster_config "$work/gw.cfg" "$n" "http://127.0.0.1:$cport"

for x in a b c; do node_start "$x"; done
for x in a b c; do for y in a b c; do node_await "$x" 20 event=cluster.member.up "node=$y" >/dev/null; done; done

# Observes one window of W seconds starting S seconds from now; prints the probes of it.
window() {  # S W
  local t0 t1
  t0=$(python3 -c "import sys; print(float(sys.argv[1]) + float(sys.argv[2]))" "$(now)" "$1")
  t1=$(python3 -c "import sys; print(float(sys.argv[1]) + float(sys.argv[2]))" "$t0" "$2")
  while python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$(now)" "$t1"; do
    sleep 0.1
  done
  probes --since "$t0" --until "$t1"
}

# (a) steady state
steady=$(window 0.5 2.5)
[[ $(wc -l <<<"$steady") == "$n" ]] || fail "steady: $(wc -l <<<"$steady") dial-peers probed, not $n: $steady"
multi=$(awk '$2 ~ /,/' <<<"$steady")
[[ -z $multi ]] || fail "steady: dial-peers probed by more than one node: $multi"
for x in a b c; do
  show=$(node_ctl "$x" "execute show cluster")
  grep -q "Cluster node $x" <<<"$show" || fail "show cluster on $x: $show"
  total=$(awk '/^Dial-peer states/ {m=0} /^Members:/ {m=1; next} m && $1 != "Node" && NF >= 2 && $NF ~ /^[0-9]+$/ {s += $NF} END {print s}' <<<"$show")
  [[ $total == "$n" ]] || fail "show cluster on $x: shares add up to $total, not $n: $show $(probes | awk "{print \$2}" | sort | uniq -c)"
done
summary=$(node_ctl b "execute show dial-peer voice summary")
active=$(grep -c ' active$' <<<"$summary" || true)
[[ $active == "$n" ]] || fail "show dial-peer voice summary on b: $active dial-peers active, not $n: $summary"
echo "steady: $(awk '{print $2}' <<<"$steady" | sort | uniq -c | tr '\n' ' ')"

# (b) kill -9 of a
a_tags=$(awk '$2 == "a" {print $1}' <<<"$steady")
[[ -n $a_tags ]] || fail "a probes nothing in the steady state"
t_kill=$(now)
node_kill a
for x in b c; do node_await "$x" 10 event=cluster.member.down node=a >/dev/null; done
bound=$(python3 -c "print($lease + $interval + 1.0)")
deadline=$(python3 -c "import sys; print(float(sys.argv[1]) + float(sys.argv[2]) + 3)" "$t_kill" "$bound")
while :; do
  taken=$(probes --since "$t_kill" | awk 'NR==FNR {want[$1]=1; next} ($1 in want) {print}' <(echo "$a_tags") -)
  [[ $(wc -l <<<"$taken") == "$(wc -l <<<"$a_tags")" ]] && break
  python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$(now)" "$deadline" ||
    fail "a's dial-peers not all probed again after the kill: $(wc -l <<<"$taken") of $(wc -l <<<"$a_tags")"
  sleep 0.1
done
late=$(awk -v t="$t_kill" '{d = $3 - t; if (d > m) m = d} END {printf "%.2f", m}' <<<"$taken")
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) <= float(sys.argv[2]) else 1)" "$late" "$bound" ||
  fail "a's dial-peers probed again only after ${late}s (bound ${bound}s)"
echo "kill -9: a's $(wc -l <<<"$a_tags") dial-peers probed again within ${late}s (bound ${bound}s)"
after_kill=$(window 0.5 2.5)
[[ -z $(awk '$2 ~ /,/ || $2 == "a"' <<<"$after_kill") ]] || fail "after the kill: $after_kill"
[[ $(wc -l <<<"$after_kill") == "$n" ]] || fail "after the kill: not every dial-peer probed"

# (c) a comes back: only its share moves back
downs_a=$(node_count b event=cluster.member.up node=a)
node_start a
deadline=$(( $(date +%s) + 15 ))
until (( $(node_count b event=cluster.member.up node=a) > downs_a )); do
  (( $(date +%s) <= deadline )) || fail "b never saw a come back"
  sleep 0.1
done
node_await a 15 event=cluster.rebalanced node=a >/dev/null
back=$(window 1.0 2.5)
diff <(awk '{print $1, $2}' <<<"$steady") <(awk '{print $1, $2}' <<<"$back") >/dev/null ||
  fail "after a's return the assignment differs from before the kill: $(diff <(awk '{print $1, $2}' <<<"$steady") <(awk '{print $1, $2}' <<<"$back"))"
echo "return: the assignment is the one before the kill"

# (d) the same --node twice
rc=0
timeout 20 "$gw" run -c "$work/gw.cfg" --node a --time-scale "$scale" 2>"$work/dup.err" || rc=$?
[[ $rc == 3 ]] || fail "a second node a exited $rc, not 3: $(cat "$work/dup.err")"
grep -q "already in use" "$work/dup.err" || fail "no clear error for the second node a: $(cat "$work/dup.err")"
still=$(window 0.2 2.0)
[[ $(awk '$2 == "a"' <<<"$still" | wc -l) -gt 0 ]] || fail "a stopped probing after the refused duplicate"
echo "duplicate node name refused: $(head -1 "$work/dup.err")"
echo PASS
