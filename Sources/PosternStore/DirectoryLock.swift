#if canImport(Glibc)
import Glibc
#endif

/// `DATA_DIR/LOCK` held with flock(2): one process per data folder. The holder's pid is written inside
/// so a refused process can name it. The kernel drops the lock when the holder dies, even by SIGKILL.
public final class DirectoryLock: Sendable {
    private let file: StoreFile

    /// Takes the lock or fails at once with `StoreError.locked` naming the holder.
    public init(_ directory: DataDirectory) throws(StoreError) {
        let file = try StoreFile(path: directory.lockFile, flags: O_RDWR | O_CREAT)
        if flock(file.descriptor, LOCK_EX | LOCK_NB) != 0 {
            if errno == EWOULDBLOCK { throw .locked(pid: DirectoryLock.holder(of: directory), path: directory.lockFile) }
            throw .system(call: "flock", errno: errno, path: directory.lockFile)
        }
        try file.truncate(to: 0)
        _ = lseek(file.descriptor, 0, SEEK_SET)
        try file.write(Array("\(getpid())\n".utf8))
        self.file = file
    }

    /// Lets go of the folder (the store is closed); the kernel also releases it when the process exits.
    public func release() {
        _ = ftruncate(file.descriptor, 0)
        flock(file.descriptor, LOCK_UN)
    }

    /// The pid written in LOCK, if any process holds it now; nil when the folder is free.
    public static func holder(of directory: DataDirectory) -> Int32? {
        guard let bytes = try? StoreFile.read(directory.lockFile) else { return nil }
        return Int32(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether another process holds the lock right now (for read-only commands that want to say so).
    public static func isHeld(_ directory: DataDirectory) -> Bool {
        guard let file = try? StoreFile(path: directory.lockFile, flags: O_RDONLY) else { return false }
        if flock(file.descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(file.descriptor, LOCK_UN)
            return false
        }
        return true
    }
}

import Foundation
