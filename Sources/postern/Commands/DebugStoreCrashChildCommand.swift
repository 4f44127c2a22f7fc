import Dispatch
import PosternCore
import PosternStore
#if canImport(Glibc)
import Glibc
#endif

/// Hidden: the child of the store crash test. Eight threads commit deny-list records (each with an
/// audit event) until killed, and print each record's id only after its commit returned.
enum DebugStoreCrashChildCommand: Command {
    static let name = "debug store-crash-child"
    static let summary = "commit in a loop from 8 threads, printing each acknowledged id (crash test)"
    static let synopsis = "--data-dir D --prefix P"
    static let options = [DataDirectoryOption.spec, OptionSpec.value("prefix"), OptionSpec.value("snapshot-every")]
    static let isHidden = true

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        var options = StoreOptions.warningOnStderr
        options.snapshotEveryFrames = Int(arguments.value("snapshot-every") ?? "") ?? 500
        let store = try FlatFileStore<AuthState>(directory: DataDirectoryOption.resolve(arguments), options: options)
        let prefix = arguments.value("prefix") ?? "r"
        Threads.run(8) { thread in
            var n = 0
            while true {
                let jti = "\(prefix)-\(thread)-\(n)"
                do {
                    try store.update { _ in
                        (Change(records: [.accessTokenDenied(jti: jti, expiresAt: 4_000_000_000)],
                                audit: [AuditRecord(type: "token.revoked", subject: jti)]), ())
                    }
                } catch {
                    CommandLineTool.fail("commit failed: \(error)")
                    exit(1)
                }
                let line = Array((jti + "\n").utf8)
                line.withUnsafeBytes { _ = write(1, $0.baseAddress, $0.count) }
                n += 1
            }
        }
        return 0
    }
}
