import Foundation
import PosternCore
import PosternStore

/// `--data-dir D`, else `POSTERN_DATA_DIR`, else `./postern-data` (API.md "Configuration").
enum DataDirectoryOption {
    static let spec = OptionSpec.value("data-dir")

    /// The folder `serve` would use: the environment is read by `Config`'s rule (empty means unset), not a copy of it.
    static func resolve(_ arguments: ParsedArguments) -> DataDirectory {
        DataDirectory(arguments.value("data-dir") ?? Config.dataDirectory(environment: ProcessInfo.processInfo.environment))
    }
}
