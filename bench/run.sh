#!/usr/bin/env bash
# bench/run.sh NAME…  — runs bench/NAME/run.sh for each NAME (crypto, http, store, token) and writes
# its Markdown output into BENCHMARKS.md between <!-- bench:NAME --> markers, so each benchmark
# owns one section and re-running one leaves the others alone.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/run.sh NAME…  (names: $(ls -d bench/*/ | xargs -n1 basename | tr '\n' ' '))" >&2; exit 2; }
for name in "$@"; do
  script="bench/$name/run.sh"
  [ -x "$script" ] || { echo "bench/run.sh: no benchmark '$name' ($script)" >&2; exit 2; }
  out=$(mktemp)
  "$script" | tee "$out"
  python3 bench/update_section.py BENCHMARKS.md "$name" "$out"
  rm -f "$out"
done
