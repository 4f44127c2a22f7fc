#if canImport(Glibc)
import Glibc
#endif
import PosternCore
import PosternStore

/// `postern restore SRC`: fills an empty data folder from a backup, then opens it once to recover and check it.
enum RestoreCommand: Command {
    static let name = "restore"
    static let summary = "restore a backup into an empty data folder"
    static let synopsis = "SRC [--data-dir D]"
    static let options = [DataDirectoryOption.spec]
    static let positionals = 1...1

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        let target = DataDirectoryOption.resolve(arguments)
        let (sealed, report) = try Backup.restore(from: DataDirectory(arguments.positionals[0]), to: target) {
            let store = try FlatFileStore<AuthState>(directory: target, options: StoreOptions.warningOnStderr)
            let sealed = store.read { !$0.sealedKeys.isEmpty }
            store.close()
            return (sealed, try AuditVerifier.verify(target))
        }
        print("restored into \(target.root): state recovered, ok \(report.events) audit events")
        // The backup of a folder whose key was configured outside it has no key file: say so now, not at the next start.
        if sealed && access(target.encryptionKeyFile, F_OK) != 0 {
            CommandLineTool.fail("warning: the signing keys are sealed with an encryption key that is not in this backup; "
                                 + "start the server with the one they were sealed with (POSTERN_ENCRYPTION_KEY or _FILE)")
        }
        return 0
    }
}
