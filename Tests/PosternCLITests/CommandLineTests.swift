import Testing

@Suite struct CommandLineTests {
    @Test func versionPrintsAndSucceeds() throws {
        let r = try PosternProcess.run(["version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("postern "))
    }

    @Test func helpListsCommandsAndExitsZero() throws {
        let r = try PosternProcess.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("version"))
    }

    @Test func noArgumentsPrintsHelpAndExitsTwo() throws {
        let r = try PosternProcess.run([])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty && r.stderr.contains("commands:"))
    }

    @Test(arguments: [
        ["frobnicate"],
        ["version", "--bogus"],
        ["version", "extra"],
        ["version", "-x"],
        // Refused before anything is measured or created.
        ["bench", "store", "--dir", "/nonexistent/postern-bench", "--case", "nope"],
    ])
    func badArgumentsExitTwoWithOneLine(_ arguments: [String]) throws {
        let r = try PosternProcess.run(arguments)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(r.stderr.hasPrefix("postern: "))
    }

    /// API.md "Configuration": a half-given bootstrap admin, or a password no account may have, stops `serve` before
    /// it opens the data folder, with one line naming the setting and never the password.
    @Test(arguments: [
        (["POSTERN_BOOTSTRAP_ADMIN_EMAIL": "root@example.com"], "POSTERN_BOOTSTRAP_ADMIN_PASSWORD"),
        (["POSTERN_BOOTSTRAP_ADMIN_PASSWORD": "correct horse battery"], "POSTERN_BOOTSTRAP_ADMIN_EMAIL"),
        (["POSTERN_BOOTSTRAP_ADMIN_EMAIL": "root@example.com", "POSTERN_BOOTSTRAP_ADMIN_PASSWORD": "seven77"],
         "POSTERN_BOOTSTRAP_ADMIN_PASSWORD"),
    ])
    func serveRefusesABadBootstrapAdmin(_ environment: [String: String], _ setting: String) throws {
        let r = try PosternProcess.run(["serve", "--data-dir", "/nonexistent/postern-bootstrap", "--listen", "127.0.0.1:0"],
                                       environment: environment)
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.hasPrefix("postern: \(setting)"))
        #expect(!r.stderr.contains("correct horse") && !r.stderr.contains("seven77"))
    }

    @Test func commandHelpSucceeds() throws {
        let r = try PosternProcess.run(["version", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("usage: postern version"))
    }

    /// A command group without its subcommand names the subcommands (one line, exit 2); with --help it shows each.
    @Test func aGroupWithoutASubcommandNamesItsSubcommands() throws {
        let bare = try PosternProcess.run(["keys"])
        #expect(bare.status == 2 && bare.stdout.isEmpty)
        #expect(bare.stderr == "postern: 'keys' needs a subcommand: list, rotate; see 'postern keys --help'\n")
        let help = try PosternProcess.run(["audit", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("usage: postern audit verify") && help.stdout.contains("usage: postern audit tail"))
    }
}
