#!/usr/bin/env bash
# e2e (d): TCP target on a closed loopback port.
# Asserts: sip.target.down reason "refused", transport tcp, and it comes at once: the time from
# start-up to the down event is far below the attempt timeout (here retry 6 at scale 0.2:
# 19.5 s x 0.2 = 3.9 s; the bound checked is 1 s, printed below).
# usage: sip_tcp_refused.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"

read -r port < <(free_ports 1)
write_config "$work/gw.cfg" "keepalive target ipv4:127.0.0.1:$port tcp"
started=$(date +%s.%N)
gw_start "$work/gw.cfg" 0.2
line=$(await_event 10 event=sip.target.down target=primary "address=127.0.0.1:$port" transport=tcp)
echo "got: $line"
echo "$line" | grep -q '"reason":"refused"' || fail "reason is not refused: $line"
python3 - "$started" "$(event_ts "$line")" <<'PY' || fail "refused was not immediate"
import sys
start, down = map(float, sys.argv[1:])
print(f"start-up -> down: {down - start:.3f} s (attempt timeout 3.900 s; bound 1.000 s)")
sys.exit(0 if down - start < 1.0 else 1)
PY
gw_stop
echo "PASS: TCP refused at once"
