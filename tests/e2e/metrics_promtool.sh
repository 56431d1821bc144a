#!/usr/bin/env bash
# e2e: `gatewatch run --metrics` scraped while a Kamailio primary answers and the secondary is
# silent (a free port nobody listens on), checked by Prometheus' own `promtool check metrics`.
# Asserts:
#  1. GET /metrics answers 200 with Content-Type text/plain; version=0.0.4;
#  2. promtool check metrics reports no problem (format and lint: HELP, TYPE, _total, units);
#  3. the samples say what happened: primary up with attempts and RTT observations, secondary
#     down with timeout failures, voice port 0/0/1 not busied out, build_info 1, one
#     sip.target.down event counted; with ccm-sim (two CCMs) CCM 1 active and registered,
#     KeepAlives sent and acked, no switchover;
#  4. contrib/alertmanager/gatewatch-rules.yml passes `promtool check rules`;
#  5. 32 scrapers that connect and never send a byte (more than cpp-httplib's threads) do not
#     move the probes: the primary's answered attempts stay active*scale apart (150 ms
#     tolerance), and a scrape works again once they are gone;
#  6. SIGTERM: exit 0 within 1 s with the metrics server running.
# usage: metrics_promtool.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
need kamailio promtool curl

read -r p1 p2 pm c1 c2 < <(free_ports 5)
peer kamailio.sh "$work/kam1" --udp "127.0.0.1:$p1"
write_config "$work/gw.cfg" "keepalive target ipv4:127.0.0.1:$p1" \
  "keepalive target ipv4:127.0.0.1:$p2 secondary" "timers keepalive active 10 down 5" \
  "retry keepalive 2" "keepalive trigger 3"
sim=$(dirname "$gw")/ccm-sim
sccp=0
if [[ -x $sim ]]; then
  sccp=1
  "$sim" --listen "127.0.0.1:$c1" --listen "127.0.0.1:$c2" --keepalive-interval 5 \
    --secondary-interval 5 </dev/null >"$work/sim.out" 2>&1 &
  sim_pid=$!
  trap 'kill $sim_pid 2>/dev/null; cleanup' EXIT
  printf '%s\n' "sccp ccm 127.0.0.1 identifier 1 port $c1 version 7.0" \
    "sccp ccm 127.0.0.1 identifier 2 port $c2 version 7.0" "sccp" "sccp ccm group 1" \
    " associate ccm 1 priority 1" " associate ccm 2 priority 2" " associate profile 1 register CFB1" \
    "dspfarm profile 1 conference" " associate application SCCP" >>"$work/gw.cfg"
  "$gw" check -c "$work/gw.cfg" >/dev/null || fail "config with SCCP rejected"
fi
: >"$events"
GATEWATCH_DEBUG=1 "$gw" run -c "$work/gw.cfg" --events "$events" --time-scale 0.05 \
  --metrics "127.0.0.1:$pm" 2>"$gw_log" &
gw_pid=$!
await_event 15 event=sip.target.down target=secondary reason=timeout >/dev/null
await_attempts 10 primary 3
[[ $sccp == 1 ]] && await_event 10 event=sccp.ccm.registered group=1 ccm=1 >/dev/null
sleep 1  # KeepAlives every 0.25 s, and two metrics publish periods (100 ms)

scrape=$work/scrape.txt
headers=$(curl -sS -D - -o "$scrape" "http://127.0.0.1:$pm/metrics") || fail "scrape failed"
echo "$headers" | grep -qi '^HTTP/1.1 200' || fail "status: $headers"
echo "$headers" | grep -qi '^Content-Type: text/plain; version=0.0.4' || fail "content type: $headers"

out=$(promtool check metrics <"$scrape" 2>&1) || fail "promtool check metrics: $out"
[[ -z $out ]] || fail "promtool check metrics found problems: $out"
echo "promtool check metrics: clean ($(grep -vc '^#' "$scrape") samples, $(grep -c '^# TYPE' "$scrape") families)"

