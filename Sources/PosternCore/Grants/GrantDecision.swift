/// What a grant decided under the store lock: records and audit entries to commit, and the
/// tokens to sign once the lock is released — or the error to answer after committing
/// (a detected refresh-token reuse revokes the family *and* fails the request).
public struct GrantDecision: Sendable {
    public var records: [AuthRecord]
    public var audit: [AuditEntry]
    public var outcome: Result<TokenGrant, PosternError>

    public init(records: [AuthRecord] = [], audit: [AuditEntry] = [], outcome: Result<TokenGrant, PosternError>) {
        self.records = records
        self.audit = audit
        self.outcome = outcome
    }

    public static func failure(_ error: PosternError, records: [AuthRecord] = [], audit: [AuditEntry] = []) -> GrantDecision {
        GrantDecision(records: records, audit: audit, outcome: .failure(error))
    }
}
