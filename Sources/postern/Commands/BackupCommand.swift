import PosternStore

/// `postern backup DEST`: a consistent copy of the data folder, also while the server runs.
enum BackupCommand: Command {
    static let name = "backup"
    static let summary = "copy the data folder consistently (also while serving)"
    static let synopsis = "DEST [--data-dir D]"
    static let options = [DataDirectoryOption.spec]
    static let positionals = 1...1

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        let bytes = try Backup.copy(from: DataDirectoryOption.resolve(arguments), to: DataDirectory(arguments.positionals[0]))
        print("backed up \(bytes) bytes to \(arguments.positionals[0])")
        return 0
    }
}
