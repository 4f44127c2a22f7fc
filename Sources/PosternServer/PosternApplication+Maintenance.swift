import Foundation
import PosternStore

extension PosternApplication {
    /// Key activation and automatic rotation are checked once a minute: a due key waits at most that long.
    static let keyMaintenanceSeconds = 60
    /// Audit files are dated by day, so hourly finds each one within an hour of its expiry.
    static let auditRetentionSeconds: Int64 = 3600

    /// API.md "Audit log": files older than `POSTERN_AUDIT_RETENTION_DAYS` are removed, and the removal itself is an
    /// event (`audit.retention`, committed by the store before any file goes). A failure is reported, not fatal: the
    /// files stay, and the next run tries again.
    func removeExpiredAuditFiles() {
        do {
            try store.removeAuditFiles(olderThan: config.auditRetentionDays, now: service.clock.now())
        } catch {
            warn("audit retention failed, old audit files are kept for now: \(error)")
        }
    }

    /// The maintenance thread's loop, off the event loops: keys every minute, audit retention every hour (it ran at
    /// start-up), until `stop` is signalled.
    func runMaintenance(until stop: DispatchSemaphore) {
        var retainedAt = service.clock.now()
        while stop.wait(timeout: .now() + .seconds(Self.keyMaintenanceSeconds)) == .timedOut {
            // A failed run changes nothing (its commit is one piece) and the next minute tries again; say so, since a
            // key that never activates or rotates is otherwise invisible until tokens stop verifying.
            do { try service.maintainKeys() } catch { warn("key maintenance failed, retrying in a minute: \(error)") }
            let now = service.clock.now()
            if now - retainedAt >= Self.auditRetentionSeconds {
                removeExpiredAuditFiles()
                retainedAt = now
            }
        }
    }
}
