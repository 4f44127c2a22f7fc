import Foundation
import Testing

/// API.md "Configuration": `encryption_key` seals the signing keys; every command that seals or opens them reads the
/// settings `serve` reads, and none of them replaces a missing key with a new one once keys are sealed.
@Suite struct EncryptionKeyCommandTests {
    static let key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
    static let otherKey = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA="
    /// No key or folder from the environment that runs the tests.
    static let clean = ["POSTERN_ENCRYPTION_KEY": "", "POSTERN_ENCRYPTION_KEY_FILE": "", "POSTERN_DATA_DIR": ""]

    func withFolder<T>(_ body: (String) throws -> T) rethrows -> T {
        let dir = NSTemporaryDirectory() + "postern-keys-" + UUID().uuidString
        defer { for d in [dir, dir + ".json", dir + "-backup", dir + "-restored"] { try? FileManager.default.removeItem(atPath: d) } }
        return try body(dir)
    }

    /// A config file naming the folder and the key, and one start of `serve` with it (the first signing key).
    func startWithConfiguredKey(_ dir: String) throws -> String {
        let config = dir + ".json"
        try Data("{\"encryption_key\":\"\(Self.key)\",\"data_dir\":\"\(dir)\"}".utf8).write(to: URL(fileURLWithPath: config))
        let (listened, first) = try PosternProcess.serve(["--config", config], environment: Self.clean)
        #expect(listened && first.status == 0, "\(first.stderr)")
        return config
    }

    func keyCount(_ dir: String) throws -> Int {
        try PosternProcess.run(["keys", "list", "--data-dir", dir], environment: Self.clean).stdout.split(separator: "\n").count
    }

    @Test func rotateReadsTheConfigFileServeReads() throws {
        try withFolder { dir in
            let config = try startWithConfiguredKey(dir)
            let rotate = try PosternProcess.run(["keys", "rotate", "--config", config], environment: Self.clean)
            #expect(rotate.status == 0 && rotate.stdout.hasPrefix("{\"kid\":"), "\(rotate.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/encryption.key"))
            #expect(try keyCount(dir) == 2)
            // Both keys open with the configured key.
            let (listened, again) = try PosternProcess.serve(["--config", config], environment: Self.clean)
            #expect(listened && again.status == 0, "\(again.stderr)")
        }
    }

