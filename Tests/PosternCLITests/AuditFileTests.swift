import Foundation
import Testing

/// `audit verify` and `audit tail` on a damaged or missing audit log: verify names the first bad line; neither crashes
/// nor changes a byte.
@Suite struct AuditFileTests {
    /// The day file's lines (without the final newline) edited by `edit`, then written back with or without one.
    static func edit(_ dir: String, trailingNewline: Bool = true, _ edit: (inout [Data]) -> Void) throws -> String {
        let day = try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/audit").first)
        let path = dir + "/audit/" + day
        let data = try #require(FileManager.default.contents(atPath: path))
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map { Data($0) }
        edit(&lines)
        var out = Data(lines.joined(separator: Data("\n".utf8)))
        if trailingNewline { out.append(UInt8(ascii: "\n")) }
        try out.write(to: URL(fileURLWithPath: path))
        return day
    }

    @Test(arguments: [
        ("not JSON", 2),
        ("invalid UTF-8", 2),
        ("blank line", 2),
        ("line deleted", 2),
        ("lines swapped", 2),
        ("truncated last line", 4),
    ])
    func verifyNamesTheFirstBadLine(_ damage: String, _ line: Int) throws {
        let dir = try StoreCommandTests().folder(events: 4)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let day = try Self.edit(dir, trailingNewline: damage != "truncated last line") { lines in
            switch damage {
            case "not JSON": lines[1] = Data("not json".utf8)
            case "invalid UTF-8": lines[1] = Data([0xFF, 0xFE, 0x00, 0x7B])
            case "blank line": lines.insert(Data(), at: 1)
            case "line deleted": lines.remove(at: 1)
            case "lines swapped": lines.swapAt(1, 2)
            default: lines[3] = lines[3].prefix(lines[3].count / 2)
            }
        }
        let before = FolderSnapshot(dir)
        let verify = try PosternProcess.run(["audit", "verify", "--data-dir", dir])
        #expect(verify.status == 1 && verify.stdout.isEmpty)
        #expect(verify.stderr.split(separator: "\n").count == 1 && verify.stderr.contains("\(day):\(line):"), "\(damage): \(verify.stderr)")
        // tail is a plain reader: it shows what is there, and exits 0 without trapping.
        let tail = try PosternProcess.run(["audit", "tail", "-n", "3", "--data-dir", dir])
        #expect(tail.status == 0, "\(damage): \(tail.stderr)")
        #expect(FolderSnapshot(dir) == before)
    }

    /// A mistyped folder is not an empty log: tail refuses it as verify does, and creates nothing.
    @Test func tailRefusesAFolderThatIsNotThere() throws {
        let missing = NSTemporaryDirectory() + "postern-no-such-" + UUID().uuidString
        let r = try PosternProcess.run(["audit", "tail", "--data-dir", missing])
        #expect(r.status == 1 && r.stdout.isEmpty)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("no data folder"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    /// A data folder whose audit files were all deleted: verify says the files end early (the state log knows the count).
    @Test func verifyNoticesDeletedAuditFiles() throws {
        let dir = try StoreCommandTests().folder(events: 3)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: dir + "/audit")
        let r = try PosternProcess.run(["audit", "verify", "--data-dir", dir])
        #expect(r.status == 1 && r.stderr.contains("truncated or deleted"), "\(r.stderr)")
    }
}
