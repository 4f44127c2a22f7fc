import Foundation
import Testing
@testable import PosternStore

/// `postern backup` / `restore` (API.md "Command line": a consistent copy of the data folder).
@Suite struct BackupTests {
    /// A closed folder with one committed record and, if `key` is given, an `encryption.key` holding it.
    func folder(key: String?) throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        let store = try FlatFileStore<Counters>(directory: folder.directory)
        try store.set("a", 1)
        store.close()
        if let key { try Data(key.utf8).write(to: URL(fileURLWithPath: folder.directory.encryptionKeyFile)) }
        return folder
    }

    func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    /// The default configuration keeps the key in the folder and seals the signing keys with it: a backup without it
    /// restores a folder whose keys nothing opens.
    @Test func theEncryptionKeyFileGoesIntoTheBackupAndBackOnRestore() throws {
        let key = "c2l4dHktZm91ci1iaXRzLW9mLWtleS1tYXRlcmlhbC4=\n"
        let source = try folder(key: key), backup = TemporaryFolder(), restored = TemporaryFolder()
        defer { for f in [source, backup, restored] { f.remove() } }
        let bytes = try Backup.copy(from: source.directory, to: backup.directory)
        #expect(try String(contentsOfFile: backup.directory.encryptionKeyFile, encoding: .utf8) == key)
        #expect(try mode(backup.directory.encryptionKeyFile) == 0o600)
        #expect(bytes > key.utf8.count)
        #expect(!FileManager.default.fileExists(atPath: backup.directory.encryptionKeyFile + ".tmp"))
        try Backup.restore(from: backup.directory, to: restored.directory) {}
        #expect(try String(contentsOfFile: restored.directory.encryptionKeyFile, encoding: .utf8) == key)
        #expect(try mode(restored.directory.encryptionKeyFile) == 0o600)
        let store = try FlatFileStore<Counters>(directory: restored.directory)
        #expect(store.read { $0.values } == ["a": 1])
        store.close()
    }

    /// A key configured outside the folder stays outside every backup.
    @Test func aFolderWithoutAKeyFileGivesABackupWithoutOne() throws {
        let source = try folder(key: nil), backup = TemporaryFolder()
        defer { for f in [source, backup] { f.remove() } }
        _ = try Backup.copy(from: source.directory, to: backup.directory)
        #expect(!FileManager.default.fileExists(atPath: backup.directory.encryptionKeyFile))
        #expect(FileManager.default.fileExists(atPath: backup.directory.state))
    }

    /// `keys list` copies the state to read the schedule; the key has no reason to be in that temporary folder.
    @Test func aStateCopyCanLeaveTheKeyOut() throws {
        let source = try folder(key: "a2V5\n"), copy = TemporaryFolder()
        defer { for f in [source, copy] { f.remove() } }
        _ = try Backup.copy(from: source.directory, to: copy.directory, includingEncryptionKey: false)
        #expect(!FileManager.default.fileExists(atPath: copy.directory.encryptionKeyFile))
    }
}
