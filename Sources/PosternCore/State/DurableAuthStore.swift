import PosternStore

/// Core's `AuthStore` over any PosternStore backend of `AuthState` (today the flat files).
public final class DurableAuthStore<Backend: Store>: AuthStore where Backend.State == AuthState {
    public let backend: Backend

    public init(_ backend: Backend) {
        self.backend = backend
    }

    public func snapshot() -> AuthState { backend.read { $0 } }

    public func submit<T: Sendable>(_ origin: AuditOrigin,
                                    _ decide: (AuthState) -> (records: [AuthRecord], audit: [AuditEntry], value: T)) throws(PosternError) -> (value: T, durability: Durability) {
        do {
            return try backend.submit { state in
                let (records, audit, value) = decide(state)
                let events = audit.map {
                    AuditRecord(type: $0.type, result: $0.result, requestID: origin.requestID.isEmpty ? nil : origin.requestID,
                                ip: origin.ip.isEmpty ? nil : origin.ip, clientID: $0.clientID, subject: $0.subject, detail: $0.detail)
                }
                return (Change(records: records, audit: events), value)
            }
        } catch {
            throw .serverError(debug: "state commit failed", underlying: error)
        }
    }
}
