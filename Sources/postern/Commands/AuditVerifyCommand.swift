import PosternStore

/// `postern audit verify`: checks the audit log's hash chain; read-only, safe while the server runs.
enum AuditVerifyCommand: Command {
    static let name = "audit verify"
    static let summary = "check the audit log's hash chain (ok N events, or the first bad file:line)"
    static let synopsis = "[--data-dir D]"
    static let options = [DataDirectoryOption.spec]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        let directory = DataDirectoryOption.resolve(arguments)
        do {
            let report = try AuditVerifier.verify(directory)
            print("ok \(report.events) events")
            return 0
        } catch {
            CommandLineTool.fail("audit verify: \(error)")
            return 1
        }
    }
}
