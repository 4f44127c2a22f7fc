import PosternStore

/// What the domain needs from durable state: consistent reads, and atomic decide-then-commit.
///
/// PosternStore's flat-file store conforms through an adapter in the server module; a
/// database backend would conform the same way, and Core would not change.
public protocol AuthStore: Sendable {
    /// A consistent copy of the whole state (copy-on-write, so cheap). Never touches disk.
    func snapshot() -> AuthState

    /// Runs `decide` under the store's lock on the current state and applies the records it returns; returns its
    /// value at once, with the durability of those records and audit entries, which must be done before anything
    /// is acknowledged (for a decision that writes nothing: of every change applied before it, which it may have
    /// read). Nothing is committed if the records do not apply.
    func submit<T: Sendable>(_ origin: AuditOrigin,
                             _ decide: (AuthState) -> (records: [AuthRecord], audit: [AuditEntry], value: T)) throws(PosternError) -> (value: T, durability: Durability)
}

extension AuthStore {
    /// `submit`, then waits on this thread until the change is durable (start-up, tools, tests).
    public func update<T: Sendable>(_ origin: AuditOrigin,
                                    _ decide: (AuthState) -> (records: [AuthRecord], audit: [AuditEntry], value: T)) throws(PosternError) -> T {
        let (value, durability) = try submit(origin, decide)
        try durability.waitForCommit()
        return value
    }
}

/// Where a change came from, stamped on its audit events.
public struct AuditOrigin: Sendable, Equatable {
    public var requestID: String
    public var ip: String

    public init(requestID: String, ip: String) {
        self.requestID = requestID
        self.ip = ip
    }
}
