#!/usr/bin/env bash
# etcd.sh — a real etcd (Debian's etcd-server) on loopback for the cluster tests.
#
#   etcd.sh start DIR --name NAME --client PORT --peer PORT [--cluster NAME=URL,...]
#                     [--tls CERT KEY CA] [--host ADDR]
#   etcd.sh stop DIR
#
# One member unless --cluster lists every member's peer URL (then start each with the same
# list). --tls: the client port speaks https with CERT/KEY and requires client certificates
# signed by CA. --host: listen on ADDR instead of 127.0.0.1 (inside a test's network
# namespace). Ready when its client port answers /v3/kv/range (or, in a cluster, the process is
# up: the others may not be yet); its pid is DIR/etcd.pid, its log DIR/etcd.log.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
proc_name=etcd proc_stop_seconds=5
source "$here/proc.sh"

answers() {
  if [[ -n $tls_cert ]]; then
    curl -s --max-time 1 --cacert "$tls_ca" --cert "$tls_cert" --key "$tls_key" \
      -X POST -d '{"key":"AA=="}' "https://$host:$client/v3/kv/range" | grep -q header
  else
    curl -s --max-time 1 -X POST -d '{"key":"AA=="}' "http://$host:$client/v3/kv/range" |
      grep -q header
  fi
}

start() {
  local name="" peer="" cluster="" scheme=http args=()
  client="" tls_cert="" tls_key="" tls_ca="" host=127.0.0.1
  while [[ $# -gt 0 ]]; do
    case $1 in
      --name) name=$2; shift 2 ;;
      --client) client=$2; shift 2 ;;
      --peer) peer=$2; shift 2 ;;
      --cluster) cluster=$2; shift 2 ;;
      --host) host=$2; shift 2 ;;
      --tls) tls_cert=$2; tls_key=$3; tls_ca=$4; scheme=https; shift 4 ;;
      *) proc_usage ;;
    esac
  done
  [[ -n $name && -n $client && -n $peer ]] || proc_usage
  command -v etcd >/dev/null || { echo "etcd.sh: etcd not installed" >&2; exit 77; }
  mkdir -p "$dir"
  proc_refuse_running "$dir/etcd.pid" "$dir"
  [[ -n $cluster ]] || cluster="$name=http://$host:$peer"
  args=(--name "$name" --data-dir "$dir/data"
        --listen-client-urls "$scheme://$host:$client"
        --advertise-client-urls "$scheme://$host:$client"
        --listen-peer-urls "http://$host:$peer"
        --initial-advertise-peer-urls "http://$host:$peer"
        --initial-cluster "$cluster" --initial-cluster-state new
        --initial-cluster-token gatewatch-test)
  [[ -n $tls_cert ]] && args+=(--cert-file "$tls_cert" --key-file "$tls_key"
                               --client-cert-auth --trusted-ca-file "$tls_ca")
  proc_logs=("$dir/etcd.log")
  proc_spawn "$dir/etcd.pid" "$dir/etcd.log" etcd "${args[@]}"
  if [[ $cluster == *,* ]]; then
    proc_wait_ready "$proc_pid" "$dir/etcd.pid" 10 0.1 test -d "$dir/data"
  else
    proc_waiting_for="an answer on $host:$client"
    proc_wait_ready "$proc_pid" "$dir/etcd.pid" 20 0.1 answers
  fi
}

proc_main start "$@"
