import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `postern backup` / `postern restore`: a consistent copy of a data folder, also while a server writes to it.
public enum Backup {
    /// Copies the audit files, then the newest snapshot and every later log segment, into `destination`
    /// (missing or empty). The log is append-only, so a copy ends at a frame boundary or with a torn tail
    /// that recovery cuts; if a snapshot replaces the log during the copy, the copy starts over.
    /// Then `encryption.key`, if the folder has one and `includingEncryptionKey`: the signing keys in the
    /// state are sealed with it, so a copy without it does not start under the default configuration.
    public static func copy(from source: DataDirectory, to destination: DataDirectory,
                            includingEncryptionKey: Bool = true) throws(StoreError) -> Int {
        guard destination.isEmptyOrMissing else { throw .refused("\(destination.root) is not empty") }
        guard access(source.state, F_OK) == 0 else { throw .refused("\(source.root) has no state folder") }
        return try removingOnFailure(destination) { () throws(StoreError) in
            try copyAttempts(from: source, to: destination, includingEncryptionKey: includingEncryptionKey)
        }
    }

    private static func copyAttempts(from source: DataDirectory, to destination: DataDirectory,
                                     includingEncryptionKey: Bool) throws(StoreError) -> Int {
        for _ in 0..<5 {
            try destination.create()
            var copied = 0
            for day in AuditFiles.days(source) {
                copied += try copyFile(AuditFiles.path(source, day: day), to: AuditFiles.path(destination, day: day))
            }
            let snapshot = source.newestSnapshotName
            var consistent = true
            if let name = snapshot {
                do { copied += try copyFile(source.state + "/" + name, to: destination.state + "/" + name) } catch { consistent = false }
            }
            for segment in LogSegments.list(source) where consistent {
                let name = String(segment.path.split(separator: "/").last!)
                do { copied += try copyFile(segment.path, to: destination.state + "/" + name) } catch { consistent = false }
            }
            if consistent && source.newestSnapshotName == snapshot {
                // After the state: a server writes the key file (fsynced) before it seals its first key, so a
                // copied state that holds sealed keys always finds the file that opens them.
                if includingEncryptionKey && access(source.encryptionKeyFile, F_OK) == 0 {
                    let key = try StoreFile.read(source.encryptionKeyFile)
                    try StoreFile.writeAtomically(key, to: destination.encryptionKeyFile)
                    copied += key.count
                }
                return copied
            }
            try? FileManager.default.removeItem(atPath: destination.state)
            try? FileManager.default.removeItem(atPath: destination.audit)
        }
        throw .refused("the source kept changing; try again")
    }

    /// Copies a backup, with its `encryption.key` if it has one, into an empty, unlocked data folder, then runs `check`
    /// on it (the caller opens it once to recover and verify it). A backup that does not copy or check is refused whole:
    /// the folder is left missing or empty as it was, so the restore can be retried from another backup.
    public static func restore<T>(from source: DataDirectory, to destination: DataDirectory,
                                  checking check: () throws -> T) throws -> T {
        if let pid = DirectoryLock.isHeld(destination) ? DirectoryLock.holder(of: destination) : nil {
            throw StoreError.locked(pid: pid, path: destination.lockFile)
        }
        guard destination.isEmptyOrMissing else {
            throw StoreError.refused("\(destination.root) is not empty; restore needs an empty folder")
        }
        return try removingOnFailure(destination) { () throws -> T in
            _ = try copy(from: source, to: destination)
            return try check()
        }
    }

    /// Runs `fill`, which writes into `destination` (missing or empty before: the callers check); if it throws, removes
    /// what it wrote, so a failure part-way leaves no half-filled folder to be taken for a backup or to make the next
    /// attempt fail as "not empty". Only the data folder's entries go, then the folder itself unless it was there
    /// before (rmdir, so nothing else is ever removed).
    private static func removingOnFailure<T, E: Error>(_ destination: DataDirectory,
                                                      _ fill: () throws(E) -> T) throws(E) -> T {
        let existed = access(destination.root, F_OK) == 0
        do throws(E) {
            return try fill()
        } catch {
            for path in [destination.state, destination.audit, destination.encryptionKeyFile, destination.lockFile] {
                try? FileManager.default.removeItem(atPath: path)
            }
            if !existed { _ = rmdir(destination.root) }
            throw error
        }
    }

    private static func copyFile(_ from: String, to: String) throws(StoreError) -> Int {
        let bytes = try StoreFile.read(from)
        let file = try StoreFile(path: to, flags: O_WRONLY | O_CREAT | O_TRUNC)
        try file.write(bytes)
        try file.sync()
        return bytes.count
    }
}
