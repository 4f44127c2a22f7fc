import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Thread-safe throttling of credential checks, per account (failure backoff) and per client IP (token bucket).
///
/// Memory is bounded: when a table passes `maxEntries`, entries that no longer restrict
/// anyone are dropped first; if that is not enough, an arbitrary half goes, which can only
/// make the throttle more lenient (under a flood of distinct keys), never lock anyone out.
public final class Throttle: Sendable {
    /// Bucket sizes and the account rule.
    public struct Policy: Sendable, Equatable {
        public var ipCapacity: Double
        public var ipRefillPerSecond: Double
        public var account: FailureBackoff.Policy
        public var maxEntries: Int

        public init(ipCapacity: Double = 20, ipRefillPerSecond: Double = 1, account: FailureBackoff.Policy = .init(),
                    maxEntries: Int = 100_000) {
            self.ipCapacity = ipCapacity
            self.ipRefillPerSecond = ipRefillPerSecond
            self.account = account
            self.maxEntries = maxEntries
        }
    }

    private struct Tables {
        var ips: [String: TokenBucket] = [:]
        var accounts: [String: FailureBackoff] = [:]
    }

    private let policy: Policy
    private let clock: any Clock
    private let tables = Mutex(Tables())

    public init(policy: Policy = Policy(), clock: any Clock = SystemClock()) {
        self.policy = policy
        self.clock = clock
    }

    /// Admits or refuses an attempt before any credential is checked: the seconds to wait, or nil.
    /// `ipKey` is the client address already reduced (IPv6 to its /64) by `Throttle.key(forIP:)`.
    public func admit(account: String?, ipKey: String) -> Int64? {
        let now = clock.now()
        return tables.withLock { t in
            if let account, let wait = t.accounts[account]?.retryAfter(now: now) { return wait }
            var bucket = t.ips[ipKey] ?? TokenBucket(capacity: policy.ipCapacity, refillPerSecond: policy.ipRefillPerSecond,
                                                     now: Double(now))
            let wait = bucket.take(now: Double(now))
            t.ips[ipKey] = bucket
            if t.ips.count > policy.maxEntries { Throttle.prune(&t.ips) { $0.isFull(now: Double(now)) } }
            return wait.map(Int64.init)
        }
    }

    /// Records the outcome of a check that `admit` let through.
    public func record(account: String, succeeded: Bool) {
        let now = clock.now()
        tables.withLock { t in
            if succeeded {
                t.accounts[account] = nil
                return
            }
            t.accounts[account, default: FailureBackoff()].recordFailure(now: now, policy: policy.account)
            if t.accounts.count > policy.maxEntries {
                Throttle.prune(&t.accounts) { $0.isStale(now: now, policy: policy.account) }
            }
        }
    }

    /// Whether the account is in backoff now (for the `user.locked` audit event).
    public func isLocked(account: String) -> Bool {
        let now = clock.now()
        return tables.withLock { $0.accounts[account]?.retryAfter(now: now) != nil }
    }

    /// How many IP buckets are held (for the memory-bound test).
    var trackedIPCount: Int { tables.withLock { $0.ips.count } }

    private static func prune<V>(_ table: inout [String: V], removable: (V) -> Bool) {
        let limit = table.count
        table = table.filter { !removable($0.value) }
        if table.count * 10 > limit * 9 {
            table = Dictionary(uniqueKeysWithValues: table.prefix(table.count / 2).map { ($0.key, $0.value) })
        }
    }

    /// API.md: rate limits key IPv6 by /64, so one host cannot dodge them by rotating its low bits.
    /// IPv4 (and IPv4-mapped IPv6) keys by the whole address; anything unparsable keys by its text.
    public static func key(forIP address: String) -> String {
        var v6 = in6_addr()
        guard address.contains(":"), inet_pton(AF_INET6, address, &v6) == 1 else { return address }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return bytes[12..<16].map(String.init).joined(separator: ".")
        }
        var groups: [String] = []
        for i in stride(from: 0, to: 8, by: 2) { groups.append(String(UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]), radix: 16)) }
        return groups.joined(separator: ":") + "::/64"
    }
}
