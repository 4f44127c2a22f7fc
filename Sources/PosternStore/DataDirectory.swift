import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The layout of `DATA_DIR`: `state/` (log segments and snapshots), `audit/` (daily JSON lines), `LOCK`, `encryption.key`.
public struct DataDirectory: Sendable {
    public let root: String

    public init(_ root: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    public var state: String { root + "/state" }
    public var audit: String { root + "/audit" }
    public var lockFile: String { root + "/LOCK" }
    /// The encryption key when none is configured (API.md `POSTERN_ENCRYPTION_KEY`): base64 of 32 bytes, mode 0600.
    public var encryptionKeyFile: String { root + "/encryption.key" }

    /// Creates `encryptionKeyFile` holding `contents`: written whole under another name, fsynced and linked into
    /// place, then the folder fsynced. A crash part-way leaves no half-written key, and one already there is never
    /// replaced (EEXIST).
    public func createEncryptionKeyFile(_ contents: [UInt8]) throws(StoreError) {
        try StoreFile.writeAtomically(contents, to: encryptionKeyFile, replacing: false)
    }

    /// Creates the folders with mode 0700 (DESIGN.md "Storage"), whatever the umask.
    public func create() throws(StoreError) {
        for path in [root, state, audit] {
            if mkdir(path, 0o700) != 0 && errno != EEXIST { throw .system(call: "mkdir", errno: errno, path: path) }
            _ = chmod(path, 0o700)
        }
    }

    /// The names in `folder` that start with `prefix`, sorted.
    static func files(in folder: String, prefix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// The name of the newest complete snapshot in `state/` (a `.tmp` is one being written), if any.
    var newestSnapshotName: String? {
        DataDirectory.files(in: state, prefix: "snapshot-").filter { !$0.hasSuffix(".tmp") }.last
    }

    /// Whether `path` is this folder or inside it once symlinks are resolved. `path` need not exist yet: its nearest
    /// existing ancestor is resolved and the rest appended, as `create()` would make it.
    public func contains(_ path: String) -> Bool {
        guard let root = DataDirectory.resolved(root), let other = DataDirectory.resolved(path) else { return false }
        return other == root || other.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// `path` absolute, with the symlinks of its nearest existing ancestor resolved (realpath) and `.`/`..` of the
    /// rest applied; nil when not even `/` resolves.
    private static func resolved(_ path: String) -> String? {
        var existing = path.isEmpty ? "." : path
        var rest: [String] = []
        var base: String
        while true {
            if let real = realpath(existing, nil) {
                base = String(cString: real)
                free(real)
                break
            }
            let parent = (existing as NSString).deletingLastPathComponent
            guard parent != existing else { return nil }
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = parent.isEmpty ? "." : parent
        }
        for component in rest where !component.isEmpty && component != "." {
            if component == ".." {
                base = (base as NSString).deletingLastPathComponent
            } else {
                base += (base.hasSuffix("/") ? "" : "/") + component
            }
        }
        return base
    }

    /// Whether the folder is missing or has no entries (restore refuses anything else).
    public var isEmptyOrMissing: Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).isEmpty
    }
}
