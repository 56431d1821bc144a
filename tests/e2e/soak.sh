#!/usr/bin/env bash
# e2e soak: gatewatch run for many hours of protocol time (--time-scale) with 1,000 dial-peers,
# two sip-ua targets (primary UDP, secondary TCP) and an SCCP group of two CCMs (ccm-sim), all
# against peers that flap at random (lib/flap_peer.py: answer, silence, 503, garbage, TCP
# resets; CCMs silent, closed, restarted, reset, rejecting) while console clients come and go
# on the control socket. Samples gatewatch's RSS and open fds (lib/soak_check.py sample) and
# then checks (lib/soak_check.py verdict): per target down/up alternate; busyout exactly while
# every sip-ua target is down; RSS growth after the warm-up (the first fifth) < 1 MiB; open fds
# within the warm-up's range; and gatewatch exits 0 on SIGTERM.
# usage: soak.sh BUILD_DIR|GATEWATCH CCM_SIM
#   SOAK_HOURS (protocol hours, default 10), SOAK_SCALE (--time-scale, default 0.001: 10 hours
#   are 36 s), SOAK_DIAL_PEERS (1000), SOAK_SEED (1). Prints one FIGURE line.
# Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
sim=${2:-$(dirname "$gw")/ccm-sim}
[[ -x $sim ]] || { echo "SKIP: ccm-sim not found at $sim"; exit 77; }

hours=${SOAK_HOURS:-10}
scale=${SOAK_SCALE:-0.001}
n_dp=${SOAK_DIAL_PEERS:-1000}
seed=${SOAK_SEED:-1}
dp_ports=50
wall=$(python3 -c "print(round($hours * 3600 * $scale, 1))")
warmup=$(python3 -c "print($wall / 5)")
sock=$work/control.sock
ccm_sock=$work/ccm.sock
sim_pid="" flap_pid=""
soak_cleanup() {
  set +e
  [[ -n $flap_pid ]] && kill "$flap_pid" 2>/dev/null
  [[ -n $sim_pid ]] && kill "$sim_pid" 2>/dev/null
  cleanup
}
trap soak_cleanup EXIT

mapfile -t ports < <("$lib/freeport.py" -n $((dp_ports + 4)) --v4-only)
dp=("${ports[@]:0:dp_ports}")
udp_target=${ports[dp_ports]} tcp_target=${ports[dp_ports + 1]}
ccm1=${ports[dp_ports + 2]} ccm2=${ports[dp_ports + 3]}

{
  printf 'hostname soak\n!\nvoice-port 0/0/1\n busyout monitor keepalive\n!\n'
  printf 'sccp ccm 127.0.0.1 identifier 1 port %s version 7.0\n' "$ccm1"
  printf 'sccp ccm 127.0.0.1 identifier 2 port %s version 7.0\n' "$ccm2"
  printf 'sccp\n!\nsccp ccm group 1\n associate ccm 1 priority 1\n associate ccm 2 priority 2\n'
  printf ' associate profile 1 register CFBSOAK\n keepalive retries 3\n switchback method immediate\n!\n'
  printf 'dspfarm profile 1 conference\n associate application SCCP\n!\n'
  printf 'sip-ua\n keepalive target ipv4:127.0.0.1:%s\n' "$udp_target"
  printf ' keepalive target ipv4:127.0.0.1:%s tcp secondary\n' "$tcp_target"
  printf ' timers keepalive active 120 down 30\n retry keepalive 4\n keepalive trigger 2\n!\n'
  printf 'voice class sip-options-keepalive 1\n up-interval 1200\n down-interval 600\n retry 4\n!\n'
  for ((i = 0; i < n_dp; i++)); do
    printf 'dial-peer voice %d voip\n session target ipv4:127.0.0.1:%s\n' $((1000 + i)) "${dp[i % dp_ports]}"
    printf ' voice-class sip options-keepalive profile 1\n!\n'
  done
} >"$work/gw.cfg"
"$gw" check -c "$work/gw.cfg" >/dev/null || fail "soak configuration rejected"

"$sim" --listen "127.0.0.1:$ccm1" --listen "127.0.0.1:$ccm2" --keepalive-interval 30 \
  --secondary-interval 30 --control "$ccm_sock" </dev/null >"$work/sim.out" 2>&1 &
sim_pid=$!
: >"$events"
"$gw" run -c "$work/gw.cfg" --events "$events" --control "$sock" --time-scale "$scale" 2>"$gw_log" &
gw_pid=$!
deadline=$(($(date +%s) + 10))
until [[ -S $sock && -S $ccm_sock ]]; do
  (($(date +%s) <= deadline)) || fail "control sockets never appeared"
  sleep 0.02
done
# The peers outlive the sampling: gatewatch is stopped first, then they are.
python3 -u "$lib/flap_peer.py" --scale "$scale" --seconds "$(python3 -c "print($wall + 60)")" --seed "$seed" \
  --log "$work/flaps.log" --udp "${dp[@]}" "$udp_target" --dp-ports "$dp_ports" \
  --tcp "$tcp_target" --ccm-control "$ccm_sock" --ccms 2 --console "$sock" \
  >"$work/flap.out" 2>&1 &
flap_pid=$!

start=$(date +%s.%N)
python3 "$lib/soak_check.py" sample "$gw_pid" "$wall" "$work/samples"
kill -0 "$gw_pid" 2>/dev/null || fail "gatewatch died during the soak"
elapsed=$(python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 1))" "$start" "$(date +%s.%N)")
gw_stop
kill -TERM "$flap_pid"
wait "$flap_pid" || fail "flap_peer.py failed: $(cat "$work/flap.out")"
flap_pid=""
flaps=$(grep '^FLAPS' "$work/flap.out" | sed 's/^FLAPS //')
echo "flap_peer: $flaps"
out=$(python3 "$lib/soak_check.py" verdict "$work/samples" "$events" "$warmup" --ports 0/0/1) || {
  echo "$out"
  fail "soak verdict"
}
fig=$(grep '^FIGURE' <<<"$out" | sed 's/^FIGURE //')
echo "FIGURE protocol_hours=$hours scale=$scale wall_s=$elapsed dial_peers=$n_dp $fig exit=0"
echo "PASS: $hours protocol hours under flapping peers: alternation, busyout, RSS, fds, exit 0"
