#if canImport(Glibc)
import Glibc
#endif

/// The time as one event loop sees it: a monotonic reading per loop iteration, and the `Date` header and
/// log timestamp re-formatted once per second instead of once per request.
struct LoopClock {
    /// CLOCK_MONOTONIC in nanoseconds, refreshed by `update()`.
    private(set) var now: UInt64 = 0
    /// RFC 9110 §5.6.7 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    private(set) var httpDate = ""
    /// RFC 3339 UTC, e.g. `2026-11-23T08:02:20Z`.
    private(set) var logTimestamp = ""
    private var second = -1

    init() {
        update()
    }

    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    mutating func update() {
        now = Self.monotonicNanoseconds()
        var wall = time(nil)
        guard wall != second else { return }
        second = wall
        var parts = tm()
        gmtime_r(&wall, &parts)
        httpDate = Self.format(parts, "%a, %d %b %Y %H:%M:%S GMT")
        logTimestamp = Self.format(parts, "%Y-%m-%dT%H:%M:%SZ")
    }

    private static func format(_ parts: tm, _ pattern: String) -> String {
        var parts = parts
        var buffer = [CChar](repeating: 0, count: 64)
        let length = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
