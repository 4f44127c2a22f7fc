/// What the domain needs from durable state: consistent reads, and atomic decide-then-commit.
///
/// PosternStore's flat-file store conforms through an adapter in the server module; a
/// database backend would conform the same way, and Core would not change.
public protocol AuthStore: Sendable {
    /// A consistent copy of the whole state (copy-on-write, so cheap). Never touches disk.
    func snapshot() -> AuthState

    /// Runs `decide` under the store's lock on the current state, applies the records it
    /// returns, and returns its value only once those records and audit entries are durable.
    /// Nothing is committed if the records do not apply.
    func update<T: Sendable>(_ origin: AuditOrigin,
                             _ decide: (AuthState) -> (records: [AuthRecord], audit: [AuditEntry], value: T)) throws(PosternError) -> T
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
