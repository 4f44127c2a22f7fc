import Foundation
import Testing

/// API.md "Command line": bad arguments exit 2 with a one-line reason, for every command, before any folder is touched.
@Suite struct CommandArgumentTests {
    /// 100 KB: one argument may be at most 128 KiB (Linux MAX_ARG_STRLEN), so a 1 MB value never reaches the program.
    static let huge = String(repeating: "a", count: 100_000)

    /// `DIR` stands for a data folder with events in it.
    @Test(arguments: [
        // unknown flag, flag twice, flag without its value, empty value, stray word, missing or bad value
        ["client", "add", "--data-dir", "DIR"],
        ["client", "add", "--name", "app", "--bogus", "--data-dir", "DIR"],
        ["client", "add", "--name", "app", "--name", "other", "--data-dir", "DIR"],
        ["client", "add", "--data-dir", "DIR", "--name"],
        ["client", "add", "--name", "", "--data-dir", "DIR"],
        ["client", "add", "--name", "app", "--data-dir", ""],
        ["client", "add", "--name", "app", "--public=yes", "--data-dir", "DIR"],
        ["client", "add", "--name", "app", "--grant", "nope", "--data-dir", "DIR"],
        ["client", "add", "--name", huge, "--data-dir", "DIR"],
        ["client", "add", "--name", "app", "--grant", "authorization_code", "--redirect-uri", "javascript:alert(1)", "--data-dir", "DIR"],
        ["client", "add", "--name", "a\u{1}b", "--data-dir", "DIR"],
        ["client", "add", "--name", "a\nb", "--data-dir", "DIR"],
        ["client", "add", "--name", "app", "--scope", huge, "--data-dir", "DIR"],
        ["user", "add", "--data-dir", "DIR"],
        ["user", "add", "--email", "a@example.com", "--bogus", "--data-dir", "DIR"],
        ["user", "add", "--email", "a@example.com", "--email", "b@example.com", "--data-dir", "DIR"],
        ["user", "add", "--data-dir", "DIR", "--email"],
        ["user", "add", "--email", "", "--data-dir", "DIR"],
        ["user", "add", "--email", huge + "@example.com", "--data-dir", "DIR"],
        ["user", "add", "--email", "a\u{1}b@example.com", "--data-dir", "DIR"],
        ["user", "add", "--email", "a\u{0}b@example.com", "--data-dir", "DIR"],
        ["user", "add", "--email", "a@example.com", "--admin=yes", "--data-dir", "DIR"],
        ["keys", "list", "--bogus", "--data-dir", "DIR"],
        ["keys", "list", "--data-dir", "DIR", "--data-dir", "DIR"],
        ["keys", "list", "--data-dir"],
        ["keys", "list", "--data-dir", "DIR", "extra"],
        ["keys", "rotate", "--bogus", "--data-dir", "DIR"],
        ["keys", "rotate", "--data-dir", "DIR", "--config"],
        ["keys", "rotate", "--config", "", "--data-dir", "DIR"],
        ["keys", "rotate", "--config", "/nonexistent/postern.json", "--data-dir", "DIR"],
        ["audit", "verify", "--bogus", "--data-dir", "DIR"],
        ["audit", "verify", "--data-dir", ""],
        ["audit", "tail", "-n", "1", "-n", "2", "--data-dir", "DIR"],
        ["audit", "tail", "-n", "-1", "--data-dir", "DIR"],
        ["audit", "tail", "-n", "99999999999999999999", "--data-dir", "DIR"],
        ["audit", "tail", "-n", "", "--data-dir", "DIR"],
        ["backup", "--data-dir", "DIR"],
        ["backup", "", "--data-dir", "DIR"],
        ["backup", "DIR-a", "DIR-b", "--data-dir", "DIR"],
        ["backup", "DIR-a", "--bogus", "--data-dir", "DIR"],
        ["restore", "--data-dir", "DIR"],
        ["restore", "", "--data-dir", "DIR"],
        ["restore", "DIR", "--data-dir", ""],
        ["restore", "DIR-a", "--data-dir", "DIR", "--data-dir", "DIR-b"],
    ])
    func refusedWithOneLineAndNothingChanged(_ template: [String]) throws {
        let dir = try StoreCommandTests().folder(events: 2)
        defer { for d in [dir, dir + "-a", dir + "-b"] { try? FileManager.default.removeItem(atPath: d) } }
        let before = FolderSnapshot(dir)
        let arguments = template.map { $0.replacingOccurrences(of: "DIR", with: dir) }
        let r = try PosternProcess.run(arguments, environment: ["POSTERN_LOG_LEVEL": "warning"])
        let shown = template.map { $0.count > 80 ? "<\($0.count) bytes>" : $0 }
        #expect(r.status == 2, "\(shown) → \(r.stderr.prefix(300))")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("postern: ") && r.stderr.split(separator: "\n").count == 1, "\(shown) → \(r.stderr.prefix(300))")
        #expect(FolderSnapshot(dir) == before, "\(shown)")
        #expect(!FileManager.default.fileExists(atPath: dir + "-a") && !FileManager.default.fileExists(atPath: dir + "-b"))
    }