    /// Keys sealed with a configured key, then a command whose settings lack it: refused with one line, nothing written.
    @Test func withoutTheConfiguredKeyRotateAndServeRefuseAndWriteNothing() throws {
        try withFolder { dir in
            _ = try startWithConfiguredKey(dir)
            let rotate = try PosternProcess.run(["keys", "rotate", "--data-dir", dir], environment: Self.clean)
            #expect(rotate.status == 1)
            #expect(rotate.stderr.split(separator: "\n").count == 1 && rotate.stderr.contains("POSTERN_ENCRYPTION_KEY"),
                    "\(rotate.stderr)")
            let (listened, serve) = try PosternProcess.serve(["--data-dir", dir], environment: Self.clean)
            #expect(!listened && serve.status == 1)
            // Besides the configuration's warnings (an unset key is one), one line says why.
            let reasons = serve.stderr.split(separator: "\n").filter { !$0.hasPrefix("postern: warning:") }
            #expect(reasons.count == 1 && reasons[0].hasPrefix("postern: no encryption key"), "\(serve.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/encryption.key"))
            #expect(try keyCount(dir) == 1)
            // The key from the environment works as well as from the file.
            let withKey = try PosternProcess.run(["keys", "rotate", "--data-dir", dir],
                                                 environment: Self.clean.merging(["POSTERN_ENCRYPTION_KEY": Self.key]) { _, b in b })
            #expect(withKey.status == 0, "\(withKey.stderr)")
            #expect(try keyCount(dir) == 2)
        }
    }

    /// A configured key that does not open the sealed keys must not seal a new one beside them.
    @Test func rotateRefusesAKeyThatDoesNotOpenTheSealedKeys() throws {
        try withFolder { dir in
            _ = try startWithConfiguredKey(dir)
            let rotate = try PosternProcess.run(["keys", "rotate", "--data-dir", dir],
                                                environment: Self.clean.merging(["POSTERN_ENCRYPTION_KEY": Self.otherKey]) { _, b in b })
            #expect(rotate.status == 1)
            #expect(rotate.stderr.split(separator: "\n").count == 1 && rotate.stderr.contains("cannot decrypt signing key"),
                    "\(rotate.stderr)")
            #expect(try keyCount(dir) == 1)
        }
    }

    /// The default configuration (key file in the folder): backup → restore → the restored folder's keys open.
    @Test func aRestoredBackupStartsWithTheDefaultConfiguration() throws {
        try withFolder { dir in
            let (listened, first) = try PosternProcess.serve(["--data-dir", dir], environment: Self.clean)
            #expect(listened && first.status == 0, "\(first.stderr)")
            let backup = dir + "-backup", restored = dir + "-restored"
            #expect(try PosternProcess.run(["backup", backup, "--data-dir", dir], environment: Self.clean).status == 0)
            let restore = try PosternProcess.run(["restore", backup, "--data-dir", restored], environment: Self.clean)
            #expect(restore.status == 0 && !restore.stderr.contains("warning"), "\(restore.stderr)")
            let original = try String(contentsOfFile: dir + "/encryption.key", encoding: .utf8)
            #expect(try String(contentsOfFile: restored + "/encryption.key", encoding: .utf8) == original)
            let mode = try FileManager.default.attributesOfItem(atPath: restored + "/encryption.key")[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let (started, again) = try PosternProcess.serve(["--data-dir", restored], environment: Self.clean)
            #expect(started && again.status == 0, "\(again.stderr)")
            #expect(try PosternProcess.run(["keys", "rotate", "--data-dir", restored], environment: Self.clean).status == 0)
        }
    }

    /// A backup of a folder whose key was configured outside it restores, and says at once that the key must come
    /// from elsewhere.
    @Test func restoringABackupWithoutItsKeySaysSo() throws {
        try withFolder { dir in
            _ = try startWithConfiguredKey(dir)
            let backup = dir + "-backup", restored = dir + "-restored"
            #expect(try PosternProcess.run(["backup", backup, "--data-dir", dir], environment: Self.clean).status == 0)
            let restore = try PosternProcess.run(["restore", backup, "--data-dir", restored], environment: Self.clean)
            #expect(restore.status == 0)
            #expect(restore.stderr.contains("warning: the signing keys are sealed with an encryption key that is not in this backup"),
                    "\(restore.stderr)")
        }
    }

    /// A mistyped folder is refused: rotate must not create a data folder with a key of its own.
    @Test func rotateRefusesAFolderThatIsNotThere() throws {
        try withFolder { dir in
            let rotate = try PosternProcess.run(["keys", "rotate", "--data-dir", dir], environment: Self.clean)
            #expect(rotate.status == 1 && rotate.stderr.contains("no data folder"), "\(rotate.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir))
        }
    }

    /// A first start writes the key whole under another name and links it in: the key file is there (0600) and the
    /// temporary name is gone. An unreadable key file with nothing sealed yet says it is safe to delete.
    @Test func theFirstKeyIsWrittenWholeAndABadOneBeforeAnySealIsNamedSafeToDelete() throws {
        try withFolder { dir in
            let (listened, first) = try PosternProcess.serve(["--data-dir", dir], environment: Self.clean)
            #expect(listened && first.status == 0, "\(first.stderr)")
            let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/encryption.key")
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            #expect(!FileManager.default.fileExists(atPath: dir + "/encryption.key.tmp"))
        }
        try withFolder { dir in
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: dir + "/encryption.key", contents: Data()))
            let (listened, refused) = try PosternProcess.serve(["--data-dir", dir], environment: Self.clean)
            #expect(!listened && refused.status == 1)
            #expect(refused.stderr.contains("deleting it is safe"), "\(refused.stderr)")
        }
    }
}
