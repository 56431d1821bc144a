#!/usr/bin/env bash
# harness_smoke.sh — checks the end-to-end peer harness itself (tests/e2e/lib, tests/e2e/sipp).
#
# Makes a throwaway PKI (pki.sh), starts Kamailio on UDP+TCP+TLS over 127.0.0.1 and ::1 and
# asks each listener for an OPTIONS answer (lib/sip_options.py), including a TLS check by host
# name and a TLS failure with the wrong CA; starts a second Kamailio answering 503; runs each
# SIPp scenario (200, 503, 100 then 200, silent) over UDP and TCP, IPv4 and IPv6; starts
# dnsmasq with A, AAAA and SRV records and queries it; captures the plaintext SIP on lo with
# tshark and passes it through tshark_sip_check.sh, and makes sure that check rejects a
# malformed packet. Every peer is stopped at the end (and on any failure).
#
# usage: tests/e2e/harness_smoke.sh      (KEEP=1 keeps the work directory for inspection)
# Needs kamailio (+tls modules), sipp, dnsmasq, openssl, python3; tshark and root for the
# capture part (skipped otherwise). Exit 0 pass, 1 fail, 77 skipped (a peer is missing).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
lib=$here/lib
for tool in kamailio sipp openssl python3; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
[[ -x $(command -v dnsmasq || echo /usr/sbin/dnsmasq) ]] || { echo "SKIP: dnsmasq not installed"; exit 77; }
capture=1
if ! command -v tshark >/dev/null || [[ $(id -u) -ne 0 ]]; then
  capture=0
  echo "note: no tshark or not root: the capture check is skipped"
fi

