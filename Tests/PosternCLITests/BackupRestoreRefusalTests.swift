import Foundation
import Testing

/// A refused `backup` or `restore` leaves its destination as it found it (missing, or empty), never half-filled.
@Suite struct BackupRestoreRefusalTests {
    /// Flips one byte inside the first record of the folder's first log segment: a bad record that is not a torn tail.
    static func corruptFirstRecord(_ dir: String) throws {
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/state").filter { $0.hasPrefix("log-") }.min())
        let path = dir + "/state/" + name
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[20] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
    }

    @Test func restoreOfACorruptBackupLeavesNothingBehind() throws {
        let source = try StoreCommandTests().folder(events: 3)
        let missing = source + "-missing", empty = source + "-empty"
        defer { for d in [source, missing, empty] { try? FileManager.default.removeItem(atPath: d) } }
        try Self.corruptFirstRecord(source)
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        for target in [missing, empty] {
            let r = try PosternProcess.run(["restore", source, "--data-dir", target])
            #expect(r.status == 1 && r.stderr.contains("checksum mismatch"), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty).isEmpty)
    }

    /// A backup whose audit chain is broken is refused whole, so a retry from a good backup needs no cleanup.
    @Test func restoreOfABackupWithABrokenAuditChainLeavesNothingBehind() throws {
        let source = try StoreCommandTests().folder(events: 3)
        let target = source + "-restored"
        defer { for d in [source, target] { try? FileManager.default.removeItem(atPath: d) } }
        let day = try #require(try FileManager.default.contentsOfDirectory(atPath: source + "/audit").first)
        let path = source + "/audit/" + day
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"j1\"", with: "\"jX\"")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let refused = try PosternProcess.run(["restore", source, "--data-dir", target])
        #expect(refused.status == 1 && refused.stderr.contains("\(day):2:"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    /// A copy that fails part-way (an audit "file" that is a folder) leaves no partial backup.
    @Test func backupThatFailsPartWayLeavesNoPartialCopy() throws {
        let source = try StoreCommandTests().folder(events: 2)
        let destination = source + "-backup"
        defer { for d in [source, destination] { try? FileManager.default.removeItem(atPath: d) } }
        try FileManager.default.createDirectory(atPath: source + "/audit/2999-12-31.jsonl", withIntermediateDirectories: false)
        let before = FolderSnapshot(source)
        let r = try PosternProcess.run(["backup", destination, "--data-dir", source])
        #expect(r.status == 1 && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: destination))
        #expect(FolderSnapshot(source) == before)
    }

    /// A backup into the data folder itself or anywhere inside it, however the path gets there (relative, `..`, a
    /// symlink on either side, a destination not made yet), is refused with one line before anything is written.
    @Test func backupIntoTheDataFolderIsRefusedAndChangesNothing() throws {
        let source = try StoreCommandTests().folder(events: 2)
        let link = source + "-link", sibling = source + "-backup"
        defer { for d in [source, link, sibling] { try? FileManager.default.removeItem(atPath: d) } }
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: source)
        // An empty folder inside passes the "not empty" check that a destination equal to the folder meets.
        try FileManager.default.createDirectory(atPath: source + "/empty", withIntermediateDirectories: false)
        let before = FolderSnapshot(source)
        let cases: [(destination: String, dataDir: String, cwd: String?)] = [
            (source, source, nil), (source + "/", source, nil), (source + "/backup", source, nil),
            (source + "/empty", source, nil), (source + "/state/new/deeper", source, nil),
            (source + "/missing/../backup", source, nil), (link + "/backup", source, nil), (source + "/backup", link, nil),
            ("backup", source, source), (".", ".", source), ("empty/x", ".", source),
        ]
        for (destination, dataDir, cwd) in cases {
            let r = try PosternProcess.run(["backup", destination, "--data-dir", dataDir], directory: cwd)
            #expect(r.status == 1 && r.stdout.isEmpty, "\(destination) → \(r.stderr)")
            #expect(r.stderr.hasPrefix("postern: ") && r.stderr.contains("inside the data folder")
                    && r.stderr.split(separator: "\n").count == 1, "\(destination) → \(r.stderr)")
            #expect(FolderSnapshot(source) == before, "\(destination)")
        }
        // A sibling whose name starts with the folder's is outside it.
        let r = try PosternProcess.run(["backup", sibling, "--data-dir", source])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FolderSnapshot(source) == before)
    }

    /// Restore onto a folder with anything in it is refused, and that folder keeps every byte.
    @Test func restoreOntoANonEmptyFolderChangesNothing() throws {
        let source = try StoreCommandTests().folder(events: 2)
        let target = try StoreCommandTests().folder(events: 1)
        defer { for d in [source, target] { try? FileManager.default.removeItem(atPath: d) } }
        let before = FolderSnapshot(target)
        let r = try PosternProcess.run(["restore", source, "--data-dir", target])
        #expect(r.status == 1 && r.stderr.contains("not empty"), "\(r.stderr)")
        #expect(FolderSnapshot(target) == before)
    }
}
