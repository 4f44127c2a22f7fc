import Foundation
import PosternCore
import PosternServer
import PosternStore
import PosternTestSupport
import Testing

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
        var headers = [("Content-Type", contentType)]
        if let authorization { headers.append(("Authorization", authorization)) }
        if let forwardedFor { headers.append(("X-Forwarded-For", forwardedFor)) }
        return try request("POST", path, headers: headers, body: Array(body.utf8))
    }

    /// One request on a new connection with exactly these header fields (none is added but `Host`, and
    /// `Content-Length` when there is a `body`), so a test can send what a hostile client would.
    func request(_ method: String, _ target: String, headers: [(String, String)] = [],
                 body: [UInt8]? = nil) throws -> RawClient.Response {
        let client = try RawClient(port: port)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: t\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        try client.send(Array((head + "\r\n").utf8) + (body ?? []))
        return try client.readResponse(head: method == "HEAD")
    }

    /// Everything the store holds now: a refused request must leave it equal.
    func state() -> AuthState { application.store.read { $0 } }

    /// Runs `requests` and expects the audit files and the store to be as they were before (API.md "Errors": a
    /// malformed request never changes stored state).
    func expectNothingChanges(sourceLocation: SourceLocation = #_sourceLocation, _ requests: () throws -> Void) throws {
        let (events, before) = (try auditEvents().count, state())
        try requests()
        #expect(try auditEvents().count == events, "audit events were written", sourceLocation: sourceLocation)
        #expect(state() == before, "the store changed", sourceLocation: sourceLocation)
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