want() { grep -qE "$1" "$scrape" || fail "no sample matching: $1"; }
want "^gatewatch_build_info\{version=\"[0-9.]+\"\} 1$"
want "^gatewatch_sip_target_up\{target=\"primary\",address=\"127.0.0.1:$p1\",transport=\"udp\"\} 1$"
want "^gatewatch_sip_target_up\{target=\"secondary\",address=\"127.0.0.1:$p2\",transport=\"udp\"\} 0$"
want "^gatewatch_sip_target_attempts_total\{target=\"primary\",[^}]*\} ([3-9]|[1-9][0-9]+)$"
want "^gatewatch_sip_target_failures_total\{target=\"secondary\",[^}]*,reason=\"timeout\"\} [1-9][0-9]*$"
want "^gatewatch_sip_target_rtt_seconds_count\{target=\"primary\",[^}]*\} ([3-9]|[1-9][0-9]+)$"
want "^gatewatch_sip_target_rtt_seconds_bucket\{target=\"primary\",[^}]*,le=\"\+Inf\"\} [1-9]"
want "^gatewatch_voice_port_busyout\{port=\"0/0/1\"\} 0$"
want "^gatewatch_events_total\{event=\"sip.target.down\"\} 1$"
if [[ $sccp == 1 ]]; then
  want "^gatewatch_sccp_ccm_active\{group=\"1\",ccm=\"1\"\} 1$"
  want "^gatewatch_sccp_ccm_active\{group=\"1\",ccm=\"2\"\} 0$"
  want "^gatewatch_sccp_ccm_state\{group=\"1\",ccm=\"1\",address=\"127.0.0.1:$c1\",state=\"active\"\} 1$"
  want "^gatewatch_sccp_keepalives_sent_total\{group=\"1\",ccm=\"1\"\} [1-9][0-9]*$"
  want "^gatewatch_sccp_keepalive_acks_total\{group=\"1\",ccm=\"1\"\} [1-9][0-9]*$"
  want "^gatewatch_sccp_switchovers_total\{group=\"1\"\} 0$"
  echo "SCCP samples: $(grep -E '^gatewatch_sccp_keepalive' "$scrape" | tr '\n' ' ')"
fi

rules=$here/../../contrib/alertmanager/gatewatch-rules.yml
out=$(promtool check rules "$rules" 2>&1) || fail "promtool check rules: $out"
echo "$out" | grep -q SUCCESS || fail "promtool check rules: $out"

# 5. Stuck scrapers.
n0=$(attempts | awk '$2 == "primary" && $3 == "ok"' | wc -l)
python3 - "$pm" <<'PY' &
import socket, sys, time
socks = [socket.create_connection(("127.0.0.1", int(sys.argv[1]))) for _ in range(32)]
time.sleep(3)
PY
stuck=$!
await_attempts 10 primary $((n0 + 6))
wait "$stuck"
python3 - "$(python3 -c "print(10 * 0.05)")" "$n0" <<PY || fail "probes off schedule while scrapers hang"
import sys
want, skip = float(sys.argv[1]), int(sys.argv[2])
rows = """$(attempts)""".split("\n")
ts = [float(r.split()[0]) for r in rows if r.split()[1:3] == ["primary", "ok"]][max(skip - 1, 0):]
gaps = [b - a for a, b in zip(ts, ts[1:])]
worst = max(abs(g - want) for g in gaps)
print(f"with 32 stuck scrapers: {len(gaps)} primary gaps, expected {want:.3f} s, worst deviation {worst*1000:.0f} ms")
sys.exit(0 if worst < 0.15 else 1)
PY
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$pm/metrics" && break; sleep 0.1; done
curl -sf -o /dev/null "http://127.0.0.1:$pm/metrics" || fail "no scrape after the stuck scrapers left"

gw_stop
echo "PASS: scrape is valid Prometheus text (promtool), samples match the peers, rules check, stuck scrapers do not move probes"
