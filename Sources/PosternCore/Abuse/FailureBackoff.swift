/// One account's recent failed credential checks, and the backoff they earn.
///
/// API.md "Abuse protection": after 5 failures for an account within 15 minutes, further
/// attempts wait with exponential backoff (429 + Retry-After); it unlocks by itself, and
/// a correct password during the backoff is still refused until it ends.
public struct FailureBackoff: Sendable, Equatable {
    /// The rule's numbers, from configuration.
    public struct Policy: Sendable, Equatable {
        public var threshold: Int
        public var window: Int64
        public var baseDelay: Int64
        public var maxDelay: Int64

        public init(threshold: Int = 5, window: Int64 = 900, baseDelay: Int64 = 60, maxDelay: Int64 = 900) {
            self.threshold = threshold
            self.window = window
            self.baseDelay = baseDelay
            self.maxDelay = maxDelay
        }
    }

    public private(set) var failures = 0
    public private(set) var lastFailureAt: Int64 = 0
    public private(set) var lockedUntil: Int64 = 0

    public init() {}

    /// Seconds to wait before an attempt may even be checked, or nil when it may go ahead.
    public func retryAfter(now: Int64) -> Int64? {
        now < lockedUntil ? lockedUntil - now : nil
    }

    /// Records a failed check at `now`.
    public mutating func recordFailure(now: Int64, policy: Policy) {
        // A quiet period of one window after the last failure (or the end of its lock) forgets the streak.
        if now - max(lastFailureAt, lockedUntil) > policy.window { failures = 0 }
        failures += 1
        lastFailureAt = now
        if failures >= policy.threshold {
            let doublings = min(failures - policy.threshold, 30)
            lockedUntil = now + min(policy.baseDelay << doublings, policy.maxDelay)
        }
    }

    /// True when the entry carries nothing worth remembering at `now`.
    public func isStale(now: Int64, policy: Policy) -> Bool {
        now - max(lastFailureAt, lockedUntil) > policy.window
    }
}
