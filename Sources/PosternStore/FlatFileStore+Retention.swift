import Foundation

extension FlatFileStore {
    /// API.md "Audit log": files older than `days` are removed, and the removal itself is an event.
    ///
    /// The event is committed first and names the first kept event (`first_kept_seq`,
    /// `first_kept_prev`), so `audit verify` can tell a retention cut from a deletion.
    /// The newest file is always kept. Returns the removed days.
    @discardableResult
    public func removeAuditFiles(olderThan days: Int, now: Int64) throws -> [String] {
        let cutoff = String(RFC3339.format(now - Int64(days) * 86_400).prefix(10))
        let all = AuditFiles.days(directory)
        let removable = all.dropLast().filter { $0 < cutoff }
        guard !removable.isEmpty, let firstKept = all.first(where: { $0 >= cutoff }) ?? all.last else { return [] }
        let bytes = try StoreFile.read(AuditFiles.path(directory, day: firstKept))
        guard let line = bytes.split(separator: UInt8(ascii: "\n")).first else { return [] }
        let first = try AuditEvent(line: Array(line))
        try update { _ in
            (Change(audit: [AuditRecord(type: "audit.retention", detail: [
                "removed": removable.joined(separator: ","), "first_kept_seq": String(first.seq),
                "first_kept_prev": first.prev, "retention_days": String(days),
            ])]), ())
        }
        for day in removable { unlink(AuditFiles.path(directory, day: day)) }
        try StoreFile.syncDirectory(of: AuditFiles.path(directory, day: firstKept))
        return Array(removable)
    }
}

#if canImport(Glibc)
import Glibc
#endif
