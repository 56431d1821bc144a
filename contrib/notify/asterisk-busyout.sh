#!/bin/sh
# gatewatch --notify hook (illustrative): mirror gatewatch's busyout into Asterisk.
#
#   gatewatch run -c /etc/gatewatch/gatewatch.cfg --notify /usr/local/lib/gatewatch/asterisk-busyout.sh
#
# gatewatch runs this program once per event, with the event's JSON line on stdin, e.g.
#   {"ts":"2026-11-30T00:41:02.120Z","event":"voice-port.busyout","port":"0/0/1"}
# No shell is involved on gatewatch's side; at most 4 hooks run at once, each is killed after
# 10 s, and its output is discarded (a failing hook's first 200 bytes reach the log).
#
# What it does (adapt to your dialplan):
#   voice-port.busyout  -> `database put gatewatch/busyout <port> 1` (the dialplan checks
#                          ${DB(gatewatch/busyout/<port>)} and answers Congestion), and hangs up
#                          the channels of that port's PJSIP endpoint (Asterisk has no "busy
#                          out"; this is how a box behind a dead SIP trunk frees its lines).
#   voice-port.unbusy   -> `database del gatewatch/busyout <port>`
#   sip.target.down/up  -> `database put gatewatch/sip <target> down|up` (for the dialplan or
#                          an AMI client to read)
# The endpoint of a voice port is looked up in ENDPOINT_MAP ("0/0/0=phone-lobby 0/0/1=fax").
set -eu
ASTERISK=${ASTERISK:-asterisk}
ENDPOINT_MAP=${ENDPOINT_MAP:-"0/0/0=phone-lobby 0/0/1=phone-office"}

line=$(head -c 4096)  # one event line; bounded
field() {             # field NAME: the string value of "NAME" in the JSON line (flat object)
  printf '%s\n' "$line" | sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"
}
event=$(field event)
port=$(field port)

endpoint_of() {
  for pair in $ENDPOINT_MAP; do
    [ "${pair%%=*}" = "$1" ] && { printf '%s\n' "${pair#*=}"; return 0; }
  done
  return 1
}

case $event in
  voice-port.busyout)
    "$ASTERISK" -rx "database put gatewatch/busyout $port 1"
    if ep=$(endpoint_of "$port"); then
      # Every active channel of the endpoint, e.g. PJSIP/phone-lobby-00000012.
      "$ASTERISK" -rx "core show channels concise" | cut -d'!' -f1 | grep "^PJSIP/$ep-" |
        while read -r chan; do "$ASTERISK" -rx "channel request hangup $chan"; done
    fi
    ;;
  voice-port.unbusy)
    "$ASTERISK" -rx "database del gatewatch/busyout $port"
    ;;
  sip.target.down | sip.target.up)
    "$ASTERISK" -rx "database put gatewatch/sip $(field target) ${event#sip.target.}"
    ;;
  *) ;;  # other events: nothing to do
esac
