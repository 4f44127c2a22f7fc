import Foundation
import PosternCore
import PosternServer
import PosternStore
import Synchronization
import Testing

/// What `postern serve` does as it starts: the bootstrap admin (API.md "Configuration"), the issuer it derives when
/// none is configured, and the audit retention (API.md "Audit log").
@Suite struct ApplicationStartupTests {
    /// What one start of an application on `folder` showed: the store's state, the issuer, its port and its warnings.
    struct Start {
        let state: AuthState
        let issuer: String
        let port: UInt16
        let warnings: [String]
    }

    /// Starts and stops an application on `folder` with `environment` (127.0.0.1:0 unless it says otherwise).
    func start(_ folder: String, _ environment: [String: String]) throws -> Start {
        let config = try Config.load(environment: environment.merging(
            ["POSTERN_DATA_DIR": folder, "POSTERN_LISTEN": "127.0.0.1:0", "POSTERN_LOG_LEVEL": "warning"]) { a, _ in a })
        let warnings = Mutex<[String]>([])
        let application = try PosternApplication(config: config, handlesSignals: false) { w in warnings.withLock { $0.append(w) } }
        let state = DurableAuthStore(application.store).snapshot()
        let returned = DispatchSemaphore(value: 0)
        Thread {
            try? application.run()
            returned.signal()
        }.start()
        application.shutdown()
        #expect(returned.wait(timeout: .now() + 30) == .success)
        return Start(state: state, issuer: application.issuer, port: application.port, warnings: warnings.withLock { $0 })
    }

    func withFolder<T>(_ body: (String) throws -> T) rethrows -> T {
        let folder = NSTemporaryDirectory() + "postern-startup-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try body(folder)
    }

    @Test func theBootstrapAdminIsCreatedOnTheFirstStartOnly() throws {
        try withFolder { folder in
            let admin = ["POSTERN_BOOTSTRAP_ADMIN_EMAIL": "root@example.com", "POSTERN_BOOTSTRAP_ADMIN_PASSWORD": "correct horse battery"]
            let created = try start(folder, admin).state.user(email: "root@example.com")
            let user = try #require(created)
            #expect(user.roles == ["admin"])
            // A restart with the settings still there (even with another password) leaves the account as it is.
            let second = try start(folder, admin.merging(["POSTERN_BOOTSTRAP_ADMIN_PASSWORD": "another password"]) { _, b in b }).state
            let (kept, count) = (second.user(email: "root@example.com"), second.users.count)
            #expect(kept == user && count == 1)
            let days = try FileManager.default.contentsOfDirectory(atPath: folder + "/audit").sorted()
            let audit = try String(contentsOfFile: folder + "/audit/" + days.last!, encoding: .utf8)
            #expect(audit.components(separatedBy: "\"user.registered\"").count == 2)
            #expect(audit.contains("\"bootstrap\"") && !audit.contains("correct horse battery"))
        }
    }

    /// API.md "Configuration": without POSTERN_ISSUER the issuer is `http://127.0.0.1:8080` for the default listen
    /// address; a wildcard listener gets the loopback address with the real port, never `http://0.0.0.0:…`, and the
    /// warning names the issuer in use.
    @Test func withoutAConfiguredIssuerAWildcardListenerGetsTheLoopbackIssuer() throws {
        try withFolder { folder in
            let wildcard = try start(folder, ["POSTERN_LISTEN": "0.0.0.0:0"])
            #expect(wildcard.issuer == "http://127.0.0.1:\(wildcard.port)")
            let issuerWarnings = wildcard.warnings.filter { $0.hasPrefix("POSTERN_ISSUER") }
            #expect(issuerWarnings.count == 1 && issuerWarnings.allSatisfy { $0.contains("http://127.0.0.1:\(wildcard.port):") })
            let loopback = try start(folder, [:])
            #expect(loopback.issuer == "http://127.0.0.1:\(loopback.port)" && loopback.warnings.isEmpty)
            let given = try start(folder, ["POSTERN_LISTEN": "0.0.0.0:0", "POSTERN_ISSUER": "https://id.example"])
            #expect(given.issuer == "https://id.example" && !given.warnings.contains { $0.hasPrefix("POSTERN_ISSUER") })
        }
    }

    func auditDays(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder + "/audit").filter { $0.hasSuffix(".jsonl") }.sorted()
    }

    /// API.md "Audit log": files older than POSTERN_AUDIT_RETENTION_DAYS (default 365) are removed, and the removal
    /// itself is an event, so the chain still verifies.
    @Test func auditFilesPastTheRetentionAreRemovedAtStartUpWithAnEvent() throws {
        try withFolder { folder in
            // Two days of events, over a year old.
            let clock = Mutex<Int64>(Int64(Date().timeIntervalSince1970) - 400 * 86_400)
            var options = StoreOptions()
            options.now = { clock.withLock { $0 } }
            let old = try FlatFileStore<AuthState>(directory: DataDirectory(folder), options: options)
            for day in 0..<2 {
                try DurableAuthStore(old).update(AuditOrigin(requestID: "", ip: "")) { _ in
                    ([.accessTokenDenied(jti: "j\(day)", expiresAt: 0)], [AuditEntry(type: "token.revoked")], ())
                }
                clock.withLock { $0 += 86_400 }
            }
            old.close()
            let oldDays = try auditDays(folder)
            #expect(oldDays.count == 2)
            _ = try start(folder, [:])
            #expect(try !auditDays(folder).contains(oldDays[0]))
            let text = try auditDays(folder).map { try String(contentsOfFile: folder + "/audit/" + $0, encoding: .utf8) }.joined()
            let retention = text.split(separator: "\n").filter { $0.contains("\"audit.retention\"") }
            #expect(retention.count == 1 && retention.allSatisfy { $0.contains(String(oldDays[0].prefix(10))) })
            #expect(throws: Never.self) { try AuditVerifier.verify(DataDirectory(folder)) }
        }
    }
}
