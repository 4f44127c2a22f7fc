import Foundation
import PosternCore
import PosternServer
import PosternStore
import PosternTestSupport

/// A real `PosternApplication` on 127.0.0.1 and a fresh data folder, run on its own thread, with one confidential
/// client of each kind registered through the store; `stop()` drains it and removes the folder.
final class ServerFixture: @unchecked Sendable {
    // @unchecked Sendable: the fixture's stored properties are set once in init and only read afterwards.
    let application: PosternApplication
    let folder: String
    /// `client_credentials` with scope "read write".
    let machine: (id: String, secret: String)
    /// `password` + `refresh_token` with scope "openid".
    let app: (id: String, secret: String)
    private let returned = DispatchSemaphore(value: 0)

    /// `environment` adds settings (`POSTERN_…`) to the fixture's own.
    init(environment: [String: String] = [:]) throws {
        folder = NSTemporaryDirectory() + "postern-server-" + UUID().uuidString
        let base = ["POSTERN_DATA_DIR": folder, "POSTERN_LISTEN": "127.0.0.1:0", "POSTERN_LOG_LEVEL": "warning"]
        let config = try Config.load(environment: base.merging(environment) { _, added in added })
        application = try PosternApplication(config: config, handlesSignals: false) { _ in }
        let store = DurableAuthStore(application.store)
        let m = try ClientRegistration(name: "m2m", grantTypes: [.clientCredentials], scope: "read write").register(now: 0)
        let a = try ClientRegistration(name: "app", grantTypes: [.password, .refreshToken], scope: "openid").register(now: 0)
        let user = try UserRegistration(email: "ada@example.com", password: "correct horse battery").user(
            in: store.snapshot(), passwords: application.service.passwords, now: 0)
        try store.update(AuditOrigin(requestID: "", ip: "")) { _ in
            ([.clientRegistered(m.client), .clientRegistered(a.client), .userCreated(user)], [], ())
        }
        machine = (m.client.id, m.secret!)
        app = (a.client.id, a.secret!)
        let application = application, returned = returned
        Thread {
            try? application.run()
            returned.signal()
        }.start()
    }

    var port: UInt16 { application.port }

    func stop() -> Bool {
        application.shutdown()
        let stopped = returned.wait(timeout: .now() + 30) == .success
        try? FileManager.default.removeItem(atPath: folder)
        return stopped
    }

    static func basic(_ credentials: (id: String, secret: String)) -> String {
        "Basic " + Data("\(credentials.id):\(credentials.secret)".utf8).base64EncodedString()
    }

    /// One request on a new connection; `body` is sent as a form unless `contentType` says otherwise.
    func post(_ path: String, _ body: String, authorization: String? = nil,
              contentType: String = "application/x-www-form-urlencoded", forwardedFor: String? = nil) throws -> RawClient.Response {
        let client = try RawClient(port: port)
        var head = "POST \(path) HTTP/1.1\r\nHost: t\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\n"
        if let authorization { head += "Authorization: \(authorization)\r\n" }
        if let forwardedFor { head += "X-Forwarded-For: \(forwardedFor)\r\n" }
        try client.send(head + "\r\n" + body)
        return try client.readResponse()
    }

    func json(_ response: RawClient.Response) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    /// The types of the audit events in the files, oldest first.
    func auditTypes() throws -> [String] {
        try auditEvents().map { $0["type"] as? String ?? "?" }
    }

    /// The audit events in the files, oldest first.
    func auditEvents() throws -> [[String: Any]] {
        try AuditTail.lastLines(10_000, in: DataDirectory(folder)).map { line in
            (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] ?? [:]
        }
    }
}
