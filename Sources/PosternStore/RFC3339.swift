#if canImport(Glibc)
import Glibc
#endif

/// `2026-11-23T10:00:00Z` from Unix seconds and back, without Foundation's formatters on the commit path.
enum RFC3339 {
    static func format(_ seconds: Int64) -> String {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// Seconds of a `YYYY-MM-DD` day's midnight UTC, or nil.
    static func day(_ text: String) -> Int64? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let y = Int32(parts[0]), let m = Int32(parts[1]), let d = Int32(parts[2]) else { return nil }
        var t = tm()
        t.tm_year = y - 1900
        t.tm_mon = m - 1
        t.tm_mday = d
        return Int64(timegm(&t))
    }
}
