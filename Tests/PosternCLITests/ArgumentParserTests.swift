import Testing
@testable import postern

@Suite struct ArgumentParserTests {
    let options: [OptionSpec] = [.flag("public"), .value("name"), .value("grant", repeatable: true)]

    @Test func parsesValuesFlagsAndRepeats() throws {
        let p = try ArgumentParser.parse(["--name", "app", "--grant=a", "--grant", "b", "--public", "pos"],
                                         options: options, positionals: 0...1)
        #expect(p.value("name") == "app")
        #expect(p.all("grant") == ["a", "b"])
        #expect(p.has("public"))
        #expect(p.positionals == ["pos"])
    }

    @Test func doubleDashEndsOptions() throws {
        let p = try ArgumentParser.parse(["--", "--name"], options: options, positionals: 1...1)
        #expect(p.positionals == ["--name"])
    }

    @Test(arguments: [
        (["--nope"], "unknown option '--nope'"),
        (["--name"], "option '--name' needs a value"),
        (["--name", "--public"], "option '--name' needs a value"),
        (["--name", "a", "--name", "b"], "option '--name' given more than once"),
        (["--public=yes"], "option '--public' takes no value"),
        (["a", "b"], "unexpected argument 'b'"),
        (["-n"], "unknown option '-n'"),
        (["--name", ""], "option '--name' has an empty value"),
        (["--name="], "option '--name' has an empty value"),
        ([""], "empty argument"),
    ])
    func rejects(_ arguments: [String], _ message: String) {
        #expect(throws: UsageError(message)) {
            try ArgumentParser.parse(arguments, options: options, positionals: 0...1)
        }
    }

    @Test func missingPositional() {
        #expect(throws: UsageError("missing argument")) {
            try ArgumentParser.parse([], options: options, positionals: 1...1)
        }
    }
}
