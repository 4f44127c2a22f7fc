import PosternStore

/// `postern backup DEST`: a consistent copy of the data folder, also while the server runs.
enum BackupCommand: Command {
    static let name = "backup"
    static let summary = "copy the data folder consistently (also while serving)"
    static let synopsis = "DEST [--data-dir D]"
    static let options = [DataDirectoryOption.spec]
    static let positionals = 1...1

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        let source = DataDirectoryOption.resolve(arguments)
        // A copy inside the folder it copies is no backup: it is lost with the folder, and writing it changes the
        // folder being backed up. Checked before anything is written; symlinks are resolved.
        guard !source.contains(arguments.positionals[0]) else {
            throw UsageError.runtime("\(arguments.positionals[0]) is inside the data folder \(source.root); back up to a folder outside it")
        }
        let bytes = try Backup.copy(from: source, to: DataDirectory(arguments.positionals[0]))
        print("backed up \(bytes) bytes to \(arguments.positionals[0])")
        return 0
    }
}
