#!/usr/bin/env bash
# The interactive console under a real terminal (tmux): `?` answers at once without Enter,
# Tab completes a unique keyword, history recalls the previous line, and errors put the caret
# under the right column; output longer than `terminal length` stops at --More--. Usage: tmux_console.sh GATEWATCH
set -euo pipefail
gw=$1
command -v tmux > /dev/null || { echo "tmux missing"; exit 77; }
sock=gw-test-$$
session=console
t() { tmux -L "$sock" "$@"; }
trap 't kill-server 2>/dev/null || true' EXIT
fail() { echo "FAIL: $*" >&2; echo "--- pane ---" >&2; t capture-pane -t $session -p >&2; exit 1; }
# Wait until the pane shows a pattern (no fixed sleeps as synchronisation).
wait_for() {
  local pattern=$1
  for _ in $(seq 1 100); do
    t capture-pane -t $session -p | grep -qF -- "$pattern" && return 0
    sleep 0.05
  done
  fail "pane never showed: $pattern"
}

# Wait until some pane line equals a text exactly (trailing blanks ignored).
wait_for_line() {
  local want=$1
  for _ in $(seq 1 100); do
    t capture-pane -t $session -p | sed 's/[[:space:]]*$//' | grep -qxF -- "$want" && return 0
    sleep 0.05
  done
  fail "pane never showed the line: $want"
}

t new-session -d -s $session -x 120 -y 50 "$gw shell"
wait_for "gatewatch#"
t send-keys -t $session "conf t" Enter
wait_for "gatewatch(config)#"
t send-keys -t $session "sip-ua" Enter
wait_for "gatewatch(config-sip-ua)#"

# `?` without Enter: the help appears and the typed text stays on the new prompt line.
t send-keys -t $session "keepalive ?"
wait_for "  trigger  Consecutive responses needed to un-busy the voice ports"
wait_for_line "gatewatch(config-sip-ua)#keepalive"

# Tab completes the unique keyword `trigger` (with its trailing space).
t send-keys -t $session "tr" Tab
wait_for_line "gatewatch(config-sip-ua)#keepalive trigger"
t send-keys -t $session "4" Enter
wait_for_line "gatewatch(config-sip-ua)#keepalive trigger 4"  # the Tab inserted the space

# An error puts the caret under the failing word, counted from the prompt.
t send-keys -t $session "keepalive trigger 11" Enter
wait_for "% Invalid input detected at '^' marker."
caret_line=$(t capture-pane -t $session -p | grep -B1 "% Invalid input" | head -1)
[[ "$caret_line" == "$(printf '%*s^' 43 '')" ]] || fail "caret at the wrong column: '$caret_line'"

# History: Up recalls the previous line.
t send-keys -t $session Up
wait_for "gatewatch(config-sip-ua)#keepalive trigger 11"
t send-keys -t $session C-u "do show running-config" Enter
wait_for " keepalive trigger 4"
wait_for_line "gatewatch(config-sip-ua)#"
# `end` is also tmux's name of the End key: typed literally.
t send-keys -t $session -l "end"
t send-keys -t $session Enter
wait_for_line "gatewatch#"

# --More-- paging with `terminal length`: 4 rows, then the prompt; space shows the next page.
t send-keys -t $session C-u "terminal length 5" Enter
wait_for_line "gatewatch#terminal length 5"
t send-keys -t $session C-u "show history" Enter
wait_for " --More--"
t capture-pane -t $session -p | grep -qx "  show history" && fail "paged past the first page"
t send-keys -t $session " "
wait_for_line "  show history"
# Any other key ends the output; length 0 never pages.
t send-keys -t $session C-u "show history" Enter
wait_for " --More--"
t send-keys -t $session "q"
t send-keys -t $session C-u "terminal length 0" Enter
wait_for_line "gatewatch#terminal length 0"
t send-keys -t $session C-u "show running-config | include trigger" Enter
wait_for_line " keepalive trigger 4"
t send-keys -t $session "exit" Enter
echo "tmux_console: all assertions passed"
