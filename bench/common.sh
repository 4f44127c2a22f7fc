# Sourced by the wrk benchmarks (bench/http, bench/token): tools, a release build, a temporary folder,
# and a cleanup trap that stops every process recorded in `pids`.
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
command -v nginx >/dev/null || apt-get install -y nginx-light >/dev/null
swift build -c release --product postern >&2
bin=$(swift build -c release --show-bin-path)/postern
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ulimit -n 20000
