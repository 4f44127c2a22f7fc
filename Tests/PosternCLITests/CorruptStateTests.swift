import Foundation
import Testing

/// A state log with a bad record that is not a torn tail: every command that reads the state refuses with one line
/// naming the file in the user's folder, and no command writes to it.
@Suite struct CorruptStateTests {
    @Test(arguments: [
        ["client", "add", "--name", "app"], ["user", "add", "--email", "ada@example.com"], ["keys", "list"], ["keys", "rotate"],
    ])
    func refusedNamingTheFileWithNothingChanged(_ arguments: [String]) throws {
        let dir = try StoreCommandTests().folder(events: 3)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try BackupRestoreRefusalTests.corruptFirstRecord(dir)
        // Opening the store writes this process's pid into LOCK before recovery can refuse.
        let before = FolderSnapshot(dir, excludingLock: true)
        let r = try PosternProcess.run(arguments + ["--data-dir", dir], environment: ["POSTERN_ENCRYPTION_KEY": ""])
        #expect(r.status == 1 && r.stdout.isEmpty, "\(arguments): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains(dir + "/state/log-") && r.stderr.contains("checksum mismatch"), "\(arguments): \(r.stderr)")
        #expect(FolderSnapshot(dir, excludingLock: true) == before)
    }

    @Test func serveRefusesACorruptLog() throws {
        let dir = try StoreCommandTests().folder(events: 3)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try BackupRestoreRefusalTests.corruptFirstRecord(dir)
        let before = FolderSnapshot(dir, excludingLock: true)
        let (listened, r) = try PosternProcess.serve(["--data-dir", dir])
        #expect(!listened && r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains(dir + "/state/log-") && r.stderr.contains("checksum mismatch"), "\(r.stderr)")
        #expect(FolderSnapshot(dir, excludingLock: true) == before)
    }
}
