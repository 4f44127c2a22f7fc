#!/usr/bin/env bash
# bench/http/run.sh — Postern's HTTP server against nginx on the same ~300-byte JSON body, same run, same box.
# Prints a Markdown section for BENCHMARKS.md (bench/run.sh http writes it there).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/http
source bench/common.sh

# Postern: access log off, 2 loops (one per core), prints its port once bound.
"$bin" bench http-server --body "$here/body.json" >"$tmp/postern.out" 2>"$tmp/postern.err" &
postern_pid=$!; pids+=("$postern_pid")
for _ in $(seq 100); do grep -q '^listening ' "$tmp/postern.out" 2>/dev/null && break; sleep 0.1; done
postern_port=$(awk '/^listening /{print $2}' "$tmp/postern.out")

nginx_port=$(free_port)
cp "$here/body.json" "$tmp/body.json"
sed -e "s|__DIR__|$tmp|g" -e "s|__PORT__|$nginx_port|g" "$here/nginx.conf.template" >"$tmp/nginx.conf"
nginx -c "$tmp/nginx.conf" -p "$tmp" &
pids+=($!)
sleep 1

wrk_args=(-t2 -c64 -d10s --latency)
measure() {  # url → "req/s p50 p99" (latencies in ms)
  wrk "${wrk_args[@]}" "$1" | awk '
    /Requests\/sec/ { rps=$2 }
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    $1=="50%" { p50=ms($2) } $1=="99%" { p99=ms($2) }
    END { printf "%s %.2f %.2f\n", rps, p50, p99 }'
}
# Same body, same headers size class: check both answer before measuring.
curl -sf "http://127.0.0.1:$postern_port/" | cmp -s - "$here/body.json" || { echo "postern body mismatch" >&2; exit 1; }
curl -sf "http://127.0.0.1:$nginx_port/" | cmp -s - "$here/body.json" || { echo "nginx body mismatch" >&2; exit 1; }
# Whole response size (status line + headers + body): the servers' headers differ, so say by how much.
n_bytes=$(curl -si "http://127.0.0.1:$nginx_port/" | wc -c)
p_bytes=$(curl -si "http://127.0.0.1:$postern_port/" | wc -c)
# Two rounds, alternating, best round of each kept (best, in bench/common.sh).
rounds_n=""; rounds_p=""
for _ in 1 2; do
  rounds_n+=$(measure "http://127.0.0.1:$nginx_port/")$'\n'
  rounds_p+=$(measure "http://127.0.0.1:$postern_port/")$'\n'
done
read -r n_rps n_p50 n_p99 < <(printf '%s' "$rounds_n" | best)
read -r p_rps p_p50 p_p99 < <(printf '%s' "$rounds_p" | best)
ratio=$(python3 -c "print(f'{$p_rps/$n_rps:.2f}')")
met=$(python3 -c "print('met' if $p_rps >= 0.8*$n_rps else 'MISSED')")

# Short of the throughput target: profile Postern under the same load and keep the top of the profile.
profile=""
if [ "$met" = MISSED ] && command -v perf >/dev/null; then
  wrk -t2 -c64 -d8s "http://127.0.0.1:$postern_port/" >/dev/null &
  wrk_pid=$!
  sleep 1
  perf record -F 999 -g -p "$postern_pid" -o "$tmp/perf.data" -- sleep 5 >/dev/null 2>&1 || true
  wait "$wrk_pid" || true
  profile=$(perf report -i "$tmp/perf.data" --no-children --sort symbol --stdio 2>/dev/null \
    | grep -E '^ +[0-9.]+%' | head -15 | sed -E 's/ +- +- *$//; s/ +$//' || true)
fi

# 10,000 idle keep-alive connections, each having sent one request.
rss_before=$(awk '/VmRSS/{print $2}' /proc/$postern_pid/status)
coproc IDLE { python3 "$here/idle_clients.py" "$postern_port" 10000; }
read -r ready count <&"${IDLE[0]}"
rss_idle=$(awk '/VmRSS/{print $2}' /proc/$postern_pid/status)
exec {IDLE[1]}>&-
wait "$IDLE_PID" 2>/dev/null || true
rss_mb=$(python3 -c "print(f'{$rss_idle/1024:.1f}')")
rss_before_mb=$(python3 -c "print(f'{$rss_before/1024:.1f}')")
rss_met=$(python3 -c "print('met' if $rss_idle < 100*1024 else 'MISSED')")

cat <<MD
## HTTP server (\`bench/run.sh http\`)

\`wrk -t2 -c64 -d10s --latency\` against a fixed $(wc -c <"$here/body.json")-byte JSON body (\`application/json\`) on 127.0.0.1,
Postern (\`postern bench http-server\`, 2 event loops, access log off) vs nginx (\`worker_processes 2\`, access_log off,
static file), alternating in the same run on this 2-core machine (wrk shares the cores); best of two rounds each.

| server | req/s | p50 (ms) | p99 (ms) | response bytes |
|---|---:|---:|---:|---:|
| nginx | $n_rps | $n_p50 | $n_p99 | $n_bytes |
| Postern | $p_rps | $p_p50 | $p_p99 | $p_bytes |
| ratio Postern/nginx | $ratio | | | |

Target ≥ 0.8× nginx req/s: **$met** ($ratio×).

Memory: Postern RSS $rss_before_mb MB after the wrk run, **$rss_mb MB** with $count idle keep-alive connections open
(each sent one request and got its answer; \`bench/http/idle_clients.py\`). Target < 100 MB: **$rss_met**.
MD
if [ -n "$profile" ]; then
  printf '\nTop of `perf record -g` on Postern under the same wrk load (self time):\n\n```\n%s\n```\n' "$profile"
fi
