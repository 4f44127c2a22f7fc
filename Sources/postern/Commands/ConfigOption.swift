import Foundation
import PosternCore

/// `--config FILE`: the settings of API.md "Configuration" (defaults ← file ← environment, `_FILE` secrets ← flags),
/// read the same way by every command that needs more than the data folder (`serve`, `keys rotate`).
enum ConfigOption {
    static let spec = OptionSpec.value("config")

    /// The configuration, with `--data-dir` and `flags` (setting key → value) over everything else.
    /// Throws `UsageError` when the file cannot be read and `ConfigError` for a bad setting (`CommandLineTool` makes
    /// either an exit 2 with one line).
    static func load(_ arguments: ParsedArguments, flags: [String: String] = [:]) throws -> Config {
        let file = try arguments.value("config").map { path -> [UInt8] in
            guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read --config \(path)") }
            return Array(data)
        }
        var overrides = flags
        overrides["data_dir"] = arguments.value("data-dir")
        return try Config.load(environment: ProcessInfo.processInfo.environment, file: file, overrides: overrides)
    }
}
