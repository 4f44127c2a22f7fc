#!/usr/bin/env bash
# bench/token/run.sh — the OAuth core under wrk (-t2 -c64 -d10s), Postern's real `serve` on a fresh data folder:
# client_credentials, JWKS next to nginx serving the same bytes, refresh-token rotation, and the password grant.
# Prints the BENCHMARKS.md section (bench/run.sh token writes it there).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/token
source bench/common.sh
load_before=$(cut -d' ' -f1-3 /proc/loadavg)  # the machine before measuring, after the build
data="$tmp/data"
m2m=$("$bin" client add --data-dir "$data" --name bench-m2m --grant client_credentials --scope "read write")
app=$("$bin" client add --data-dir "$data" --name bench-app --grant password --grant refresh_token --scope "openid")
echo 'bench password 123' | "$bin" user add --data-dir "$data" --email bench@example.com --password-stdin >/dev/null
basic() { python3 -c "import json,sys,base64; c=json.loads(sys.argv[1]); print(base64.b64encode((c['client_id']+':'+c['client_secret']).encode()).decode())" "$1"; }
m2m_auth=$(basic "$m2m"); app_auth=$(basic "$app")

# The per-IP login throttle would cap every loopback login at 1/s; the hashing pool is what is measured here.
POSTERN_LOGIN_RATE_PER_IP=10000000 POSTERN_LOG_LEVEL=warning "$bin" serve --data-dir "$data" --listen 127.0.0.1:0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
pids+=($!)
for _ in $(seq 100); do grep -q '^listening on' "$tmp/serve.out" 2>/dev/null && break; sleep 0.1; done
base=$(awk '/^listening on/{print $3}' "$tmp/serve.out")
for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done

run_wrk() { # label url [script] [connections] -> "req/s p50 p99 non2xx"
  local out; out=$(AUTH="${AUTH:-}" wrk -t2 -c"${4:-64}" -d10s --latency ${3:+-s "$3"} "$2" 2>&1)
  python3 - "$out" <<'PY'
import re, sys
t = sys.argv[1]
found = re.search(r"Requests/sec:\s+([\d.]+)", t)
if not found:
    sys.exit("wrk did not run:\n" + t)
rate = float(found.group(1))
def lat(p):
    m = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)" % p, t)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
non = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", t)
print(f"{rate:.0f} {lat(50):.2f} {lat(99):.2f} {int(non.group(1)) if non else 0}")
PY
}

# JWKS: Postern and nginx serving the very same bytes.
curl -s "$base/.well-known/jwks.json" >"$tmp/jwks.json"
nginx_port=$(free_port)
sed -e "s|__DIR__|$tmp|g" -e "s|__PORT__|$nginx_port|g" -e "s|body.json|jwks.json|g" bench/http/nginx.conf.template >"$tmp/nginx.conf"
nginx -c "$tmp/nginx.conf" -p "$tmp" & pids+=($!)
sleep 1
rounds_p=""; rounds_n=""
for _ in 1 2; do
  rounds_p+=$(run_wrk jwks "$base/.well-known/jwks.json")$'\n'
  rounds_n+=$(run_wrk nginx "http://127.0.0.1:$nginx_port/")$'\n'
done
# The best round's rate and latencies, with the non-2xx answers of both rounds.
pick() { printf '%s' "$1" | best | awk -v non="$(printf '%s' "$1" | awk '{n += $4} END {print n}')" '{print $1, $2, $3, non}'; }
jwks_p=$(pick "$rounds_p"); jwks_n=$(pick "$rounds_n")

cc=$(AUTH=$m2m_auth run_wrk cc "$base/oauth/token" "$here/client_credentials.lua")
# The machine's ES256 ceiling in the same run: signatures per second with every core signing and nothing else
# (no HTTP, no store, no wrk). No token endpoint can issue more tokens than this.
sign_ceiling=$(openssl speed -seconds 3 -multi "$(nproc)" ecdsap256 2>/dev/null | awk '/256 bits ecdsa/ {printf "%.0f", $(NF-1)}')

