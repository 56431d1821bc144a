#!/usr/bin/env bash
# e2e: the cluster over https: etcd's client port with TLS and client-certificate authentication
# (a throwaway CA from lib/pki.sh, a client certificate signed by it). Two nodes, 20 dial-peers.
# Asserts: both nodes register and split the dial-peers (each probed by exactly one node),
# `show cluster` shows the https endpoint healthy; a node whose CA file is another CA cannot
# register (the server is not trusted): it logs %CLUSTER-3-ETCD and its show cluster shows the
# endpoint unreachable.
# usage: cluster_tls.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/cluster_common.sh"
need openssl

n=20
pki=$("$lib/pki.sh" "$work/pki") || fail "pki.sh failed"
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$pki/client.key" \
  -out "$pki/client.csr" -subj "/CN=gatewatch-node" >/dev/null 2>&1 || fail "client key"
openssl x509 -req -in "$pki/client.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial \
  -days 2 -out "$pki/client.pem" -extfile <(printf 'extendedKeyUsage=clientAuth\n') >/dev/null 2>&1 ||
  fail "client certificate"
read -r kport cport pport < <(free_ports 3)
peer kamailio.sh "$work/kam" --udp "127.0.0.1:$kport"
"$lib/etcd.sh" start "$work/etcd" --name e1 --client "$cport" --peer "$pport" \
  --tls "$pki/server.pem" "$pki/server.key" "$pki/ca.pem" >/dev/null || fail "etcd with TLS did not start"
_peers+=("etcd.sh $work/etcd")
cluster_config "$work/gw.cfg" "$n" "https://127.0.0.1:$cport" \
  "cluster etcd tls ca-file $pki/ca.pem cert $pki/client.pem key $pki/client.key
"
for x in a b; do node_start "$x"; done
for x in a b; do for y in a b; do node_await "$x" 20 event=cluster.member.up "node=$y" >/dev/null; done; done

after() { python3 -c "import sys; print(float(sys.argv[1]) + float(sys.argv[2]))" "$@"; }
wait_until() { while python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$(now)" "$1"; do sleep 0.1; done; }
t0=$(after "$(now)" 0.5)
wait_until "$(after "$t0" 2.5)"
steady=$(probes --since "$t0" --until "$(after "$t0" 2.5)")
[[ $(wc -l <<<"$steady") == "$n" && -z $(awk '$2 ~ /,/' <<<"$steady") ]] || fail "no steady state over TLS: $steady"
[[ $(awk '{print $2}' <<<"$steady" | sort -u | wc -l) == 2 ]] || fail "the two nodes did not split: $steady"
show=$(node_ctl a "execute show cluster")
grep -q "https://127.0.0.1:$cport  healthy" <<<"$show" || fail "show cluster: $show"
echo "TLS: two nodes registered over https with client certificates and split $n dial-peers"

# A node that trusts another CA.
cluster_config "$work/wrong.cfg" "$n" "https://127.0.0.1:$cport" \
  "cluster etcd tls ca-file $pki/other-ca.pem cert $pki/client.pem key $pki/client.key
"
"$gw" run -c "$work/wrong.cfg" --node x --control "$work/x.sock" --time-scale "$scale" 2>"$work/x.err" &
x_pid=$!
deadline=$(( $(date +%s) + 15 ))
until grep -q "%CLUSTER-3-ETCD: cannot register node x" "$work/x.err"; do
  (( $(date +%s) <= deadline )) || { kill "$x_pid"; fail "node x with the wrong CA: $(cat "$work/x.err")"; }
  sleep 0.1
done
await_sock x 5
show=$(node_ctl x "execute show cluster")
kill -TERM "$x_pid"; wait "$x_pid" || true
grep -q "https://127.0.0.1:$cport  unreachable" <<<"$show" || fail "show cluster on x: $show"
echo "TLS: a node trusting another CA is refused"
echo PASS
