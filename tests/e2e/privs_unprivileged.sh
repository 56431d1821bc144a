#!/usr/bin/env bash
# Privileges: gatewatch run needs no root. A throwaway system user (gwtest-unpriv, created here
# when absent, removed at the end if we created it) runs the daemon through setpriv (no
# capabilities, no supplementary groups). Asserts: the process runs with that uid and an empty
# effective capability set; it probes (answered attempts of a UDP target served by a peer on
# loopback) and writes events (sip.target.down of a second target on a dead port) to a file it
# owns. Control socket: when the build has `gatewatch cli` and the daemon answers its own user
# on --control, another user (nobody) must be refused (no answer); otherwise that case is
# skipped and said so.
# usage: privs_unprivileged.sh [BUILD_DIR|GATEWATCH]   Exit 0 pass, 1 fail, 77 skip.
source "$(dirname "$0")/sip_common.sh"
figure() { echo "FIGURE $*"; }
need setpriv useradd
[[ $(id -u) -eq 0 ]] || { echo "SKIP: needs root to create a user and drop to it"; exit 77; }

user=gwtest-unpriv created=0
if ! id "$user" >/dev/null 2>&1; then
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user" ||
    { echo "SKIP: cannot create a system user"; exit 77; }
  created=1
fi
drop_user() { [[ $created == 1 ]] && userdel "$user" 2>/dev/null; return 0; }
prev=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
# shellcheck disable=SC2064
trap "drop_user; ${prev:-:}" EXIT

# The binary must be reachable by the user: copy it into a directory it can read.
run=$work/run
mkdir -p "$run"
cp "$gw" "$run/gatewatch"
chmod 755 "$work" "$run" "$run/gatewatch"
chown "$user" "$run"
read -r port dead < <(free_ports 2)
python3 "$lib/hostile_peer.py" sip --udp "127.0.0.1:$port" --log "$work/peer.log" &
peer_pid=$!
for _ in $(seq 100); do grep -q ' ready$' "$work/peer.log" 2>/dev/null && break; sleep 0.05; done
write_config "$run/gw.cfg" "keepalive target ipv4:127.0.0.1:$port" \
  "keepalive target ipv4:127.0.0.1:$dead secondary" "timers keepalive active 10 down 1" "retry keepalive 2"
chmod 644 "$run/gw.cfg"
events=$run/events.jsonl gw_log=$run/gatewatch.log
ctl=$run/ctl.sock
has_cli=0
"$run/gatewatch" --help 2>&1 | grep -qE '^ +cli ' && has_cli=1
ctl_args=()
[[ $has_cli == 1 ]] && ctl_args=(--control "$ctl")
GATEWATCH_DEBUG=1 setpriv --reuid "$user" --regid "$user" --clear-groups --inh-caps=-all \
  --bounding-set=-all "$run/gatewatch" run -c "$run/gw.cfg" --events "$events" --time-scale 0.05 \
  "${ctl_args[@]}" 2>"$gw_log" &
gw_pid=$!
down=$(await_event 10 event=sip.target.down target=secondary)
await_attempts 10 primary 3
uid=$(awk '/^Uid:/ {print $2}' "/proc/$gw_pid/status")
capeff=$(awk '/^CapEff:/ {print $2}' "/proc/$gw_pid/status")
owner=$(stat -c %U "$events")
want_uid=$(id -u "$user")
echo "daemon uid $uid (want $want_uid, $user), CapEff $capeff; events file owned by $owner; down: $down"
[[ $uid == "$want_uid" ]] || fail "daemon runs as uid $uid"
[[ $capeff == 0000000000000000 ]] || fail "daemon has capabilities $capeff"
[[ $owner == "$user" ]] || fail "events written by $owner"

ctl_result=skipped
if [[ $has_cli == 1 && -S $ctl ]]; then
  own=$(echo "show sip-ua keepalive" | timeout 5 setpriv --reuid "$user" --regid "$user" --clear-groups \
        "$run/gatewatch" cli --control "$ctl" 2>&1 || true)
  if grep -qi "primary\|127.0.0.1" <<<"$own"; then
    other=$(echo "show sip-ua keepalive" | timeout 5 setpriv --reuid nobody --regid nogroup --clear-groups \
            "$run/gatewatch" cli --control "$ctl" 2>&1 || true)
    if grep -q "127.0.0.1:$port" <<<"$other"; then fail "control socket answered user nobody"; fi
    ctl_result=refused
    echo "control socket: answers $user, refuses nobody ($(head -1 <<<"$other"))"
  else
    echo "control socket: exists but does not answer show commands in this build: case skipped"
  fi
else
  echo "control socket: no \`gatewatch cli\` / --control in this build: case skipped"
fi
gw_stop
kill "$peer_pid" 2>/dev/null; wait "$peer_pid" 2>/dev/null || true
figure "uid=$uid" "capeff=$capeff" "events_owner=$owner" "control_other_user=$ctl_result"
echo "PASS: runs unprivileged (uid $uid, no capabilities), probes and writes events; control socket: $ctl_result"
