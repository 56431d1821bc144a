#!/usr/bin/env bash
# e2e: the shared configuration file changed and reloaded (SIGHUP) on all three nodes. 30
# dial-peers, then 1-5 removed and 31-45 added. Asserts: every node reports config.applied;
# afterwards each of the 40 dial-peers is probed by exactly one node, 1-5 by none, and the
# dial-peers kept from before stay on the node that probed them.
# usage: cluster_reload.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/cluster_common.sh"

read -r kport cport pport < <(free_ports 3)
peer kamailio.sh "$work/kam" --udp "127.0.0.1:$kport"
peer etcd.sh "$work/etcd" --name e1 --client "$cport" --peer "$pport"
cluster_config "$work/gw.cfg" 30 "http://127.0.0.1:$cport"
for x in a b c; do node_start "$x"; done
for x in a b c; do for y in a b c; do node_await "$x" 20 event=cluster.member.up "node=$y" >/dev/null; done; done

after() { python3 -c "import sys; print(float(sys.argv[1]) + float(sys.argv[2]))" "$@"; }
wait_until() { while python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$(now)" "$1"; do sleep 0.1; done; }
t0=$(after "$(now)" 0.5)
wait_until "$(after "$t0" 2.5)"
before=$(probes --since "$t0" --until "$(after "$t0" 2.5)")
[[ $(wc -l <<<"$before") == 30 && -z $(awk '$2 ~ /,/' <<<"$before") ]] || fail "no steady state: $before"

cluster_config "$work/gw.cfg" 45 "http://127.0.0.1:$cport"
python3 - "$work/gw.cfg" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
for tag in range(1, 6):
    text = re.sub(rf"dial-peer voice {tag} voip\n(?: .*\n)*!\n", "", text)
open(sys.argv[1], "w").write(text)
PY
"$gw" check -c "$work/gw.cfg" >/dev/null || fail "the new configuration is rejected"
for x in a b c; do kill -HUP "${node_pid[$x]}"; done
for x in a b c; do node_await "$x" 10 event=config.applied >/dev/null; done
t1=$(after "$(now)" 1.0)
wait_until "$(after "$t1" 2.5)"
after_reload=$(probes --since "$t1" --until "$(after "$t1" 2.5)")
[[ $(wc -l <<<"$after_reload") == 40 ]] || fail "after the reload $(wc -l <<<"$after_reload") dial-peers probed, not 40: $after_reload"
[[ -z $(awk '$2 ~ /,/ || $1 <= 5' <<<"$after_reload") ]] || fail "after the reload: $(awk '$2 ~ /,/ || $1 <= 5' <<<"$after_reload")"
moved=$(join <(awk '$1 > 5 {print $1, $2}' <<<"$before" | sort) <(awk '{print $1, $2}' <<<"$after_reload" | sort) | awk '$2 != $3')
[[ -z $moved ]] || fail "kept dial-peers moved on reload: $moved"
echo "reload on all nodes: 40 dial-peers, each probed by one node, the kept ones where they were"
echo PASS
