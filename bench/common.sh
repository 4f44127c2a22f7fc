# Sourced by the wrk benchmarks (bench/http, bench/token): tools, a release build, a temporary folder,
# and a cleanup trap that stops every process recorded in `pids`.
# A fresh machine has no package lists yet: without the update, apt-get cannot find either package.
missing=$(command -v wrk >/dev/null || echo wrk; command -v nginx >/dev/null || echo nginx-light)
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "bench: missing $missing; run: sudo apt-get update && sudo apt-get install -y" $missing >&2; exit 1
  fi
fi
swift build -c release --product postern >&2
bin=$(swift build -c release --show-bin-path)/postern
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ulimit -n 20000
# Comparisons against a reference server run two rounds, alternating, and keep the best round of each: the box
# is shared, and a burst of someone else's work during one 10 s window would otherwise decide the ratio.
best() {  # "rps …" lines → the line with the highest rps
  sort -g -r -k1,1 | head -1
}
