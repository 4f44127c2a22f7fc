import Foundation
import Testing
import PosternCore
import PosternStore

@Suite struct StoreCommandTests {
    /// A closed data folder with `n` committed events.
    func folder(events n: Int) throws -> String {
        let dir = NSTemporaryDirectory() + "postern-cli-" + UUID().uuidString
        let store = try FlatFileStore<AuthState>(directory: DataDirectory(dir))
        for i in 0..<n {
            try store.update { _ in
                (Change(records: [.accessTokenDenied(jti: "j\(i)", expiresAt: 4_000_000_000)],
                        audit: [AuditRecord(type: "token.revoked", subject: "j\(i)")]), ())
            }
        }
        store.close()
        return dir
    }

    @Test func verifyTailBackupRestoreRoundTrip() throws {
        let dir = try folder(events: 7)
        let backup = dir + "-backup", restored = dir + "-restored"
        defer { for d in [dir, backup, restored] { try? FileManager.default.removeItem(atPath: d) } }
        let verify = try PosternProcess.run(["audit", "verify", "--data-dir", dir])
        #expect(verify.status == 0 && verify.stdout == "ok 7 events\n")
        let tail = try PosternProcess.run(["audit", "tail", "-n", "2", "--data-dir", dir])
        let lines = tail.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[1].contains("\"seq\":7"))
        #expect(try PosternProcess.run(["backup", backup, "--data-dir", dir]).status == 0)
        let restore = try PosternProcess.run(["restore", backup, "--data-dir", restored])
        #expect(restore.status == 0, "\(restore.stderr)")
        let store = try FlatFileStore<AuthState>(directory: DataDirectory(restored))
        #expect(store.read { $0.isDenied(jti: "j6") })
        store.close()
        // Restore refuses a folder that is not empty.
        let again = try PosternProcess.run(["restore", backup, "--data-dir", restored])
        #expect(again.status == 1 && again.stderr.contains("not empty"))
        // The refusal says what is wrong, not "record rejected" (no record was involved).
        #expect(!again.stderr.contains("record rejected"))
        // Backup refuses a destination that is not empty.
        #expect(try PosternProcess.run(["backup", restored, "--data-dir", dir]).status == 1)
    }

    @Test func verifyNamesTheFirstBadLine() throws {
        let dir = try folder(events: 3)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let day = try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/audit").first)
        let path = dir + "/audit/" + day
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"j1\"", with: "\"jX\"")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let r = try PosternProcess.run(["audit", "verify", "--data-dir", dir])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(day):2:"))
    }

    /// API.md shows `--password-stdin` as optional: without it the account exists with no password yet. A bad email or
    /// password is a bad argument (exit 2); a taken email refuses the command (exit 1).
    @Test func userAddWithAndWithoutAPassword() throws {
        let dir = try folder(events: 0)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bare = try PosternProcess.run(["user", "add", "--email", "nopass@example.com", "--data-dir", dir])
        #expect(bare.status == 0 && bare.stdout.hasPrefix("{\"id\":\"usr_"))
        let withPassword = try PosternProcess.run(["user", "add", "--email", "ada@example.com", "--password-stdin", "--data-dir", dir],
                                                  stdin: "correct horse battery\n")
        #expect(withPassword.status == 0)
        let store = try FlatFileStore<AuthState>(directory: DataDirectory(dir))
        let hashes = store.read { state in [state.user(login: "nopass@example.com")?.passwordHash, state.user(login: "ada@example.com")?.passwordHash] }
        store.close()
        #expect(hashes[0] == nil && hashes[1]?.hasPrefix("$scrypt$") == true)
        let badEmail = try PosternProcess.run(["user", "add", "--email", "not-an-email", "--data-dir", dir])
        #expect(badEmail.status == 2 && badEmail.stderr.split(separator: "\n").count == 1)
        let short = try PosternProcess.run(["user", "add", "--email", "b@example.com", "--password-stdin", "--data-dir", dir], stdin: "short\n")
        #expect(short.status == 2)
        let taken = try PosternProcess.run(["user", "add", "--email", "ADA@example.com", "--data-dir", dir])
        #expect(taken.status == 1)
    }

    /// A mistyped folder is not an empty log: verify refuses it rather than print "ok 0 events".
    @Test func verifyRefusesAFolderThatIsNotThere() throws {
        let missing = NSTemporaryDirectory() + "postern-no-such-" + UUID().uuidString
        let r = try PosternProcess.run(["audit", "verify", "--data-dir", missing])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no data folder"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    /// API.md "Configuration": `POSTERN_DATA_DIR=""` is unset for every command as it is for `serve` (the default
    /// ./postern-data), not a folder named "" that mkdir refuses.
    @Test func anEmptyDataDirVariableIsTheDefaultFolderForEveryCommand() throws {
        let cwd = NSTemporaryDirectory() + "postern-cwd-" + UUID().uuidString
        let fresh = cwd + "-fresh"
        defer { for d in [cwd, fresh] { try? FileManager.default.removeItem(atPath: d) } }
        for d in [cwd, fresh] { try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true) }
        let (listened, serve) = try PosternProcess.serve(["--data-dir", cwd + "/postern-data"], environment: EncryptionKeyCommandTests.clean)
        #expect(listened && serve.status == 0, "\(serve.stderr)")
        let empty = EncryptionKeyCommandTests.clean.merging(["POSTERN_LOG_LEVEL": "warning"]) { _, b in b }
        for arguments in [["client", "add", "--name", "app"], ["user", "add", "--email", "ada@example.com"], ["keys", "list"],
                          ["keys", "rotate"], ["audit", "verify"], ["audit", "tail"], ["backup", cwd + "/copy"]] {
            let r = try PosternProcess.run(arguments, environment: empty, directory: cwd)
            #expect(r.status == 0, "\(arguments) → \(r.stderr)")
        }
        let verify = try PosternProcess.run(["audit", "verify", "--data-dir", cwd + "/postern-data"])
        #expect(verify.stdout.hasPrefix("ok ") && verify.stdout != "ok 0 events\n", "\(verify.stdout)")
        let restore = try PosternProcess.run(["restore", cwd + "/copy"], environment: empty, directory: fresh)
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(FileManager.default.fileExists(atPath: fresh + "/postern-data/state"))
    }

    @Test(arguments: [["audit", "tail", "-n", "x"], ["audit", "tail", "-n"], ["audit", "verify", "extra"], ["backup"],
                      ["restore"], ["audit", "tail", "-z", "1"]])
    func badArgumentsExitTwo(_ arguments: [String]) throws {
        let r = try PosternProcess.run(arguments)
        #expect(r.status == 2, "\(arguments) → \(r.stderr)")
    }
}
