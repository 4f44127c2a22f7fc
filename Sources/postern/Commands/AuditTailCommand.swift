#if canImport(Glibc)
import Glibc
#endif
import PosternStore

/// `postern audit tail [-n N]`: the last events as JSON lines; read-only.
enum AuditTailCommand: Command {
    static let name = "audit tail"
    static let summary = "print the last audit events as JSON lines"
    static let synopsis = "[-n N] [--data-dir D]"
    static let options = [OptionSpec.value("n"), DataDirectoryOption.spec]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        let count = arguments.value("n") ?? "10"
        guard let n = Int(count), n >= 0, n <= 1_000_000 else { throw UsageError("-n must be a number from 0 to 1000000") }
        let directory = DataDirectoryOption.resolve(arguments)
        // As `audit verify`: a mistyped folder has no events either, and printing nothing would look like an empty log.
        guard access(directory.state, F_OK) == 0 else { throw UsageError.runtime("\(directory.root): no data folder here (no state/)") }
        let lines = try AuditTail.lastLines(n, in: directory)
        for line in lines { print(String(decoding: line, as: UTF8.self)) }
        return 0
    }
}
