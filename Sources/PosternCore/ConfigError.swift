/// A setting that stops start-up: API.md "a bad setting stops start-up with a one-line message naming the setting".
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    /// Where the bad value came from: `POSTERN_LISTEN`, `POSTERN_GITHUB_CLIENT_SECRET_FILE`,
    /// `listen (config file)` or a command-line flag such as `--listen`.
    public let setting: String
    /// What is wrong, without the value when the setting is a secret.
    public let problem: String

    public init(setting: String, problem: String) {
        self.setting = setting
        // One line, whatever a value quoted in it contained.
        self.problem = problem.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// `POSTERN_LISTEN: expected HOST:PORT, got "x"`.
    public var description: String { "\(setting): \(problem)" }
}
