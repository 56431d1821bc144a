#!/usr/bin/env bash
# e2e: `gatewatch cli` under a real terminal (tmux) against a running daemon: `?` answers at
# once without Enter, Tab completes a keyword, a live show answers, exit leaves.
# usage: ops_cli_tmux.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/ops_common.sh"
need tmux
write_config "$work/gw.cfg" "keepalive target ipv4:127.0.0.1:9" "timers keepalive active 10 down 5"
ops_start "$work/gw.cfg" 0.02
tsock=gw-ops-$$
t() { tmux -L "$tsock" "$@"; }
trap 't kill-server 2>/dev/null || true; cleanup' EXIT
pane() { t capture-pane -t cli -p; }
wait_for() {
  local deadline=$(( $(date +%s) + 5 ))
  until pane | grep -qF -- "$1"; do
    (( $(date +%s) <= deadline )) || { pane; fail "pane never showed: $1"; }
    sleep 0.05
  done
}
t new-session -d -s cli -x 120 -y 50 "$gw cli --control $sock"
wait_for "gatewatch#"
t send-keys -t cli "show ?"
wait_for "sip-ua          SIP User Agent"
t send-keys -t cli "sip" Tab
wait_for "gatewatch#show sip-ua"   # capture-pane drops the trailing blank the Tab inserted
t send-keys -t cli "keepalive"
wait_for "gatewatch#show sip-ua keepalive"
t send-keys -t cli Enter
wait_for "Target     Address"
t send-keys -t cli "exit" Enter
deadline=$(( $(date +%s) + 5 ))
while t has-session -t cli 2>/dev/null; do
  (( $(date +%s) <= deadline )) || fail "cli did not exit"
  sleep 0.05
done
gw_stop
echo "PASS: cli under tmux: ? without Enter, Tab completion, live show, exit"
