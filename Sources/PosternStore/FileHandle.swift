#if canImport(Glibc)
import Glibc
#endif

/// Owns one open file descriptor and closes it in `deinit`; every call retries on EINTR and throws with errno.
final class StoreFile: Sendable {
    let descriptor: Int32
    let path: String

    /// Opens `path` with `flags`; new files get mode 0600 whatever the umask (fchmod after create).
    init(path: String, flags: Int32, mode: mode_t = 0o600) throws(StoreError) {
        self.path = path
        descriptor = try Self.retry("open", path) { open(path, flags | O_CLOEXEC, mode) }
        if flags & O_CREAT != 0 { _ = fchmod(descriptor, mode) }
    }

    deinit { close(descriptor) }

    /// Writes all of `bytes` at the current offset.
    func write(_ bytes: [UInt8]) throws(StoreError) {
        try writeAll(bytes, "write") { start, done, count in Glibc.write(descriptor, start, count) }
    }

    /// Writes all of `bytes` at `offset` (pwrite: the file offset is left alone).
    func write(_ bytes: [UInt8], at offset: Int) throws(StoreError) {
        try writeAll(bytes, "pwrite") { start, done, count in pwrite(descriptor, start, count, off_t(offset + done)) }
    }

    /// Calls `once(start, done, count)` for the bytes not yet written until all are, retrying short writes.
    private func writeAll(_ bytes: [UInt8], _ call: String,
                          _ once: (UnsafeRawPointer, _ done: Int, _ count: Int) -> Int) throws(StoreError) {
        var done = 0
        while done < bytes.count {
            done += try Self.retry(call, path) {
                bytes.withUnsafeBytes { once($0.baseAddress! + done, done, bytes.count - done) }
            }
        }
    }

    /// fdatasync: the data and the metadata needed to read it back (the file size) are on disk.
    func sync() throws(StoreError) {
        _ = try Self.retry("fdatasync", path) { Int(fdatasync(descriptor)) }
    }

    func truncate(to length: Int) throws(StoreError) {
        _ = try Self.retry("ftruncate", path) { Int(ftruncate(descriptor, off_t(length))) }
    }

    func seekToEnd() throws(StoreError) -> Int {
        try Self.retry("lseek", path) { Int(lseek(descriptor, 0, SEEK_END)) }
    }

    /// The whole file.
    static func read(_ path: String) throws(StoreError) -> [UInt8] {
        let file = try StoreFile(path: path, flags: O_RDONLY)
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try retry("read", path) { chunk.withUnsafeMutableBytes { Glibc.read(file.descriptor, $0.baseAddress, $0.count) } }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
    }

    /// Writes `bytes` to `path` atomically: temporary file, fsync, rename, fsync of the folder. Without `replacing`,
    /// the file is linked into place instead, which fails (EEXIST) rather than replace one that is there.
    static func writeAtomically(_ bytes: [UInt8], to path: String, replacing: Bool = true) throws(StoreError) {
        let temporary = path + ".tmp"
        do {
            let file = try StoreFile(path: temporary, flags: O_WRONLY | O_CREAT | O_TRUNC)
            try file.write(bytes)
            _ = try retry("fsync", temporary) { Int(fsync(file.descriptor)) }
        }
        if replacing {
            _ = try retry("rename", path) { Int(rename(temporary, path)) }
        } else {
            defer { unlink(temporary) }
            _ = try retry("link", path) { Int(link(temporary, path)) }
        }
        try syncDirectory(of: path)
    }

    /// fsync of the folder holding `path`, so a create, rename or unlink in it is durable.
    static func syncDirectory(of path: String) throws(StoreError) {
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let dir = try StoreFile(path: folder.isEmpty ? "." : folder, flags: O_RDONLY | O_DIRECTORY)
        _ = try retry("fsync", dir.path) { Int(fsync(dir.descriptor)) }
    }

    /// Runs a system call until it does not fail with EINTR.
    @discardableResult
    static func retry<T: BinaryInteger>(_ call: String, _ path: String, _ body: () -> T) throws(StoreError) -> T {
        while true {
            let result = body()
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw .system(call: call, errno: errno, path: path)
        }
    }
}
