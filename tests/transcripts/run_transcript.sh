#!/usr/bin/env bash
# Runs `gatewatch shell` on NAME.in (with NAME.cfg as -c when present) and compares the
# transcript with NAME.expected byte for byte. Usage: run_transcript.sh GATEWATCH NAME.in
# With UPDATE=1 it rewrites the expected file instead (review the diff before committing).
set -euo pipefail
gw=$1
in=$2
base=${in%.in}
args=()
if [[ -f $base.cfg ]]; then
  tmp=$(mktemp)
  trap 'rm -f "$tmp" "$tmp.bak"' EXIT
  cp "$base.cfg" "$tmp"
  args=(-c "$tmp")
fi
actual=$("$gw" shell "${args[@]}" < "$in"; echo "rc=$?")
if [[ ${UPDATE:-0} == 1 ]]; then
  printf '%s\n' "$actual" > "$base.expected"
  exit 0
fi
if ! diff -u "$base.expected" <(printf '%s\n' "$actual"); then
  echo "transcript $in differs from $base.expected" >&2
  exit 1
fi
# `write memory` transcripts also check what landed in the file.
if [[ -f $base.saved ]]; then
  diff -u "$base.saved" "$tmp"
  diff -u "$base.cfg" "$tmp.bak"
fi
