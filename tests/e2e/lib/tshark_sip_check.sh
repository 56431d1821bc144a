#!/usr/bin/env bash
# tshark_sip_check.sh [--allow-empty] PCAP [PORT...] — SIP on the wire, judged by Wireshark.
#
# Decodes UDP and TCP on each PORT (default: 5060 only) as SIP (-d udp.port==P,sip
# -d tcp.port==P,sip, two-pass so TCP reassembly is known) and fails when:
#   1. a SIP packet is malformed (_ws.malformed), carries an expert error, or carries one of
#      the SIP dissector's own complaints (sip.unrecognized_header, sip.header_no_colon,
#      sip.content_length.invalid, sip.Status-Code.invalid, ... : every sip.* expert field this
#      tshark knows, which it files as mere notes);
#   2. a UDP datagram with payload, or a TCP segment with payload that is not part of a
#      reassembled SIP message, on one of the PORTs does not decode as SIP at all (for example
#      a status line Wireshark cannot parse). ICMP errors quoting such packets are ignored;
#   3. no SIP packet is found at all (a check of nothing must not pass), unless --allow-empty.
# Give only plaintext ports: TLS payload cannot be decoded without keys.
# On failure it prints the offending packets (summary and SIP detail or hex) and exits 1;
# on success it prints "ok: N SIP packets" and exits 0. Exit 2: usage or unreadable capture.
set -euo pipefail

allow_empty=0
if [[ ${1:-} == --allow-empty ]]; then allow_empty=1; shift; fi
[[ $# -ge 1 ]] || { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
pcap=$1; shift
ports=("$@")
(( ${#ports[@]} > 0 )) || ports=(5060)
[[ -r $pcap ]] || { echo "tshark_sip_check.sh: cannot read $pcap" >&2; exit 2; }
command -v tshark >/dev/null || { echo "tshark_sip_check.sh: tshark not installed" >&2; exit 2; }

decode=()
for p in "${ports[@]}"; do
  [[ $p =~ ^[0-9]+$ ]] || { echo "tshark_sip_check.sh: bad port $p" >&2; exit 2; }
  decode+=(-d "udp.port==$p,sip" -d "tcp.port==$p,sip")
done
portset="{$(IFS=,; echo "${ports[*]}")}"

errlog=$(mktemp)
trap 'rm -f "$errlog"' EXIT
# One tshark run; a tshark failure (bad filter, unreadable file) is a usage error, not a pass.
ts() {
  tshark -n -2 -r "$pcap" "${decode[@]}" "$@" 2>"$errlog" ||
    { echo "tshark_sip_check.sh: tshark failed:" >&2; grep -v dangerous "$errlog" >&2; exit 2; }
}

# The SIP dissector's expert fields of this tshark version (FT_NONE fields of protocol sip,
# minus the message-body subtree), so the filter always compiles.
sip_experts=$(tshark -G fields 2>/dev/null |
  awk -F'\t' '$1=="F" && $5=="sip" && $4=="FT_NONE" && $3!="sip.msg_body" {print $3}' |
  paste -sd'|' - | sed 's/|/ || /g')
bad_sip="sip && (_ws.malformed || _ws.expert.severity >= \"Error\"${sip_experts:+ || $sip_experts})"
not_sip="!sip && !icmp && !icmpv6 && ((udp.port in $portset && udp.length > 8) || (tcp.port in $portset && tcp.len > 0 && !tcp.reassembled_in))"

ts -c 1 >/dev/null || { echo "tshark_sip_check.sh: tshark cannot read $pcap" >&2; exit 2; }

status=0
bad=$(ts -Y "$bad_sip")
if [[ -n $bad ]]; then
  echo "FAIL: SIP packets Wireshark marks malformed or flags:"
  echo "$bad"
  ts -Y "$bad_sip" -O sip
  status=1
fi
other=$(ts -Y "$not_sip")
if [[ -n $other ]]; then
  echo "FAIL: payload on SIP port(s) ${ports[*]} that does not decode as SIP:"
  echo "$other"
  ts -Y "$not_sip" -x
  status=1
fi
count=$(ts -Y sip | wc -l)
if (( count == 0 && allow_empty == 0 )); then
  echo "FAIL: no SIP packet in $pcap on port(s) ${ports[*]}"
  status=1
fi
(( status == 0 )) && echo "ok: $count SIP packets"
exit $status