work=$(mktemp -d)
tshark_pid=""
peers=()  # "script dir" pairs to stop
cleanup() {
  set +e
  for p in "${peers[@]}"; do
    read -r script dir <<<"$p"
    "$lib/$script" stop "$dir" >/dev/null 2>&1
  done
  if [[ -n $tshark_pid ]]; then kill "$tshark_pid" 2>/dev/null; wait "$tshark_pid" 2>/dev/null; fi
  if [[ ${KEEP:-0} == 1 ]]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

# expect_options NAME WANT-EXIT WANT-OUTPUT-REGEX -- sip_options.py args...
expect_options() {
  local name=$1 want_rc=$2 want_out=$3 out rc=0
  shift 4
  out=$("$lib/sip_options.py" "$@" 2>&1) || rc=$?
  if [[ $rc -eq $want_rc && $out =~ $want_out ]]; then
    ok "$name: $(echo "$out" | paste -sd' ' -)"
  else
    bad "$name: exit $rc (want $want_rc), output: $(echo "$out" | paste -sd' ' -)"
  fi
}

# --- PKI and ports --------------------------------------------------------------------------
"$lib/pki.sh" "$work/pki" >/dev/null || { bad "pki.sh"; exit 1; }
pems=("$work"/pki/*.pem)
ok "pki.sh made ${#pems[@]} PEM files"
read -r -d '' k_port k_tls k503_port s_udp s_tcp s_udp6 dns_port < <("$lib/freeport.py" -n 7 | paste -sd' ' -; printf '\0') || true
[[ -n $dns_port ]] || { bad "freeport.py -n 7"; exit 1; }
ok "freeport.py: $k_port $k_tls $k503_port $s_udp $s_tcp $s_udp6 $dns_port"
plain_ports=("$k_port" "$k503_port" "$s_udp" "$s_tcp" "$s_udp6")

# --- capture ------------------------------------------------------------------------------------
pcap=$work/smoke.pcapng
if (( capture )); then
  filter=$(printf 'port %s or ' "${plain_ports[@]}"); filter=${filter% or }
  tshark -i lo -f "$filter" -w "$pcap" >"$work/tshark.out" 2>&1 &
  tshark_pid=$!
  for _ in $(seq 100); do grep -q "Capturing on" "$work/tshark.out" && break; sleep 0.1; done
  grep -q "Capturing on" "$work/tshark.out" || { bad "tshark did not start"; capture=0; }
fi

# --- Kamailio ----------------------------------------------------------------------------------
pki=$work/pki
peers+=("kamailio.sh $work/kam")
if pid=$("$lib/kamailio.sh" start "$work/kam" --udp "127.0.0.1:$k_port" --tcp "127.0.0.1:$k_port" \
    --tls "127.0.0.1:$k_tls" --cert "$pki/server.pem" --key "$pki/server.key" --ipv6 ::1); then
  ok "kamailio.sh start: pid $pid"
  for host in 127.0.0.1 ::1; do
    expect_options "kamailio udp $host" 0 '^200 OK' -- -t udp --expect 200 "$host" "$k_port"
    expect_options "kamailio tcp $host" 0 '^200 OK' -- -t tcp --expect 200 "$host" "$k_port"
    expect_options "kamailio tls $host (verified by IP)" 0 '^200 OK' -- \
      -t tls --ca "$pki/ca.pem" --expect 200 "$host" "$k_tls"
  done
  expect_options "kamailio tls by name sip.test" 0 '^200 OK' -- \
    -t tls --ca "$pki/ca.pem" --server-name sip.test --expect 200 127.0.0.1 "$k_tls"
  expect_options "kamailio tls with the other CA fails" 4 'error tls' -- \
    -t tls --ca "$pki/other-ca.pem" 127.0.0.1 "$k_tls"
else
  bad "kamailio.sh start"
fi
peers+=("kamailio.sh $work/kam503")
if "$lib/kamailio.sh" start "$work/kam503" --udp "127.0.0.1:$k503_port" --code 503 \
    --reason "Service Unavailable" >/dev/null; then
  expect_options "kamailio --code 503" 0 '^503 Service Unavailable' -- --expect 503 127.0.0.1 "$k503_port"
else
  bad "kamailio.sh start --code 503"
fi

# --- SIPp scenarios ---------------------------------------------------------------------------
# sipp_case SCENARIO ADDR PORT TRANSPORT(u1|t1) WANT-EXIT WANT-REGEX sip_options args...
sipp_case() {
  local sc=$1 addr=$2 port=$3 t=$4 want_rc=$5 want=$6 dir=$work/sipp_$1_$4_${2//:/_}
  shift 6
  peers+=("sipp.sh $dir")
  if "$lib/sipp.sh" start "$dir" "$sc" -i "$addr" -p "$port" -t "$t" >/dev/null; then
    local proto=udp; [[ $t == t1 ]] && proto=tcp
    expect_options "sipp $sc $proto $addr" "$want_rc" "$want" -- -t "$proto" "$@" "$addr" "$port"
    "$lib/sipp.sh" stop "$dir" || bad "sipp.sh stop $sc"
  else
    bad "sipp.sh start $sc $t $addr"
  fi
}
sipp_case options_200 127.0.0.1 "$s_udp" u1 0 '^200 OK' --expect 200
sipp_case options_503 127.0.0.1 "$s_udp" u1 0 '^503 Service Unavailable' --expect 503
sipp_case options_100_200 127.0.0.1 "$s_udp" u1 0 $'^100 Trying\n200 OK' --expect 200 --expect-provisional 100
sipp_case options_silent 127.0.0.1 "$s_udp" u1 3 '^timeout' --timeout 2
sipp_case options_200 127.0.0.1 "$s_tcp" t1 0 '^200 OK' --expect 200
sipp_case options_100_200 ::1 "$s_tcp" t1 0 $'^100 Trying\n200 OK' --expect 200 --expect-provisional 100
sipp_case options_200 ::1 "$s_udp6" u1 0 '^200 OK' --expect 200
sipp_case options_silent ::1 "$s_tcp" t1 3 '^timeout' --timeout 1

# --- dnsmasq -------------------------------------------------------------------------------------
peers+=("dnsmasq.sh $work/dns")
if "$lib/dnsmasq.sh" start "$work/dns" "$dns_port" --ttl 42 --a sip.test=127.0.0.1 \
    --aaaa sip.test=::1 --srv "_sip._udp.sip.test=sip.test:$k_port:10:50" >/dev/null; then
  answers=$(python3 - "$dns_port" <<'PY'
import random, socket, struct, sys
port = int(sys.argv[1])
def query(name, qtype):
    qid = random.randrange(65536)
    q = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    q += b"".join(bytes([len(l)]) + l.encode() for l in name.split(".")) + b"\0"
    q += struct.pack(">HH", qtype, 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2)
    s.sendto(q, ("127.0.0.1", port))
    r = s.recv(4096)
    return f"{name}/{qtype}:rcode={r[3] & 15},answers={struct.unpack('>H', r[6:8])[0]}"
print(" ".join([query("sip.test", 1), query("sip.test", 28), query("_sip._udp.sip.test", 33),
                query("nothere.test", 1)]))
PY
  ) || answers="query failed"
  want="sip.test/1:rcode=0,answers=1 sip.test/28:rcode=0,answers=1 _sip._udp.sip.test/33:rcode=0,answers=1 nothere.test/1:rcode=3,answers=0"
  if [[ $answers == "$want" ]]; then ok "dnsmasq.sh: $answers"; else bad "dnsmasq.sh: got $answers"; fi
else
  bad "dnsmasq.sh start"
fi

# --- stop the peers, check they are gone -----------------------------------------------------
for p in "${peers[@]}"; do
  read -r script dir <<<"$p"
  pidfile=$dir/${script%.sh}.pid
  pid=$(cat "$pidfile" 2>/dev/null || true)
  "$lib/$script" stop "$dir" >/dev/null 2>&1 || true
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then bad "$script stop: pid $pid still alive"; fi
done
peers=()
ok "all peers stopped"

# --- the wire, judged by tshark -----------------------------------------------------------------
if (( capture )); then
  kill -INT "$tshark_pid" 2>/dev/null || true
  wait "$tshark_pid" 2>/dev/null || true
  tshark_pid=""
  if out=$("$lib/tshark_sip_check.sh" "$pcap" "${plain_ports[@]}"); then
    ok "tshark_sip_check.sh on the capture: $out"
  else
    bad "tshark_sip_check.sh on the capture:"; echo "$out"
  fi
  # The check must also catch a broken packet: a SIP request whose header never ends.
  python3 - "$work/malformed.pcap" <<'PY'
import struct, sys
payload = b"OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK1\r\nCSeq: 1 OPTIONS"
udp = struct.pack("!HHHH", 40000, 5060, 8 + len(payload), 0) + payload
ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, b"\x7f\0\0\1", b"\x7f\0\0\1")
frame = b"\0" * 12 + b"\x08\x00" + ip + udp
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    f.write(struct.pack("<IIII", 0, 0, len(frame), len(frame)) + frame)
PY
  if "$lib/tshark_sip_check.sh" "$work/malformed.pcap" 5060 >/dev/null; then
    bad "tshark_sip_check.sh accepted a malformed SIP packet"
  else
    ok "tshark_sip_check.sh rejects a malformed SIP packet"
  fi
fi

echo "harness smoke: $passed passed, $failed failed"
(( failed == 0 ))
