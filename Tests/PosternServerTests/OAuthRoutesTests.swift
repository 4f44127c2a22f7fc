import Foundation
import PosternCore
import PosternStore
import PosternTestSupport
import Testing

/// The OAuth routes in process, over a real loopback socket: the wire shape of success and of every refusal, and
/// that a refusal changes nothing (API.md "Errors", RFC 6749 §5, RFC 7009, RFC 7662).
@Suite(.serialized) struct OAuthRoutesTests {
    @Test func clientCredentialsAnswersOnlyOnceItsAuditEventIsOnDisk() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let response = try server.post("/oauth/token", "grant_type=client_credentials&scope=read",
                                       authorization: ServerFixture.basic(server.machine))
        #expect(response.status == 200)
        #expect(response.header("Cache-Control") == "no-store")
        #expect(response.header("Pragma") == "no-cache")
        #expect(response.header("X-Request-Id") != nil)
        let body = server.json(response)
        #expect(body["token_type"] as? String == "Bearer" && body["scope"] as? String == "read")
        // The gate opened after the fsync that made the event durable, and the event reached its file before that.
        #expect(try server.auditTypes().last == "token.issued")
    }

    @Test func refusalsHaveTheRFC6749ShapeAndWriteNothing() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let before = try server.auditTypes()
        let basic = ServerFixture.basic(server.machine)
        let cases: [(body: String, authorization: String?, contentType: String, status: Int, error: String)] = [
            ("grant_type=client_credentials", ServerFixture.basic((server.machine.id, "wrong")), "application/x-www-form-urlencoded", 401, "invalid_client"),
            ("grant_type=client_credentials", nil, "application/x-www-form-urlencoded", 401, "invalid_client"),
            ("grant_type=client_credentials", "Basic !!!not-base64", "application/x-www-form-urlencoded", 401, "invalid_client"),
            ("grant_type=client_credentials&grant_type=client_credentials", basic, "application/x-www-form-urlencoded", 400, "invalid_request"),
            ("grant_type=urn:nope", basic, "application/x-www-form-urlencoded", 400, "unsupported_grant_type"),
            ("grant_type=password&username=a&password=b", basic, "application/x-www-form-urlencoded", 400, "unauthorized_client"),
            ("grant_type=client_credentials&scope=admin", basic, "application/x-www-form-urlencoded", 400, "invalid_scope"),
            ("scope=read", basic, "application/x-www-form-urlencoded", 400, "invalid_request"),
            ("grant_type=client_credentials&x=%zz", basic, "application/x-www-form-urlencoded", 400, "invalid_request"),
            (#"{"grant_type": 5.5}"#, basic, "application/json", 400, "invalid_request"),
            (#"{"grant_type":"client_credentials","grant_type":"x"}"#, basic, "application/json", 400, "invalid_request"),
            ("grant_type=client_credentials", basic, "text/plain", 415, "unsupported_media_type"),
        ]
        for c in cases {
            let response = try server.post("/oauth/token", c.body, authorization: c.authorization, contentType: c.contentType)
            #expect(response.status == c.status, "\(c.body)")
            #expect(server.json(response)["error"] as? String == c.error, "\(c.body)")
            // RFC 6749 §5.2: a client that tried the Authorization header gets 401 with WWW-Authenticate.
            if c.status == 401 {
                #expect((response.header("WWW-Authenticate")?.hasPrefix("Basic") == true) == (c.authorization != nil), "\(c.body)")
            }
        }
        #expect(try server.auditTypes() == before)
    }

    @Test func anOversizedBodyIsRefusedBeforeAnyHandlerRuns() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        try server.expectNothingChanges {
            for path in ["/oauth/token", "/oauth/introspect", "/oauth/revoke"] {
                // Only the head and the start of the body go out: the server answers from the declared length and
                // closes, so sending all 2 MiB would race its close (EPIPE) instead of testing the refusal.
                let client = try RawClient(port: server.port)
                try client.send("POST \(path) HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                + "Authorization: \(ServerFixture.basic(server.machine))\r\nContent-Length: \(2 << 20)\r\n\r\n"
                                + "grant_type=client_credentials&token=x&pad=aaaa")
                let response = try client.readResponse()
                #expect(response.status == 413, "\(path)")
                #expect(server.json(response)["error"] as? String == "payload_too_large", "\(path)")
            }
            // One byte over the limit, all of it sent, in chunks: the limit is on the body, however it is framed.
            let client = try RawClient(port: server.port)
            let chunk = String(repeating: "a", count: 64 * 1024 + 1)
            try client.send("POST /oauth/revoke HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n" + String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n0\r\n\r\n")
            #expect(try client.readResponse().status == 413)
        }
    }

    /// Workers run only password grants: a job the pool accepts must also be admitted by the hashing bound, or its
    /// 503 would wait for a (low-priority) worker instead of coming from the event loop at once.
    @Test func theWorkerPoolIsExactlyThePasswordHashingAdmission() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let pool = server.application.server.configuration, passwords = server.application.service.passwords
        #expect(pool.workerThreadCount == passwords.concurrency)
        #expect(pool.workerThreadCount * pool.workerQueueDepthPerThread == passwords.queueDepth)
        #expect(pool.workerNiceness > 0)
    }

    @Test func passwordThenRefreshRotationThenReuseKillsTheFamily() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let basic = ServerFixture.basic(server.app)
        // The password grant runs on the worker pool (scrypt); its answer still waits for the commit.
        let login = server.json(try server.post("/oauth/token", "grant_type=password&username=ada%40example.com&password=correct+horse+battery",
                                                authorization: basic))
        let first = try #require(login["refresh_token"] as? String)
        func refresh(_ token: String) throws -> RawClient.Response {
            try server.post("/oauth/token", "grant_type=refresh_token&refresh_token=\(token)", authorization: basic)
        }
        let second = try #require(server.json(try refresh(first))["refresh_token"] as? String)
        let third = try #require(server.json(try refresh(second))["refresh_token"] as? String)
        #expect(Set([first, second, third]).count == 3)
        // The immediate predecessor inside the grace window: the same successor again (a retried request).
        #expect(server.json(try refresh(second))["refresh_token"] as? String == third)
        // An older token is reuse: the answer is an error, sent once the family's revocation and the event are durable.
        let reuse = try refresh(first)
        #expect(reuse.status == 400 && server.json(reuse)["error"] as? String == "invalid_grant")
        #expect(try server.auditTypes().last == "token.reuse_detected")
        let afterwards = try refresh(third)
        #expect(afterwards.status == 400 && server.json(afterwards)["error"] as? String == "invalid_grant")
    }

    @Test func revocationAndIntrospectionRunInlineAndAgree() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let basic = ServerFixture.basic(server.machine)
        let token = try #require(server.json(try server.post("/oauth/token", "grant_type=client_credentials",
                                                             authorization: basic))["access_token"] as? String)
        #expect(server.json(try server.post("/oauth/introspect", "token=\(token)", authorization: basic))["active"] as? Bool == true)
        let revoked = try server.post("/oauth/revoke", "token=\(token)", authorization: basic)
        #expect(revoked.status == 200)
        #expect(try server.auditTypes().last == "token.revoked")
        #expect(server.json(try server.post("/oauth/introspect", "token=\(token)", authorization: basic))["active"] as? Bool == false)
        // RFC 7009 §2.2: an unknown token is answered 200 and changes nothing.
        let before = try server.auditTypes()
        #expect(try server.post("/oauth/revoke", "token=nonsense", authorization: basic).status == 200)
        #expect(try server.auditTypes() == before)
        // Both refuse an unauthenticated caller and a missing token.
        #expect(try server.post("/oauth/introspect", "token=\(token)").status == 401)
        #expect(try server.post("/oauth/revoke", "", authorization: basic).status == 400)
        // Malformed and hostile bodies get the API.md error shape and change nothing.
        let unchanged = try server.auditTypes()
        for path in ["/oauth/introspect", "/oauth/revoke"] {
            let badForm = try server.post(path, "token=%zz", authorization: basic)
            #expect(badForm.status == 400 && server.json(badForm)["error"] as? String == "invalid_request", "\(path)")
            let json = try server.post(path, #"{"token":"x"}"#, authorization: basic, contentType: "application/json")
            #expect(json.status == 415 && server.json(json)["error"] as? String == "unsupported_media_type", "\(path)")
            let twice = try server.post(path, "token=a&token=b", authorization: basic)
            #expect(twice.status == 400 && server.json(twice)["error"] as? String == "invalid_request", "\(path)")
        }
        #expect(try server.auditTypes() == unchanged)
    }

    /// API.md "Abuse protection": client-secret checks are throttled. The three endpoints share one budget, the refusal
    /// is 429 `rate_limited` with `Retry-After`, and it writes nothing.
    @Test func repeatedWrongClientSecretsAreRateLimitedAcrossEndpoints() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let before = try server.auditTypes()
        let wrong = ServerFixture.basic((server.machine.id, "wrong"))
        for path in ["/oauth/token", "/oauth/introspect", "/oauth/revoke", "/oauth/token", "/oauth/introspect"] {
            #expect(try server.post(path, "grant_type=client_credentials&token=x", authorization: wrong).status == 401, "\(path)")
        }
        for path in ["/oauth/token", "/oauth/introspect", "/oauth/revoke"] {
            let refused = try server.post(path, "grant_type=client_credentials&token=x", authorization: ServerFixture.basic(server.machine))
            #expect(refused.status == 429, "\(path)")
            #expect(server.json(refused)["error"] as? String == "rate_limited", "\(path)")
            #expect(refused.header("Retry-After") == "60", "\(path)")
        }
        #expect(try server.auditTypes() == before)
        // Another client from the same address is unaffected.
        let app = try server.post("/oauth/introspect", "token=x", authorization: ServerFixture.basic(server.app))
        #expect(app.status == 200)
    }

    /// API.md conventions: JSON input also accepts the camelCase spelling of a field (`refreshToken`); both spellings
    /// at once are the same parameter twice, refused as RFC 6749 §3.2 refuses repeats.
    @Test func jsonBodiesAcceptCamelCaseFieldNames() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let basic = ServerFixture.basic(server.app)
        let login = server.json(try server.post("/oauth/token", #"{"grantType":"password","username":"ada@example.com","password":"correct horse battery"}"#,
                                                authorization: basic, contentType: "application/json"))
        let token = try #require(login["refresh_token"] as? String)
        let rotated = try server.post("/oauth/token", #"{"grantType":"refresh_token","refreshToken":"\#(token)"}"#,
                                      authorization: basic, contentType: "application/json")
        #expect(rotated.status == 200 && server.json(rotated)["refresh_token"] is String)
        let before = try server.auditTypes()
        let twice = try server.post("/oauth/token", #"{"grant_type":"refresh_token","refreshToken":"a","refresh_token":"b"}"#,
                                    authorization: basic, contentType: "application/json")
        #expect(twice.status == 400 && server.json(twice)["error"] as? String == "invalid_request")
        #expect(server.json(twice)["field"] as? String == "refresh_token")
        #expect(try server.auditTypes() == before)
    }
}
