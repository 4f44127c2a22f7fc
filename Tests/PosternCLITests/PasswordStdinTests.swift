import Foundation
import Testing

/// `user add --password-stdin` with hostile input: refused with one line that never shows the password, no user created.
@Suite struct PasswordStdinTests {
    @Test(arguments: [
        // readLine stopped at the NUL: the account got the password "correct horse".
        (Data("correct horse\0battery\n".utf8), "NUL"),
        // readLine replaced the bytes with U+FFFD: the account got another password than the one given.
        (Data([0xFF, 0xFE]) + Data("correct horse battery\n".utf8), "UTF-8"),
        (Data(repeating: UInt8(ascii: "b"), count: 60_000), "too long"),
        (Data(), "at least 8"),
    ])
    func refusedWithoutStoringOrShowingIt(_ input: Data, _ reason: String) throws {
        let dir = try StoreCommandTests().folder(events: 1)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = FolderSnapshot(dir)
        let r = try PosternProcess.run(["user", "add", "--email", "ada@example.com", "--password-stdin", "--data-dir", dir],
                                       stdinBytes: input)
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains(reason), "\(r.stderr)")
        #expect(!r.stderr.contains("horse") && !r.stderr.contains("bbbbbbbb"))
        #expect(FolderSnapshot(dir) == before)
    }

    /// An endless stdin with no newline: refused after the longest accepted password, not read to the end.
    @Test func anEndlessStdinIsRefusedAsTooLong() throws {
        let dir = try StoreCommandTests().folder(events: 1)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = FolderSnapshot(dir)
        let r = try PosternProcess.run(["user", "add", "--email", "ada@example.com", "--password-stdin", "--data-dir", dir],
                                       stdinBytes: nil, stdinPath: "/dev/zero")
        #expect(r.status == 2 && r.stderr.contains("password is too long"), "\(r.stderr)")
        #expect(FolderSnapshot(dir) == before)
    }

    /// The password a user types (CRLF line end, non-ASCII) is the one stored: it is accepted whole.
    @Test func aCRLFLineAndNonASCIIPasswordAreAccepted() throws {
        let dir = try StoreCommandTests().folder(events: 0)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try PosternProcess.run(["user", "add", "--email", "ada@example.com", "--password-stdin", "--data-dir", dir],
                                       stdin: "pässwörd✓ horse\r\n")
        #expect(r.status == 0 && r.stdout.hasPrefix("{\"id\":\"usr_"), "\(r.stderr)")
        #expect(!r.stderr.contains("pässwörd"))
    }
}