    /// `serve` through the helper that stops a server that did start: `--data-dir ""` used to serve ./postern-data.
    @Test(arguments: [
        ["--bogus", "--data-dir", "DIR"],
        ["--issuer", "http://a.example", "--issuer", "http://b.example", "--data-dir", "DIR"],
        ["--data-dir", "DIR", "--issuer"],
        ["--data-dir", ""],
        ["--issuer", "", "--data-dir", "DIR"],
        ["--data-dir", "DIR", "extra"],
        ["--config", "/nonexistent/postern.json", "--data-dir", "DIR"],
        ["--issuer", "ftp://x y", "--data-dir", "DIR"],
    ])
    func serveRefusesWithOneLineAndNothingChanged(_ template: [String]) throws {
        let dir = try StoreCommandTests().folder(events: 2)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = FolderSnapshot(dir)
        let (listened, r) = try PosternProcess.serve(template.map { $0.replacingOccurrences(of: "DIR", with: dir) })
        #expect(!listened && r.status == 2, "\(template) → \(r.stderr)")
        #expect(r.stderr.hasPrefix("postern: ") && r.stderr.split(separator: "\n").count == 1, "\(template) → \(r.stderr)")
        #expect(FolderSnapshot(dir) == before)
    }

    /// API.md: a bad setting stops `serve` with a one-line message naming it, and bad arguments exit 2; `keys rotate`
    /// reads the same settings, so the same setting gets the same refusal (it used to exit 1).
    @Test(arguments: [
        (["POSTERN_ACCESS_TOKEN_TTL": "1"], nil),
        (["POSTERN_LOG_LEVEL": "loud"], nil),
        ([:], "{\"access_token_ttl\": \"forever\"}"),
        ([:], "{\"bogus\": \"1\"}"),
        ([:], "not json"),
    ] as [([String: String], String?)])
    func keysRotateRefusesABadSettingAsServeDoes(_ environment: [String: String], _ file: String?) throws {
        let dir = try StoreCommandTests().folder(events: 2)
        let config = dir + ".json"
        defer { for p in [dir, config] { try? FileManager.default.removeItem(atPath: p) } }
        var arguments = ["--data-dir", dir]
        if let file {
            try Data(file.utf8).write(to: URL(fileURLWithPath: config))
            arguments += ["--config", config]
        }
        let before = FolderSnapshot(dir)
        let rotate = try PosternProcess.run(["keys", "rotate"] + arguments, environment: environment)
        let (listened, serve) = try PosternProcess.serve(arguments, environment: environment)
        #expect(!listened && serve.status == 2, "\(serve.stderr)")
        #expect(rotate.status == serve.status && rotate.stderr == serve.stderr, "\(rotate.stderr) vs \(serve.stderr)")
        #expect(rotate.stdout.isEmpty && rotate.stderr.hasPrefix("postern: ") && rotate.stderr.split(separator: "\n").count == 1)
        #expect(FolderSnapshot(dir) == before)
    }
}
