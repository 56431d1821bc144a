#!/usr/bin/env bash
# e2e: the control socket of `gatewatch run` against Kamailio.
# Asserts: the socket is mode 0600; show sip-ua keepalive / voice port summary / sccp /
# gatewatch statistics / running-config answer with live state; a live `keepalive target ...
# secondary` makes the new secondary probed (answered attempts in the log) without restarting
# the primary (its attempt count keeps growing, no second first attempt); `write memory` writes
# the file (new target in it) and keeps the previous one as .bak; garbage and a client that
# disconnects mid-command leave the daemon answering; `gatewatch cli` on a pipe prints a
# transcript, and exits 3 with a message when no daemon listens.
# usage: ops_control.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/ops_common.sh"
need kamailio

read -r kport kport2 < <(free_ports 2)
peer kamailio.sh "$work/kam" --udp "127.0.0.1:$kport"
peer kamailio.sh "$work/kam2" --udp "127.0.0.1:$kport2"
write_config "$work/gw.cfg" "keepalive target ipv4:127.0.0.1:$kport" "timers keepalive active 10 down 5"
cp "$work/gw.cfg" "$work/gw.cfg.orig"
ops_start "$work/gw.cfg" 0.02
[[ $(stat -c %a "$sock") == 600 ]] || fail "control socket mode $(stat -c %a "$sock"), want 600"
await_attempts 10 primary 2

out=$(ctl "execute show sip-ua keepalive")
grep -q "primary .*127.0.0.1:$kport .*udp .*up" <<<"$out" || fail "show sip-ua keepalive: $out"
ctl "execute show voice port summary" | grep -q "^0/0/1 " || fail "show voice port summary"
ctl "execute show sccp" | grep -q "SCCP Admin State" || fail "show sccp"
ctl "execute show gatewatch statistics" | grep -q "Events emitted" || fail "show gatewatch statistics"

# Live change: a new secondary target starts to be probed; the primary is not restarted.
primary_before=$(attempts | awk '$2 == "primary"' | wc -l)
ctl "execute configure terminal" "execute sip-ua" \
    "execute keepalive target ipv4:127.0.0.1:$kport2 secondary" "execute end" >/dev/null
await_attempts 10 secondary 2
ctl "execute show running-config" | grep -q "keepalive target ipv4:127.0.0.1:$kport2 secondary" \
  || fail "running-config lacks the new secondary"
(( $(attempts | awk '$2 == "primary"' | wc -l) > primary_before )) || fail "primary stopped being probed"
grep -q "restarting sip secondary$" "$gw_log" || fail "the diff did not name only the secondary"
[[ $(count_events event=sip.target.down) -eq 0 ]] || fail "a target went down"

# write memory: the file has the live config, the previous file is kept as .bak.
[[ $(ctl "execute write memory") == $'Building configuration...\n[OK]' ]] || fail "write memory output"
grep -q "keepalive target ipv4:127.0.0.1:$kport2 secondary" "$work/gw.cfg" || fail "file not written"
cmp -s "$work/gw.cfg.bak" "$work/gw.cfg.orig" || fail ".bak is not the previous file"
"$gw" check -c "$work/gw.cfg" >/dev/null || fail "written file does not check"

# Garbage, an over-long line and a client vanishing mid-command: the daemon still answers.
python3 - "$sock" <<'PY'
import os, socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
s.sendall(os.urandom(4096) + b"\n" + b"x" * 200000 + b"\n")
s.recv(100); s.close()
for _ in range(20):  # half a command, then gone
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
    s.sendall(b"execute show running-con"); s.close()
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
s.sendall(b"execute show running-config\n"); s.close()  # the answer has nobody to read it
PY
ctl "execute show sip-ua keepalive" | grep -q "secondary" || fail "no answer after garbage"
ctl "execute show gatewatch statistics" | grep -q "bad requests [1-9]" || fail "garbage not counted"

# gatewatch cli on a pipe: a transcript.
out=$(printf 'show voice port summary\nexit\n' | "$gw" cli --control "$sock") || fail "cli exit $?"
grep -q "^gatewatch#show voice port summary$" <<<"$out" || fail "cli transcript: $out"
rc=0; "$gw" cli --control "$work/nobody.sock" </dev/null 2>"$work/cli.err" || rc=$?
[[ $rc -eq 3 ]] || fail "cli without a daemon exited $rc, want 3"
grep -q "cannot reach the gatewatch daemon" "$work/cli.err" || fail "cli message: $(cat "$work/cli.err")"

gw_stop
[[ ! -e $sock ]] || fail "control socket left behind"
echo "PASS: control socket shows, live secondary probed, write memory + .bak, garbage survived, cli"
