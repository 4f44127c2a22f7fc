/// A `postern` subcommand. Multi-word names (`keys rotate`) are matched word by word.
protocol Command: Sendable {
    /// The words that select it, e.g. `"keys rotate"`.
    static var name: String { get }
    /// One line for `postern --help`.
    static var summary: String { get }
    /// The argument synopsis after the name, e.g. `"--email E [--admin]"`.
    static var synopsis: String { get }
    static var options: [OptionSpec] { get }
    static var positionals: ClosedRange<Int> { get }
    /// Hidden commands (test and debug tools) are left out of `--help`.
    static var isHidden: Bool { get }
    /// Runs the command and returns the process exit status.
    static func run(_ arguments: ParsedArguments) throws -> Int32
}

extension Command {
    static var options: [OptionSpec] { [] }
    static var positionals: ClosedRange<Int> { 0...0 }
    static var isHidden: Bool { false }
    static var synopsis: String { "" }
    static var usage: String { "usage: postern \(name)\(synopsis.isEmpty ? "" : " " + synopsis)" }
}
