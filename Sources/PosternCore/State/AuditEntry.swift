/// A security event the domain wants in the hash-chained audit log (API.md "Audit log").
///
/// Ids only: never a secret, password, token or key — a `jti` or key id names a token.
/// The request id and client IP are added by the caller that commits it.
public struct AuditEntry: Sendable, Equatable {
    /// `token.issued`, `token.refreshed`, `token.reuse_detected`, `token.revoked`, `key.rotated`, …
    public var type: String
    /// `success` or `failure`.
    public var result: String
    public var clientID: String?
    public var subject: String?
    public var detail: [String: String]

    public init(type: String, result: String = "success", clientID: String? = nil, subject: String? = nil,
                detail: [String: String] = [:]) {
        self.type = type
        self.result = result
        self.clientID = clientID
        self.subject = subject
        self.detail = detail
    }
}
