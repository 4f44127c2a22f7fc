/// A token bucket: `capacity` attempts at once, refilled at `refillPerSecond`.
public struct TokenBucket: Sendable, Equatable {
    public let capacity: Double
    public let refillPerSecond: Double
    public private(set) var tokens: Double
    public private(set) var updatedAt: Double

    public init(capacity: Double, refillPerSecond: Double, now: Double) {
        precondition(capacity >= 1 && refillPerSecond > 0, "a bucket that can never admit is a configuration bug")
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        self.tokens = capacity
        self.updatedAt = now
    }

    /// Takes one token; returns nil when admitted, else the whole seconds until one is available.
    public mutating func take(now: Double) -> Int? {
        refill(now: now)
        guard tokens >= 1 else { return wait(now: now) }
        tokens -= 1
        return nil
    }

    /// Nil when a token is there to take at `now`, else the whole seconds until one is; takes nothing.
    public func wait(now: Double) -> Int? {
        let tokens = available(now: now)
        return tokens >= 1 ? nil : max(1, Int(((1 - tokens) / refillPerSecond).rounded(.up)))
    }

    /// True when the bucket is full again, so its entry can be forgotten.
    public func isFull(now: Double) -> Bool {
        available(now: now) >= capacity
    }

    /// The tokens there would be at `now`.
    private func available(now: Double) -> Double {
        min(capacity, tokens + max(0, now - updatedAt) * refillPerSecond)
    }

    private mutating func refill(now: Double) {
        if now > updatedAt {
            tokens = available(now: now)
            updatedAt = now
        }
    }
}