# A pool of refresh tokens from 128 logins (each an scrypt hash), then wrk walks it.
python3 - "$base" "$app_auth" >"$tmp/tokens" <<'PY'
import base64, concurrent.futures, json, sys, urllib.request
base, auth = sys.argv[1], sys.argv[2]
def login(_):
    req = urllib.request.Request(base + "/oauth/token", data=b"grant_type=password&username=bench@example.com&password=bench+password+123",
                                 headers={"Authorization": "Basic " + auth, "Content-Type": "application/x-www-form-urlencoded"})
    return json.load(urllib.request.urlopen(req))["refresh_token"]
with concurrent.futures.ThreadPoolExecutor(2) as pool:
    for token in pool.map(login, range(128)):
        print(token)
PY
refresh=$(AUTH=$app_auth TOKENS="$tmp/tokens" THREADS=2 run_wrk refresh "$base/oauth/token" "$here/refresh.lua")

# Password grant: one hash's time from sequential logins, then 2 connections (cores) and 64 (saturation).
one=$(python3 - "$base" "$app_auth" <<'PY'
import sys, time, urllib.request
base, auth = sys.argv[1], sys.argv[2]
req = lambda: urllib.request.Request(base + "/oauth/token", data=b"grant_type=password&username=bench@example.com&password=bench+password+123",
                                     headers={"Authorization": "Basic " + auth, "Content-Type": "application/x-www-form-urlencoded"})
start = time.perf_counter()
for _ in range(10): urllib.request.urlopen(req()).read()
print(f"{(time.perf_counter() - start) / 10 * 1000:.1f}")
PY
)
export USERNAME_=bench%40example.com PASSWORD_=bench+password+123
pw2=$(AUTH=$app_auth run_wrk pw "$base/oauth/token" "$here/password.lua" 2)
# Saturation: wrk floods with 64 connections while a probe on its own connection times the 503s alone.
# The probes run at a higher priority where that is allowed (root; elsewhere nice warns and runs them as they are),
# so their own wake-ups on the saturated cores are not timed. The reference probe times GET /readyz in the same
# flood: what saturation costs any request.
probe() { (sleep 2; nice -n -10 python3 "$here/probe_503.py" "$base" "$app_auth" 6 "$@"); }
probe >"$tmp/probe" & probe503=$!
probe --reference >"$tmp/reference" & probeReference=$!
pw64=$(AUTH=$app_auth run_wrk pw "$base/oauth/token" "$here/password.lua" 64)
wait "$probe503" "$probeReference"
read -r o_count o_p50 o_p99 o_other <"$tmp/probe"
read -r r_count r_p50 r_p99 _ <"$tmp/reference"

read -r jp_rate jp_p50 jp_p99 jp_non <<<"$jwks_p"; read -r jn_rate jn_p50 jn_p99 jn_non <<<"$jwks_n"
read -r cc_rate cc_p50 cc_p99 cc_non <<<"$cc"; read -r rf_rate rf_p50 rf_p99 rf_non <<<"$refresh"
read -r p2_rate p2_p50 p2_p99 p2_non <<<"$pw2"; read -r p64_rate p64_p50 p64_p99 p64_non <<<"$pw64"
cores=$(nproc)
pw_target=$(python3 -c "print(f'{0.9 * $cores / ($one / 1000):.0f}')")
verdict() { python3 -c "print('met' if $1 else 'missed')"; }
cat <<MD
## token: the OAuth core (\`postern serve\`)

