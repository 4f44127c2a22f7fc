import Foundation
import PosternStore

/// `--data-dir D`, else `POSTERN_DATA_DIR`, else `./postern-data` (API.md "Configuration").
enum DataDirectoryOption {
    static let spec = OptionSpec.value("data-dir")

    static func resolve(_ arguments: ParsedArguments) -> DataDirectory {
        DataDirectory(arguments.value("data-dir") ?? ProcessInfo.processInfo.environment["POSTERN_DATA_DIR"] ?? "./postern-data")
    }
}
