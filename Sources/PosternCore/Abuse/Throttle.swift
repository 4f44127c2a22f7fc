import PosternCrypto
import Synchronization

/// Thread-safe throttling of credential checks, per account (failure backoff) and per client IP (token bucket).
///
/// API.md "Abuse protection" throttles password, API-key-pair, MFA and client-secret checks. The two kinds of
/// secret need different rules (`Kind`), so each kind has its own `Throttle`.
///
/// Memory is bounded: when a table passes `maxEntries`, entries that no longer restrict
/// anyone are dropped first; if that is not enough, an arbitrary half goes, which can only
/// make the throttle more lenient (under a flood of distinct keys), never lock anyone out.
public final class Throttle: Sendable {
    /// What is being checked, which decides what spends an address's bucket and how far a backoff reaches.
    public enum Kind: Sendable, Equatable {
        /// Passwords are guessable: every attempt spends the address's bucket, and failures back the account off
        /// from everywhere, so spreading guesses over many addresses does not help.
        case passwords
        /// High-entropy secrets (client secrets, API keys) cannot be guessed, so volume is no threat and a right
        /// secret is never refused for what others did: only failures spend the address's bucket, and a failure
        /// past it is answered 429 instead of 401 (`record` says when); failures back the account off at that
        /// address only. A machine client with the right secret may ask as often as it needs, nobody who merely
        /// knows a client id can lock that client out everywhere, and one client's failures behind a shared
        /// address (a NAT, an untrusted proxy) do not lock out the others there.
        case secrets
    }

    /// Bucket sizes and the account rule.
    public struct Policy: Sendable, Equatable {
        public var ipCapacity: Double
        public var ipRefillPerSecond: Double
        public var account: FailureBackoff.Policy
        public var maxEntries: Int
        public var kind: Kind

        public init(ipCapacity: Double = 20, ipRefillPerSecond: Double = 1, account: FailureBackoff.Policy = .init(),
                    maxEntries: Int = 100_000, kind: Kind = .passwords) {
            self.ipCapacity = ipCapacity
            self.ipRefillPerSecond = ipRefillPerSecond
            self.account = account
            self.maxEntries = maxEntries
            self.kind = kind
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
            // Tables are empty unless someone failed lately: the common case hashes nothing.
            if let account, !t.accounts.isEmpty, let wait = t.accounts[accountKey(account, ipKey)]?.retryAfter(now: now) {
                return wait
            }
            switch policy.kind {
            case .passwords: return take(from: ipKey, in: &t, now: now)
            case .secrets: return nil
            }
        }
    }

    /// Records the outcome of a check that `admit` let through. For `.secrets`, a failure also spends the address's
    /// bucket, and the seconds to wait come back when it was already empty: answer that failure 429, not 401.
    @discardableResult
    public func record(account: String, ipKey: String, succeeded: Bool) -> Int64? {
        let now = clock.now()
        return tables.withLock { t -> Int64? in
            if succeeded {
                if !t.accounts.isEmpty { t.accounts[accountKey(account, ipKey)] = nil }
                return nil
            }
            t.accounts[accountKey(account, ipKey), default: FailureBackoff()].recordFailure(now: now, policy: policy.account)
            if t.accounts.count > policy.maxEntries {
                Throttle.prune(&t.accounts) { $0.isStale(now: now, policy: policy.account) }
            }
            guard policy.kind == .secrets else { return nil }
            return take(from: ipKey, in: &t, now: now)
        }
    }

    /// Whether the account is in backoff now (for the `user.locked` audit event).
    public func isLocked(account: String, ipKey: String) -> Bool {
        let now = clock.now()
        return tables.withLock { $0.accounts[accountKey(account, ipKey)]?.retryAfter(now: now) != nil }
    }

    /// The backoff entry's key: the account, or for `.secrets` the account at this address. The account is what the
    /// request named (a client id, a login), so a long one is kept as its SHA-256: an entry stays small whatever an
    /// attacker sends, and `maxEntries` bounds the memory.
    func accountKey(_ account: String, _ ipKey: String) -> String {
        let name = account.utf8.count <= Self.longestKeptName ? account : "sha256:" + Hex.encode(SHA256.hash(account))
        return policy.kind == .passwords ? name : name + " " + ipKey
    }

    /// Longer than any real client id, email or username.
    static let longestKeptName = 256

    /// Takes a token from the address's bucket (a full one for an address not seen lately): nil, or the seconds to
    /// wait when it was empty. Past `maxEntries` buckets, full ones are forgotten.
    private func take(from ipKey: String, in t: inout Tables, now: Int64) -> Int64? {
        var bucket = t.ips[ipKey] ?? TokenBucket(capacity: policy.ipCapacity, refillPerSecond: policy.ipRefillPerSecond,
                                                 now: Double(now))
        let wait = bucket.take(now: Double(now))
        t.ips[ipKey] = bucket
        if t.ips.count > policy.maxEntries { Throttle.prune(&t.ips) { $0.isFull(now: Double(now)) } }
        return wait.map(Int64.init)
    }

    /// How many IP buckets and account entries are held (for the memory-bound tests).
    var trackedIPCount: Int { tables.withLock { $0.ips.count } }
    var trackedAccountCount: Int { tables.withLock { $0.accounts.count } }

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
        // Bytes, not Characters: this runs for every client authentication, and grapheme breaking cost ~1 % of a token.
        guard address.utf8.contains(UInt8(ascii: ":")), let ip = IPAddress(address)?.unmapped else { return address }
        guard ip.isIPv6 else { return ip.description }
        let bytes = ip.bytes
        var groups: [String] = []
        for i in stride(from: 0, to: 8, by: 2) { groups.append(String(UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]), radix: 16)) }
        return groups.joined(separator: ":") + "::/64"
    }
}
