import Foundation
import Testing

/// API.md "Command line": while `serve` holds a data folder, commands that change state refuse naming its pid and
/// change nothing (LOCK included); read-only ones work.
@Suite(.serialized) struct RunningServerTests {
    @Test func stateChangingCommandsRefuseAndReadOnlyOnesWork() throws {
        let dir = NSTemporaryDirectory() + "postern-served-" + UUID().uuidString
        let backup = dir + "-backup", source = try StoreCommandTests().folder(events: 1)
        defer { for d in [dir, backup, source] { try? FileManager.default.removeItem(atPath: d) } }
        let server = try RunningChild(["serve", "--listen", "127.0.0.1:0", "--data-dir", dir])
        defer { _ = server.kill() }
        server.waitForFirstLine()
        let pid = server.process.processIdentifier
        let before = FolderSnapshot(dir)
        for arguments in [["client", "add", "--name", "app"], ["user", "add", "--email", "ada@example.com", "--password-stdin"],
                          ["keys", "rotate"], ["restore", source]] {
            let r = try PosternProcess.run(arguments + ["--data-dir", dir], stdin: "correct horse battery\n")
            #expect(r.status == 1 && r.stdout.isEmpty, "\(arguments): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("pid \(pid)"), "\(arguments): \(r.stderr)")
            #expect(!r.stderr.contains("correct horse"))
        }
        let (listened, second) = try PosternProcess.serve(["--data-dir", dir])
        #expect(!listened && second.status == 1 && second.stderr.contains("pid \(pid)"), "\(second.stderr)")
        #expect(FolderSnapshot(dir) == before)
        for arguments in [["keys", "list"], ["audit", "verify"], ["audit", "tail"], ["backup", backup]] {
            let r = try PosternProcess.run(arguments + ["--data-dir", dir])
            #expect(r.status == 0 && !r.stdout.isEmpty, "\(arguments): \(r.stderr)")
        }
        #expect(FolderSnapshot(dir) == before)
    }
}
