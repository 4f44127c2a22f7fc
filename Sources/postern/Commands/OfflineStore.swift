import Foundation
import PosternCore
import PosternStore

/// The data folder's store for commands that change state with no server running (API.md "Command line").
enum OfflineStore {
    /// Opens the store, runs `body`, closes it. A running server holds LOCK: the error names its pid.
    static func with<T>(_ arguments: ParsedArguments, _ body: (DurableAuthStore<FlatFileStore<AuthState>>) throws -> T) throws -> T {
        try with(DataDirectoryOption.resolve(arguments), body)
    }

    /// The same for `directory`, for a command that takes the folder from its configuration (`--config`).
    static func with<T>(_ directory: DataDirectory, _ body: (DurableAuthStore<FlatFileStore<AuthState>>) throws -> T) throws -> T {
        let store = try open(directory)
        defer { store.close() }
        return try body(DurableAuthStore(store))
    }

    private static func open(_ directory: DataDirectory) throws -> FlatFileStore<AuthState> {
        // Result rather than do/catch: Swift 6.3 crashes (SIL ownership) on a rethrow from this typed-throws init.
        let opened = Result { () throws(StoreError) in try FlatFileStore<AuthState>(directory: directory, options: .warningOnStderr) }
        if case .failure(.locked(let pid, _)) = opened {
            throw UsageError.runtime("a server (pid \(pid.map(String.init) ?? "unknown")) holds this data folder; stop it or use the admin API")
        }
        return try opened.get()
    }

    /// The origin stamped on audit events the command line writes.
    static let origin = AuditOrigin(requestID: "cli", ip: "local")

    static var now: Int64 { Int64(Date().timeIntervalSince1970) }
}
