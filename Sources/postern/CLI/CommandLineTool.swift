#if canImport(Glibc)
import Glibc
#endif
import PosternCore

/// Dispatches `postern …` to a registered command, handles `--help`, and turns usage errors into exit status 2.
enum CommandLineTool {
    /// Every command, in the order `--help` lists them.
    static let commands: [any Command.Type] = [
        ServeCommand.self, ClientAddCommand.self, UserAddCommand.self, KeysListCommand.self, KeysRotateCommand.self,
        VersionCommand.self,
        AuditVerifyCommand.self, AuditTailCommand.self, BackupCommand.self, RestoreCommand.self,
        DebugStoreCrashChildCommand.self, BenchStoreCommand.self,
        DebugJWTSignCommand.self, DebugJWTVerifyCommand.self, BenchCryptoCommand.self,
        BenchHTTPServerCommand.self,
    ]

    static func main(_ arguments: [String]) -> Int32 {
        if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
            print(help)
            return 0
        }
        if arguments.isEmpty {
            // A usage error: the help goes where errors go, so a script capturing stdout gets nothing from it.
            writeToStderr(help + "\n")
            return 2
        }
        guard let (command, rest) = match(arguments) else {
            // `postern keys`, `postern audit --help`: a group without its subcommand gets the group's subcommands.
            let group = commands.filter { !$0.isHidden && $0.name.hasPrefix(arguments[0] + " ") }
            if !group.isEmpty {
                if arguments.count == 2, arguments[1] == "--help" || arguments[1] == "-h" {
                    for command in group { print("\(command.usage)\n  \(command.summary)") }
                    return 0
                }
                let names = group.map { String($0.name.dropFirst(arguments[0].count + 1)) }.joined(separator: ", ")
                fail("'\(arguments[0])' needs a subcommand: \(names); see 'postern \(arguments[0]) --help'")
                return 2
            }
            fail("unknown command '\(arguments[0])'; see 'postern --help'")
            return 2
        }
        if rest.contains("--help") || rest.contains("-h") {
            print(command.usage)
            print(command.summary)
            return 0
        }
        do {
            let parsed = try ArgumentParser.parse(rest, options: command.options, positionals: command.positionals)
            return try command.run(parsed)
        } catch let error as UsageError where error.status == 1 {
            fail(error.message)
            return 1
        } catch let error as UsageError {
            fail("\(error.message); usage: postern \(command.name) \(command.synopsis)")
            return 2
        } catch let error as ConfigError {
            // API.md: a bad setting stops the command (start-up, for serve) with one line naming the setting; it is
            // a bad argument, but no usage text: it may come from the environment or the --config file.
            fail("\(error)")
            return 2
        } catch {
            fail("\(error)")
            return 1
        }
    }

    /// The command whose name is the longest run of leading words.
    static func match(_ arguments: [String]) -> (any Command.Type, [String])? {
        var best: (any Command.Type, Int)?
        for command in commands {
            let words = command.name.split(separator: " ").map(String.init)
            if arguments.count >= words.count, Array(arguments.prefix(words.count)) == words,
               words.count > (best?.1 ?? 0) {
                best = (command, words.count)
            }
        }
        guard let (command, count) = best else { return nil }
        return (command, Array(arguments.dropFirst(count)))
    }

    static var help: String {
        var lines = ["postern — an OAuth 2.0 / OpenID Connect authorization server", "", "commands:"]
        let visible = commands.filter { !$0.isHidden }
        let width = visible.map { $0.name.count }.max() ?? 0
        for command in visible {
            let pad = String(repeating: " ", count: width - command.name.count)
            lines.append("  \(command.name)\(pad)  \(command.summary)")
        }
        lines.append("")
        lines.append("Run 'postern COMMAND --help' for a command's options.")
        return lines.joined(separator: "\n")
    }

    /// One line on stderr, prefixed with the program name.
    static func fail(_ message: String) {
        writeToStderr("postern: \(message)\n")
    }

    /// `text` on stderr in one write(2).
    private static func writeToStderr(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }
}
