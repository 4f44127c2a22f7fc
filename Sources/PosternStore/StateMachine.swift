/// The durable state a `Store` keeps: the domain supplies it, the store logs and replays its records.
///
/// `apply` is the only place state changes, so replaying the log after a restart runs the
/// same code as the live commits did and reaches the same state.
public protocol StateMachine: Sendable, Codable {
    associatedtype Record: Codable & Sendable

    /// The empty state of a new data folder.
    init()

    /// Applies one record, or throws without changing anything.
    mutating func apply(_ record: Record) throws

    /// Drops what can no longer matter at `now` (expired codes, tokens, deny-list entries); runs at snapshot time.
    mutating func dropExpired(now: Int64)
}

/// What one atomic update commits: state records and the audit events that go with them.
public struct Change<Record: Sendable>: Sendable {
    public var records: [Record]
    public var audit: [AuditRecord]

    public init(records: [Record] = [], audit: [AuditRecord] = []) {
        self.records = records
        self.audit = audit
    }
}

/// An audit event before the store gives it its `seq`, time and place in the chain.
public struct AuditRecord: Sendable, Equatable {
    public var type: String
    public var result: String
    public var requestID: String?
    public var ip: String?
    public var clientID: String?
    public var subject: String?
    public var detail: [String: String]

    public init(type: String, result: String = "success", requestID: String? = nil, ip: String? = nil, clientID: String? = nil,
                subject: String? = nil, detail: [String: String] = [:]) {
        self.type = type
        self.result = result
        self.requestID = requestID
        self.ip = ip
        self.clientID = clientID
        self.subject = subject
        self.detail = detail
    }
}
