# netns.sh — sourced by the fault_*/hostile_* end-to-end tests: two network namespaces joined by
# a veth pair, for fault injection that never touches the host's interfaces or addresses.
#
#   netns_setup            creates gw-<pid>-a and gw-<pid>-b, a veth pair created directly inside
#                          them (nothing appears in the host namespace, even for a moment),
#                          10.200.<n>.1/29 in A, 10.200.<n>.2/29 and .3/29 in B (the second B
#                          address lets a hostile peer answer "from another address"), lo up in
#                          both. Exits 77 (skip) when ip/tc/nft are missing or the namespaces
#                          cannot be created (not root, no CAP_SYS_ADMIN, a container without
#                          netns support). Sets NS_A NS_B IF_A IF_B ADDR_A ADDR_B ADDR_B2.
#   in_a CMD... / in_b CMD...   run CMD inside A / B (ip netns exec). Never background these
#                          functions (`in_a cmd &`): the subshell would run the EXIT trap;
#                          background `ip netns exec "$NS_A" cmd &` instead.
#   netem SIDE ARGS...     replace the root qdisc of SIDE's (a|b) veth with `netem ARGS`; the
#                          egress of A is the request direction, of B the response direction.
#                          Returns non-zero when the kernel has no netem (sch_netem absent, as
#                          on some VM kernels without modules).
#   netem_clear SIDE       back to the default qdisc.
#   impair_loss PCT        PCT% loss each way on B's side: netem on both veth ends when the
#                          kernel has netem, else nftables `numgen random mod 100 < PCT drop` in
#                          B's input and output chains (the same Bernoulli loss, per packet).
#                          Sets IMPAIR_MECH to "netem" or "nft-numgen".
#   nft_b RULE...          add RULE to chain input (or `-o RULE` to chain output) of table
#                          `inet gwfault` in B (created on first use), e.g.
#                          nft_b 'tcp dport 2000 drop', nft_b 'tcp dport 2000 reject with tcp reset'.
#   nft_b_flush            remove every rule of that table.
#   netns_cleanup          kills every process left in A and B (by pid, from `ip netns pids`),
#                          deletes both namespaces (the veth pair goes with them). Idempotent;
#                          netns_setup installs it on EXIT/INT/TERM, chained before any EXIT trap
#                          already set, so it runs however the test ends.
# The subnet index <n> is derived from the pid; the addresses exist only inside the namespaces,
# so two tests running at once do not collide even with the same <n>.

NS_A="" NS_B=""

netns_cleanup() {
  local ns p
  for ns in "$NS_A" "$NS_B"; do
    [[ -n $ns ]] || continue
    ip netns list 2>/dev/null | grep -qw "^$ns" || continue
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -TERM "$p" 2>/dev/null || true; done
    for _ in $(seq 20); do [[ -z $(ip netns pids "$ns" 2>/dev/null) ]] && break; sleep 0.05; done
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
}

netns_setup() {
  local t prev n
  for t in ip tc nft; do
    command -v "$t" >/dev/null || { echo "SKIP: $t not installed (iproute2, nftables)"; exit 77; }
  done
  [[ $(id -u) -eq 0 ]] || { echo "SKIP: network namespaces need root"; exit 77; }
  n=$(( $$ % 250 + 1 ))
  NS_A=gw-$$-a NS_B=gw-$$-b IF_A=gwv$$a IF_B=gwv$$b
  ADDR_A=10.200.$n.1 ADDR_B=10.200.$n.2 ADDR_B2=10.200.$n.3
  # Chain: our cleanup first, then whatever EXIT trap the test had.
  prev=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
  # shellcheck disable=SC2064
  trap "netns_cleanup; ${prev:-:}" EXIT
  trap 'exit 130' INT TERM
  if ! ip netns add "$NS_A" 2>/dev/null || ! ip netns add "$NS_B" 2>/dev/null; then
    echo "SKIP: cannot create network namespaces here"
    exit 77
  fi
  ip link add "$IF_A" netns "$NS_A" type veth peer name "$IF_B" netns "$NS_B" ||
    { echo "SKIP: cannot create a veth pair inside the namespaces"; exit 77; }
  in_a ip link set lo up
  in_b ip link set lo up
  in_a ip addr add "$ADDR_A/29" dev "$IF_A"
  in_b ip addr add "$ADDR_B/29" dev "$IF_B"
  in_b ip addr add "$ADDR_B2/29" dev "$IF_B"
  in_a ip link set "$IF_A" up
  in_b ip link set "$IF_B" up
  # Permanent neighbour entries: ARP must not be subject to the loss the tests inject.
  local mac_a mac_b
  mac_a=$(in_a cat "/sys/class/net/$IF_A/address")
  mac_b=$(in_b cat "/sys/class/net/$IF_B/address")
  in_a ip neigh replace "$ADDR_B" lladdr "$mac_b" dev "$IF_A" nud permanent
  in_a ip neigh replace "$ADDR_B2" lladdr "$mac_b" dev "$IF_A" nud permanent
  in_b ip neigh replace "$ADDR_A" lladdr "$mac_a" dev "$IF_B" nud permanent
  # Wait for carrier on both ends, with a deadline (no ping on minimal systems).
  local i
  for i in $(seq 100); do
    [[ $(in_a cat "/sys/class/net/$IF_A/operstate") == up &&
       $(in_b cat "/sys/class/net/$IF_B/operstate") == up ]] && return 0
    sleep 0.05
  done
  echo "FAIL: veth pair $IF_A/$IF_B did not come up"
  exit 1
}

in_a() { ip netns exec "$NS_A" "$@"; }
in_b() { ip netns exec "$NS_B" "$@"; }

netem() {
  local side=$1 dev ns
  shift
  if [[ $side == a ]]; then ns=$NS_A dev=$IF_A; else ns=$NS_B dev=$IF_B; fi
  ip netns exec "$ns" tc qdisc replace dev "$dev" root netem "$@"
}

netem_clear() {
  local side=$1
  if [[ $side == a ]]; then in_a tc qdisc del dev "$IF_A" root 2>/dev/null || true
  else in_b tc qdisc del dev "$IF_B" root 2>/dev/null || true; fi
}

impair_loss() {
  local pct=$1
  if netem a loss "$pct%" 2>/dev/null && netem b loss "$pct%" 2>/dev/null; then
    IMPAIR_MECH=netem
  else
    netem_clear a
    nft_b "meta l4proto udp numgen random mod 100 < $pct drop"
    nft_b -o "meta l4proto udp numgen random mod 100 < $pct drop"
    IMPAIR_MECH=nft-numgen
  fi
}

_nft_b_ready=0
nft_b() {
  local chain=input
  if [[ ${1:-} == -o ]]; then chain=output; shift; fi
  if [[ $_nft_b_ready == 0 ]]; then
    in_b nft -f - <<'NFT'
table inet gwfault {
  chain input { type filter hook input priority 0; policy accept; }
  chain output { type filter hook output priority 0; policy accept; }
}
NFT
    _nft_b_ready=1
  fi
  # shellcheck disable=SC2086
  in_b nft add rule inet gwfault "$chain" $*
}

nft_b_flush() {
  [[ $_nft_b_ready == 1 ]] || return 0
  in_b nft flush table inet gwfault
}
