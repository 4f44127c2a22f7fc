import PosternStore
import Synchronization
@testable import PosternCore

/// An `AuthStore` without durability, for endpoint tests: the same apply-under-lock semantics, and the audit entries kept for inspection.
final class MemoryAuthStore: AuthStore {
    private let state: Mutex<(AuthState, [AuditEntry])>

    init(_ initial: AuthState) { state = Mutex((initial, [])) }

    var audit: [AuditEntry] { state.withLock { $0.1 } }

    func snapshot() -> AuthState { state.withLock { $0.0 } }

    func submit<T: Sendable>(_ origin: AuditOrigin,
                             _ decide: (AuthState) -> (records: [AuthRecord], audit: [AuditEntry], value: T)) throws(PosternError) -> (value: T, durability: Durability) {
        try state.withLock { (s: inout (AuthState, [AuditEntry])) throws(PosternError) -> (value: T, durability: Durability) in
            let (records, audit, value) = decide(s.0)
            var next = s.0
            do {
                for r in records { try next.apply(r) }
            } catch {
                throw .serverError(debug: "record did not apply", underlying: error)
            }
            s = (next, s.1 + audit)
            return (value, .immediate)
        }
    }
}
