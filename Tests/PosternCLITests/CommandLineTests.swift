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

    @Test func commandHelpSucceeds() throws {
        let r = try PosternProcess.run(["version", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("usage: postern version"))
    }
}