Command: \`bench/run.sh token\` — \`wrk -t2 -c64 -d10s --latency\` (Lua scripts in bench/token/) against the release
\`postern serve\` on a fresh data folder, same 2-core machine (wrk shares it); JWKS and nginx in two alternating
rounds, best of each (non-2xx of both). Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'). Run $(date -u '+%Y-%m-%d %H:%M') UTC,
load average before: $load_before.

| case | req/s | p50 (ms) | p99 (ms) | non-2xx | target | |
|---|---:|---:|---:|---:|---|---|
| client_credentials (ES256 JWT, durable audit event) | $cc_rate | $cc_p50 | $cc_p99 | $cc_non | ≥ 25,000 req/s | $(verdict "$cc_rate >= 25000 and $cc_non == 0") |
| — ES256 signatures alone, all cores (\`openssl speed -multi $cores ecdsap256\`) | $sign_ceiling | | | | ceiling | client_credentials at $(python3 -c "print(f'{$cc_rate / $sign_ceiling:.2f}')")× it; 25k would be $(python3 -c "print(f'{25000 / $sign_ceiling:.2f}')")× |
| JWKS GET, Postern | $jp_rate | $jp_p50 | $jp_p99 | $jp_non | ≥ 0.8× nginx | $(verdict "$jp_rate >= 0.8 * $jn_rate") ($(python3 -c "print(f'{$jp_rate / $jn_rate:.2f}')")×) |
| JWKS GET, nginx (same bytes) | $jn_rate | $jn_p50 | $jn_p99 | $jn_non | reference | |
| refresh_token rotation (pool of 128 families) | $rf_rate | $rf_p50 | $rf_p99 | $rf_non | ≥ 10,000 req/s | $(verdict "$rf_rate >= 10000 and $rf_non == 0") |
| password grant, 2 connections | $p2_rate | $p2_p50 | $p2_p99 | $p2_non | ≥ $pw_target req/s (0.9 × $cores cores ÷ ${one} ms) | $(verdict "$p2_rate >= $pw_target") |
| password grant, 64 connections (saturation) | $p64_rate | $p64_p50 | $p64_p99 | $p64_non | (503s expected) | |
| — its 503 answers alone (probe beside wrk, $o_count answers) | | $o_p50 | $o_p99 | | 503 in < 5 ms | $(verdict "$o_count > 0 and $o_p99 < 5") |
| — \`GET /readyz\` in the same flood (reference probe, $r_count answers) | | $r_p50 | $r_p99 | | reference | |

One login measured sequentially: ${one} ms (scrypt ln=15, r=8, p=1, plus the durable commit). In the saturation run
the non-2xx answers are 503 \`overloaded\` from the bounded hashing pool (API.md "Errors"). wrk reports one latency
distribution for all answers, so \`bench/token/probe_503.py\` sends password grants one at a time on its own
connection during the flood and times the 503s alone ($o_other of its requests got a hash slot instead).

How a token request runs (DESIGN.md "Request path"): client_credentials, refresh and revocation run inline on the
event loop; the response waits for its durable group commit behind a \`ResponseGate\`, so no thread is parked per
request (last session: 64 worker threads, 4.5k and 2.9k req/s). Introspection (one signature check) runs inline
too; only the password grant goes to the worker pool.

Where the time goes (\`perf record --call-graph dwarf\` on the server under the client_credentials run, 2026-12-01,
~16k req/s): the server uses ~1.75 of the 2 cores (wrk the rest), ~108 µs of CPU per token. The ES256 signature is
~40 % of it (OpenSSL's P-256 arithmetic alone ~26 %, the rest its nonce, allocations and DER), the store commit
~14 % (state lock, audit event and its hash, frame), the writer and notifier threads ~8 % (fdatasync, audit files),
reading, parsing and sending HTTP ~11 %, decoding the form and the Basic credentials ~3 %, the client's secret check
~2 %. The ceiling row shows why 25k is out of reach here: with both vCPUs signing and doing nothing else, OpenSSL
makes 55–66k signatures/s on this VM (one vCPU alone 27–40k/s; both vary by the hour), so 25k tokens would spend
~40 % of the machine on signatures, and nginx's static answers show that a request with nothing to do costs ~17 µs of
machine time (wrk included). What would be left for the form, the client check, the claims, the durable audit event
and the JSON is about 30 µs of machine time per token; it takes ~70 today (2 cores ÷ 16k = 125 µs, less ~35 for
the signature and ~17 for the bare request). The store's
writer starts shared fsyncs at most once per millisecond (\`StoreOptions.syncIntervalMicroseconds\`): each costs
~130 µs of CPU, which came out of the loops (client_credentials ~20 % higher in interleaved runs).
Refresh also rotates a family and its token-hash index under the state lock (~2× a client_credentials commit).

The machine behind this VM changes between sessions: on 2026-11-30 (AMD EPYC) this bench gave client_credentials
7.5–10.8k and refresh 5.2–6.6k req/s; on 2026-12-01 (Intel Xeon) six runs gave 13.5–19.4k and 7.8–10.5k, and
nginx's JWKS rate rose from ~45k to ~115–130k while Postern's rose less. After the second 2026-12-01 session
(request parsing, Basic credentials and form decoding without Foundation or generic code across modules, a RAND_bytes
reserve, frames built in place, fewer allocations per token) nine runs gave client_credentials 15.3–21.1k,
refresh 9,977–13,132 (7 of 9 at 10k; the misses were 9,977 and 9,994), JWKS 0.88–1.00× nginx and the 503 p99
2.4–8.6 ms (6 of 9 under 5 ms; the reference tail moved with it); interleaved against the session's first build,
server CPU per token fell ~115 → ~95 µs (client_credentials) and ~190 → ~165 µs (refresh), medians of three
pairs. The third 2026-12-01 session measured where the rest goes by taking parts away (a build with two switches,
for the experiment only; interleaved runs): with the signature replaced by a constant, client_credentials ran 25–28k
req/s at 55–61 µs of server CPU per token; without the durable audit commit, 22.5–26k at 68–79 µs; without both,
48–49k at 33 µs. So the signature costs ~31–33 µs and the durable audit event ~15 µs of server CPU per token, and
even with no signature at all this server only just reaches 25k here. Instruction counts (callgrind, which unlike the
clock gives the same answer twice): 438k per client_credentials token at that session's start, 432k at its end
(with client-authentication throttling, the new metrics and trusted proxies added), ~263k of them inside OpenSSL's
ECDSA signing; a bare \`GET /readyz\` is 29k. Its two runs of this bench gave client_credentials 17.4k and 15.9k
(0.27× and 0.33× the signature ceiling of the same run), refresh 9,134 and 10,161, and the 503 p99 5.74 and
1.19 ms. The fourth 2026-12-01 session profiled the client_credentials run again (\`perf\`, ~21k req/s): of the
server's CPU, OpenSSL ~37 %, the Swift runtime (reference counting, allocation) ~23 %, the kernel ~13 %, libc
(malloc) ~11 % and Postern's own code ~15 %, the runtime's share spread over dozens of call sites, none above 1 %.
OpenSSL allocates ~50 times per signature. On one core, signing a 600-byte input through the three OpenSSL 3.0
interfaces gave about the same rate: EVP_DigestSign on a copied context (what Postern does) 28.3–28.9k/s,
EVP_PKEY_sign on a reused context 28.5k/s, the deprecated ECDSA_do_sign 29.7k/s. No interface is a shortcut.
That session's two runs of this bench gave client_credentials 19,034 and 18,553 req/s (0.25× and 0.29× the
signature ceiling of the same run), refresh 13,359 and 11,528, and the 503 p99 5.12 and 1.71 ms (reference
5.82 and 3.34 ms). Compare rows within one run. Under the
password-grant flood the hashing workers run at nice 10, so the loops answer first; the reference row shows what
the flood alone costs a trivial request, since the loops take turns on the 2 cores with wrk's threads.
MD
