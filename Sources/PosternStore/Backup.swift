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
        // A copy that fails part-way is removed: a half-filled folder would look like a backup, and would make the
        // next attempt fail as "not empty".
        let existed = access(destination.root, F_OK) == 0
        do throws(StoreError) {
            return try copyAttempts(from: source, to: destination, includingEncryptionKey: includingEncryptionKey)
        } catch {
            discard(destination, keepingRoot: existed)
            throw error
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

    /// Copies a backup, with its `encryption.key` if it has one, into an empty, unlocked data folder; the caller
    /// then opens it once to recover and check it.
    public static func restore(from source: DataDirectory, to destination: DataDirectory) throws(StoreError) {
        if let pid = DirectoryLock.isHeld(destination) ? DirectoryLock.holder(of: destination) : nil {
            throw .locked(pid: pid, path: destination.lockFile)
        }
        guard destination.isEmptyOrMissing else { throw .refused("\(destination.root) is not empty; restore needs an empty folder") }
        _ = try copy(from: source, to: destination)
    }

    /// Removes what a copy or restore put into `destination`, which was missing or empty before it: the data folder's
    /// entries, then the folder itself unless it was there before (rmdir, so nothing else is ever removed).
    public static func discard(_ destination: DataDirectory, keepingRoot: Bool) {
        for path in [destination.state, destination.audit, destination.encryptionKeyFile, destination.lockFile] {
            try? FileManager.default.removeItem(atPath: path)
        }
        if !keepingRoot { _ = rmdir(destination.root) }
    }

    private static func copyFile(_ from: String, to: String) throws(StoreError) -> Int {
        let bytes = try StoreFile.read(from)
        let file = try StoreFile(path: to, flags: O_WRONLY | O_CREAT | O_TRUNC)
        try file.write(bytes)
        try file.sync()
        return bytes.count
    }
}
