#!/usr/bin/env bash
# pki.sh DIR — throwaway test PKI for the TLS end-to-end tests (openssl CLI, P-256 keys).
#
# Writes into DIR (created if missing; existing files are overwritten):
#   ca.pem, ca.key                 the test CA ("gatewatch test CA"); trust this one
#   server.pem, server.key         server certificate signed by ca: CN sip.test,
#                                  subjectAltName DNS:sip.test, IP:127.0.0.1, IP:::1
#   server-chain.pem               server.pem followed by ca.pem
#   other-ca.pem, other-ca.key     a second, unrelated CA ("gatewatch other CA")
#   wrong.pem, wrong.key           same names as server.pem but signed by other-ca: the
#                                  "wrong certificate" case (a client trusting ca.pem rejects it)
#   sip.test-only.pem/.key         signed by ca, SAN DNS:sip.test only (no IP SANs): for
#                                  "right CA, wrong name" checks against an IP literal
# Certificates are valid from now for 2 days. Prints DIR on success; exit 1 on failure.
set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 DIR" >&2; exit 2; }
dir=$1
mkdir -p "$dir"
log=$dir/pki.log
: >"$log"

ossl() { openssl "$@" >>"$log" 2>&1 || { echo "pki.sh: openssl $1 failed, see $log" >&2; exit 1; }; }

make_ca() {  # NAME CN
  ossl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$dir/$1.key" -out "$dir/$1.pem" -days 2 -subj "/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
}

make_leaf() {  # NAME CA SAN
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n' \
    "$3" >"$dir/$1.ext"
  ossl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$dir/$1.key" -out "$dir/$1.csr" -subj "/CN=sip.test"
  ossl x509 -req -in "$dir/$1.csr" -CA "$dir/$2.pem" -CAkey "$dir/$2.key" \
    -set_serial "0x$(openssl rand -hex 8)" -out "$dir/$1.pem" -days 2 -extfile "$dir/$1.ext"
  rm -f "$dir/$1.csr" "$dir/$1.ext"
}

make_ca ca "gatewatch test CA"
make_ca other-ca "gatewatch other CA"
make_leaf server ca "DNS:sip.test,IP:127.0.0.1,IP:::1"
make_leaf wrong other-ca "DNS:sip.test,IP:127.0.0.1,IP:::1"
make_leaf sip.test-only ca "DNS:sip.test"
cat "$dir/server.pem" "$dir/ca.pem" >"$dir/server-chain.pem"
chmod 600 "$dir"/*.key

# Self-check: the pairs must mean what the names say.
openssl verify -CAfile "$dir/ca.pem" "$dir/server.pem" >>"$log" 2>&1 ||
  { echo "pki.sh: server.pem does not verify against ca.pem" >&2; exit 1; }
if openssl verify -CAfile "$dir/ca.pem" "$dir/wrong.pem" >>"$log" 2>&1; then
  echo "pki.sh: wrong.pem unexpectedly verifies against ca.pem" >&2; exit 1
fi
echo "$dir"
