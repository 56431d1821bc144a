#!/usr/bin/env bash
# bench/instructions.sh BENCH_BINARY BENCHMARK [N] — instructions per iteration of one Google
# Benchmark, counted by valgrind's callgrind inside that benchmark's function only: two runs of
# exactly N and 2N iterations (GW_BENCH_ITERATIONS, "fixed/" copies; default N = 2000), and
# their difference divided by N, so set-up and first-iteration costs cancel. A CPU time that a
# shared machine's load does not move: the figure to compare before/after a change. Needs
# valgrind; the binary must register fixed/ copies (bench/sip_attempt.cpp does).
set -euo pipefail
bin=${1:?usage: instructions.sh BENCH_BINARY BENCHMARK [N]} name=${2:?benchmark name} n=${3:-2000}
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind not installed" >&2; exit 2; }
count() {
  GW_BENCH_ITERATIONS=$1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    --toggle-collect="*${name}*" "$bin" --benchmark_filter="^fixed/${name}/" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
a=$(count "$n")
b=$(count $((2 * n)))
[[ -n $a && -n $b ]] || { echo "instructions.sh: no count (is fixed/$name registered?)" >&2; exit 1; }
echo "$name: $(( (b - a) / n )) instructions per iteration ($bin)"
