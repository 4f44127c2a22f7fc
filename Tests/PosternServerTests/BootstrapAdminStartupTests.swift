import Foundation
import PosternCore
import PosternServer
import Testing

/// `postern serve` start-up creates the configured bootstrap admin once (API.md "Configuration").
@Suite struct BootstrapAdminStartupTests {
    /// Starts and stops an application on `folder` with `environment`, returning what its store holds after.
    func start(_ folder: String, _ environment: [String: String]) throws -> AuthState {
        let config = try Config.load(environment: environment.merging(
            ["POSTERN_DATA_DIR": folder, "POSTERN_LISTEN": "127.0.0.1:0", "POSTERN_LOG_LEVEL": "warning"]) { a, _ in a })
        let application = try PosternApplication(config: config, issuer: nil, handlesSignals: false) { _ in }
        let state = DurableAuthStore(application.store).snapshot()
        let returned = DispatchSemaphore(value: 0)
        Thread {
            try? application.run()
            returned.signal()
        }.start()
        application.shutdown()
        #expect(returned.wait(timeout: .now() + 30) == .success)
        return state
    }

    @Test func theAdminIsCreatedOnTheFirstStartOnly() throws {
        let folder = NSTemporaryDirectory() + "postern-bootstrap-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let admin = ["POSTERN_BOOTSTRAP_ADMIN_EMAIL": "root@example.com", "POSTERN_BOOTSTRAP_ADMIN_PASSWORD": "correct horse battery"]
        let created = try start(folder, admin).user(email: "root@example.com")
        let user = try #require(created)
        #expect(user.roles == ["admin"])
        // A restart with the settings still there (even with another password) leaves the account as it is.
        let second = try start(folder, admin.merging(["POSTERN_BOOTSTRAP_ADMIN_PASSWORD": "another password"]) { _, b in b })
        let (kept, count) = (second.user(email: "root@example.com"), second.users.count)
        #expect(kept == user && count == 1)
        let audit = try String(contentsOfFile: folder + "/audit/" + FileManager.default.contentsOfDirectory(atPath: folder + "/audit").sorted().last!, encoding: .utf8)
        #expect(audit.components(separatedBy: "\"user.registered\"").count == 2)
        #expect(audit.contains("\"bootstrap\"") && !audit.contains("correct horse battery"))
    }
}
