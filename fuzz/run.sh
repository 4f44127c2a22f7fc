#!/usr/bin/env bash
# fuzz/run.sh [SECONDS] — builds the RequestParser libFuzzer target with ASan and runs it.
# The parser sources are compiled straight into the fuzzer (no SwiftPM product), so `swift test` is untouched.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
out=../.build-fuzz
mkdir -p "$out" corpus artifacts
sources=(RequestParser RequestHead HTTPRequest HTTPHeaders HTTPMethod HTTPVersion HTTPStatus HTTPParseError HTTPLimits FormDecoder)
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name PosternHTTPFuzz \
  $(printf "../Sources/PosternHTTP/%s.swift " "${sources[@]}") RequestParserFuzz.swift -o "$out/request-parser-fuzz" 2>&1 \
  | grep -v "^$" || true
# Seeds: valid and nearly-valid requests of every framing.
printf 'GET / HTTP/1.1\r\nHost: h\r\n\r\n' > corpus/get
printf 'POST /t HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc' > corpus/cl
printf 'POST /t HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;x\r\nabc\r\n0\r\nT: 1\r\n\r\n' > corpus/chunked
printf 'POST /t?a=%%41&b=c+d HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nxGET /2 HTTP/1.0\r\n\r\n' > corpus/pipelined
exec "$out/request-parser-fuzz" -max_total_time="$seconds" -max_len=4096 -artifact_prefix=artifacts/ -print_final_stats=1 corpus
