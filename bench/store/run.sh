#!/usr/bin/env bash
# bench/store/run.sh — single-record fsync against group commit, same disk, one run.
# Prints the BENCHMARKS.md section (bench/run.sh store writes it there).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product postern >/dev/null 2>&1
load_before=$(cut -d' ' -f1-3 /proc/loadavg)  # the machine before measuring, after the build
dir=$(mktemp -d -p "${TMPDIR:-/tmp}" postern-bench-store.XXXXXX)
trap 'rm -rf "$dir"' EXIT
seconds=${SECONDS_PER_RUN:-5}
out=$(.build/release/postern bench store --dir "$dir" --seconds "$seconds")
read -r _ s_rate s_p50 s_p99 <<<"$(grep '^single' <<<"$out")"
read -r _ g_rate g_p50 g_p99 g_batch <<<"$(grep '^group' <<<"$out")"
read -r _ p_rate p_p50 p_p99 p_batch <<<"$(grep '^pipelined' <<<"$out")"
ratio() { python3 -c "print(f'{$1 / max($s_rate, 1):.1f}')"; }
verdict() { python3 -c "print('met' if $1 >= 10 * $s_rate else 'missed')"; }
cat <<MD
## store: group commit (PosternStore)

Command: \`bench/run.sh store\` (${seconds} s per case, release build, temporary folder on the data disk).
Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), run $(date -u '+%Y-%m-%d %H:%M') UTC, load average before: $load_before.

| case | commits/s | p50 latency | p99 latency | commits per fsync | ÷ (a) | target ≥ 10× |
|---|---:|---:|---:|---:|---:|---|
| (a) one thread, append + fdatasync per record | $s_rate | ${s_p50} µs | ${s_p99} µs | 1 | 1.0 | reference |
| (b) 64 committer threads, each parked in \`update\` until durable | $g_rate | ${g_p50} µs | ${g_p99} µs | $(python3 -c "print(f'{$g_batch:.1f}')") | $(ratio "$g_rate") | $(verdict "$g_rate") |
| (b′) 64 committers as the server runs them: 2 threads × 32 in flight, \`submit\` + durability callback | $p_rate | ${p_p50} µs | ${p_p99} µs | $(python3 -c "print(f'{$p_batch:.1f}')") | $(ratio "$p_rate") | $(verdict "$p_rate") |

Each group commit is one \`AuthRecord\` plus its chained audit event (canonical JSON + SHA-256 under the state lock),
its records encoded by their committer (streaming JSON), framed by the writer with the other commits of its batch in
one buffer kept from batch to batch, one write, one fdatasync, then the audit lines appended to the day file (made durable before a snapshot deletes the segments
holding them; recovery copies any the files lost). Durability is reported off the writer thread, once the batch's
lines are in the day file. When fewer commits are queued than the last batch held, the writer waits up to 100 µs for the rest
(PostgreSQL's commit_delay): they are mostly committers that the last batch has just woken.

The log segment is zero-filled 8 MiB ahead of the frames, so a batch's fdatasync writes only its data pages and
not the inode as well (PostgreSQL zero-fills WAL segments for the same reason): on this disk (ext4 without a
journal, virtio) a 9 KB batch syncs in ~190 µs instead of ~380 µs, and a lone 220-byte record in ~130 µs instead
of ~200 µs. (a) appends to a growing file, as the issue defines it; it moves between 3.8k and 5.4k/s from run to
run.

(b) depends on the host more than (a) does. The same code gave 5.9–7.2× on 2026-11-30 (an AMD EPYC host) and
10.8–12.1× in six runs on 2026-12-01 (an Intel Xeon host), with (a) near 4–5k/s on both. The ratio also depends on
the disk: from 03:50 UTC on 2026-12-01 the same VM's fdatasync took ~70 µs instead of ~245 µs, so (a) rose to
~11–13k/s while (b) rose only to ~45–63k/s (both builds of that day, the earlier and the later, alike): ~5×. With a
fast fsync the 64 parked threads are the limit, not the disk. Where (b) stops
(2026-11-30, \`perf stat\`, \`perf sched\`, \`perf trace\`): it is neither disk- nor CPU-bound but waits on the
scheduler. The 2 cores are ~75 % busy; each commit costs ~1.7 context switches (its thread parks and
is woken, and ~14 % of the switches are waits for the state lock); a woken committer waits ~0.2 ms on average for
a core among 66 threads, so only ~12 of the 64 are queued when the writer starts the next fsync. (b′), where
no thread parks per commit, reaches ~10× with the same store. The chained audit event that API.md requires with
every security change is about 40 % of a commit's CPU (a one-off run without it gave 10.6× and 13.6× before the
zero fill).
MD
