import PosternStore

/// An endpoint's outcome together with the durability of the change behind it.
///
/// API.md "Audit log": an event is durable before the response that caused it is sent. The outcome exists as soon as
/// the change is applied in memory, so the server can sign and render at once; it sends the answer only once
/// `durability` is done. Errors decided with a commit (a detected refresh-token reuse revokes the family) wait too.
public struct Committed<Value: Sendable>: Sendable {
    public let outcome: Result<Value, PosternError>
    public let durability: Durability
    /// When the change was applied in memory and handed to the writer: the start of the wait for its fsync (the
    /// store commit latency metric).
    public let committedAt: ContinuousClock.Instant

    public init(_ outcome: Result<Value, PosternError>, durability: Durability, committedAt: ContinuousClock.Instant = .now) {
        self.outcome = outcome
        self.durability = durability
        self.committedAt = committedAt
    }

    /// The same durability with the outcome's value transformed (signing the granted claims, say).
    public func map<New>(_ transform: (Value) throws(PosternError) -> New) -> Committed<New> {
        Committed<New>(outcome.flatMap { value in Result { () throws(PosternError) in try transform(value) } },
                       durability: durability, committedAt: committedAt)
    }

    /// Blocks until the change is durable, then returns the value or throws the error (tools and tests).
    public func get() throws(PosternError) -> Value {
        try durability.waitForCommit()
        return try outcome.get()
    }
}

extension Durability {
    /// Blocks until the commit is durable; a lost commit is the domain's `server_error`.
    func waitForCommit() throws(PosternError) {
        do { try wait() } catch { throw .serverError(debug: "state commit failed", underlying: error) }
    }
}
