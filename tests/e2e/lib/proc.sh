# proc.sh — the life cycle of a peer that an e2e helper (kamailio.sh, sipp.sh, dnsmasq.sh)
# runs in the background; sourced, not run. Set proc_name (e.g. proc_name=sipp) first: the
# messages start "$proc_name.sh:", the pid file is DIR/$proc_name.pid; proc_stop_seconds is
# proc_stop's default wait. proc_logs (an array of files) is printed on stderr when the
# peer fails to come up; proc_waiting_for (text, a CHECK may update it) says what was awaited.
#
#   proc_main START ARGS...           the helper's command line, "start DIR ..." or "stop DIR":
#                                     sets $dir, then runs the function START with the rest of
#                                     the arguments, or proc_stop "$dir/$proc_name.pid"
#   proc_usage                        the helper's header comment on stderr, exit 2
#   proc_alive PID                    true while PID runs
#   proc_refuse_running PIDFILE DIR   exits 1 when PIDFILE names a running process
#   proc_spawn PIDFILE LOG CMD...     runs CMD in the background of this shell (stdin /dev/null,
#                                     stdout and stderr appended to LOG); its pid goes to
#                                     PIDFILE and $proc_pid (CMD must not fork away)
#   proc_wait_ready PID PIDFILE SECONDS INTERVAL CHECK...
#                                     runs CHECK every INTERVAL s until it succeeds (0). Returns 1
#                                     when PID exits first (logs printed, PIDFILE removed) or
#                                     after SECONDS (logs printed, the peer stopped)
#   proc_stop PIDFILE [SECONDS]       SIGTERM, waits up to SECONDS ($proc_stop_seconds), then SIGKILL;
#                                     removes PIDFILE. No PIDFILE: a note on stderr, status 0.

proc_name=${proc_name:-peer}
proc_stop_seconds=${proc_stop_seconds:-5}
proc_logs=()
proc_waiting_for=""

proc_usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
  exit 2
}

proc_main() {  # start-function args...
  local start_fn=$1
  shift
  [[ $# -ge 2 ]] || proc_usage
  local cmd=$1
  dir=$2
  shift 2
  case $cmd in
    start) "$start_fn" "$@" ;;
    stop) proc_stop "$dir/$proc_name.pid" ;;
    *) proc_usage ;;
  esac
}

proc_alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }

proc_refuse_running() {  # pidfile dir
  if [[ -f $1 ]] && proc_alive "$(cat "$1")"; then
    echo "$proc_name.sh: already running in $2" >&2
    exit 1
  fi
}

proc_spawn() {  # pidfile log cmd...
  local pidfile=$1 log=$2
  shift 2
  "$@" </dev/null >>"$log" 2>&1 &
  proc_pid=$!
  echo "$proc_pid" >"$pidfile"
}

proc_print_logs() {
  local f
  for f in "${proc_logs[@]}"; do [[ -f $f ]] && cat "$f" >&2; done
  return 0
}

proc_stop() {  # pidfile [seconds]
  local pidfile=$1 tenths=$(( ${2:-$proc_stop_seconds} * 10 )) pid
  [[ -f $pidfile ]] || { echo "$proc_name.sh: no $pidfile" >&2; return 0; }
  pid=$(cat "$pidfile")
  if proc_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq "$tenths"); do proc_alive "$pid" || break; sleep 0.1; done
    if proc_alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$pidfile"
}

proc_wait_ready() {  # pid pidfile seconds interval check...
  local pid=$1 pidfile=$2 deadline=$((SECONDS + $3)) interval=$4
  shift 4
  until "$@"; do
    if ! proc_alive "$pid"; then
      echo "$proc_name.sh: $proc_name exited:" >&2
      proc_print_logs
      rm -f "$pidfile"
      return 1
    fi
    if (( SECONDS > deadline )); then
      echo "$proc_name.sh: $proc_name not ready${proc_waiting_for:+ (waiting for $proc_waiting_for)}" >&2
      proc_print_logs
      proc_stop "$pidfile"
      return 1
    fi
    sleep "$interval"
  done
}
