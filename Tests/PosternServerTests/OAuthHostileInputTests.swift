import Foundation
import PosternCore
import PosternJOSE
import PosternTestSupport
import Testing

/// Malformed, missing, oversized and hostile input to `/oauth/token`, `/oauth/introspect` and `/oauth/revoke` over a
/// real loopback socket: each gets a clear API.md error (never a 500), and none writes an audit event or changes the
/// store (API.md "Errors").
@Suite(.serialized) struct OAuthHostileInputTests {
    /// Each endpoint with a body that gets past decoding, and the parameter named when the body has none.
    static let endpoints: [(path: String, valid: String, required: String)] = [
        ("/oauth/token", "grant_type=client_credentials", "grant_type"),
        ("/oauth/introspect", "token=x", "token"),
        ("/oauth/revoke", "token=x", "token"),
    ]

    static let form = ("Content-Type", "application/x-www-form-urlencoded")

    /// Expects the API.md error shape with this status and code (and field, when one is named).
    static func expectError(_ response: RawClient.Response, _ status: Int, _ error: String, field: String? = nil,
                            _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, comment, sourceLocation: sourceLocation)
        let body = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        #expect(body["error"] as? String == error, comment, sourceLocation: sourceLocation)
        #expect(body["error_description"] is String, comment, sourceLocation: sourceLocation)
        if let field { #expect(body["field"] as? String == field, comment, sourceLocation: sourceLocation) }
    }

    @Test func everyOtherMethodIs405NamingPost() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let basic = ("Authorization", ServerFixture.basic(server.machine))
        try server.expectNothingChanges {
            for (path, valid, _) in Self.endpoints {
                for method in ["GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS", "BREW"] {
                    // Parameters in the query of a GET are not a token request either (RFC 6749 §3.2: POST).
                    let response = try server.request(method, path + "?" + valid, headers: [basic])
                    #expect(response.status == 405, "\(method) \(path)")
                    #expect(response.header("Allow") == "POST", "\(method) \(path)")
                    if method != "HEAD" { Self.expectError(response, 405, "method_not_allowed", "\(method) \(path)") }
                }
            }
        }
    }

    @Test func bodiesThatAreNotOneWellFormedFormAreRefused() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let basic = ("Authorization", ServerFixture.basic(server.machine))
        try server.expectNothingChanges {
            for (path, valid, required) in Self.endpoints {
                let missing: [(headers: [(String, String)], body: [UInt8]?)] = [
                    ([basic], nil), ([basic, Self.form], []), ([basic, ("Content-Type", "text/plain")], []),
                ]
                for (i, c) in missing.enumerated() {
                    let response = try server.request("POST", path, headers: c.headers, body: c.body)
                    Self.expectError(response, 400, "invalid_request", field: required, "\(path) missing body #\(i)")
                }
                for type in [nil, "text/plain", "multipart/form-data; boundary=b", "application/x-www-form-urlencodedx"] {
                    let headers = [basic] + (type.map { [("Content-Type", $0)] } ?? [])
                    let response = try server.request("POST", path, headers: headers, body: Array(valid.utf8))
                    Self.expectError(response, 415, "unsupported_media_type", "\(path) \(type ?? "no type")")
                }
                // Bad escapes, invalid UTF-8 (raw, escaped, an encoded surrogate), NUL (raw, escaped), and a name sent
                // twice even when one of the two is empty (RFC 6749 §3.2: "MUST NOT be included more than once").
                let malformed: [[UInt8]] = ["&x=%", "&x=%4", "&x=%C3", "&%zz=1", "&x=%ED%A0%80", "&x=%00", "&x=%FF"]
                    .map { Array((valid + $0).utf8) }
                    + [Array((valid + "&x=").utf8) + [0xFF], Array((valid + "&x=").utf8) + [0x00]]
                for body in malformed {
                    let response = try server.request("POST", path, headers: [basic, Self.form], body: body)
                    Self.expectError(response, 400, "invalid_request", "\(path) \(body)")
                }
                for body in [required + "=&" + valid, valid + "&" + required + "="] {
                    let response = try server.request("POST", path, headers: [basic, Self.form], body: Array(body.utf8))
                    Self.expectError(response, 400, "invalid_request", field: required, "\(path) \(body)")
                }
            }
        }
    }

    /// API.md: `/oauth/token` also takes a JSON object; anything else in JSON is `invalid_request`.
    @Test func jsonThatIsNotAnObjectOfStringsIsRefused() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let basic = ServerFixture.basic(server.machine)
        // Each beside a grant that would succeed, so that only the refusal of the bad part keeps the request from it.
        let grant = #"{"grant_type":"client_credentials""#
        let bodies = [
            "", " ", "null", "\"grant_type\"", #"["grant_type","client_credentials"]"#, grant + "} {}", grant + ",}", grant,
            "\u{FEFF}" + grant + "}", grant + #","a":"# + String(repeating: "[", count: 20_000),
        ] + [#"null"#, #"["read"]"#, #"{"a":"b"}"#, "true", "1.5", "1e999", #""\ud800""#, #""read\u0000""#].map {
            grant + #","scope":"# + $0 + "}"
        }
        try server.expectNothingChanges {
            for body in bodies {
                let response = try server.post("/oauth/token", body, authorization: basic, contentType: "application/json")
                Self.expectError(response, 400, "invalid_request", "\(body.prefix(60))")
            }
            let invalidUTF8 = Array(#"{"grant_type":"client_credentials","scope":""#.utf8) + [0xFF, 0x22, 0x7D]
            let response = try server.request("POST", "/oauth/token", headers: [("Authorization", basic), ("Content-Type", "application/json")],
                                              body: invalidUTF8)
            Self.expectError(response, 400, "invalid_request", "invalid UTF-8")
        }
    }

    /// Values up to the body limit are read and refused by what they say, not by a crash or a 500.
    @Test func veryLongValuesGetTheErrorOfWhatTheySay() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let basic = ServerFixture.basic(server.machine), long = String(repeating: "a", count: 60_000)
        try server.expectNothingChanges {
            Self.expectError(try server.post("/oauth/token", "grant_type=" + long, authorization: basic), 400, "unsupported_grant_type", "grant_type")
            Self.expectError(try server.post("/oauth/token", "grant_type=client_credentials&scope=" + long, authorization: basic),
                             400, "invalid_scope", "scope")
            Self.expectError(try server.post("/oauth/token", "grant_type=client_credentials&client_id=\(long)&client_secret=x"),
                             401, "invalid_client", "client_id")
            Self.expectError(try server.post("/oauth/token", "grant_type=client_credentials", authorization: ServerFixture.basic((String(long.prefix(10_000)), "x"))),
                             401, "invalid_client", "Basic id")
        }
    }

    /// RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request"; an Authorization
    /// header that is not usable Basic credentials authenticates nobody.
    @Test func authorizationHeaderGarbageAuthenticatesNobody() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let basic = ServerFixture.basic(server.machine)
        let posted = "&client_id=\(server.machine.id)&client_secret=\(server.machine.secret)"
        try server.expectNothingChanges {
            for (path, valid, _) in Self.endpoints {
                for header in ["Basic !!!not-base64", "Basic " + Data(server.machine.id.utf8).base64EncodedString(),
                               "Basic " + Data(":\(server.machine.secret)".utf8).base64EncodedString(),
                               "Bearer " + basic.dropFirst(6), "Digest username=\"\(server.machine.id)\""] {
                    let response = try server.post(path, valid, authorization: header)
                    Self.expectError(response, 401, "invalid_client", "\(path) \(header)")
                    // RFC 6749 §5.2: the challenge matches the scheme the client tried; only Basic is one of ours.
                    #expect((response.header("WWW-Authenticate") == "Basic realm=\"postern\"") == header.hasPrefix("Basic"),
                            "\(path) \(header)")
                }
                let both = try server.post(path, valid + posted, authorization: basic)
                Self.expectError(both, 400, "invalid_request", field: "client_secret", "\(path) Basic and client_secret_post")
                // RFC 9110 §5.3: Authorization is not a list; two fields are two authentications, whichever comes first.
                for second in [basic, ServerFixture.basic(server.app), "Bearer x"] {
                    let twice = try server.request("POST", path, headers: [Self.form, ("Authorization", basic), ("Authorization", second)],
                                                   body: Array(valid.utf8))
                    Self.expectError(twice, 400, "invalid_request", "\(path) two Authorization fields, \(second.prefix(6))")
                }
                let huge = try server.post(path, valid, authorization: "Basic " + String(repeating: "A", count: 20_000))
                Self.expectError(huge, 431, "invalid_request", "\(path) huge Authorization")
            }
        }
    }

    /// RFC 6749 §3.2 lets the endpoint URI carry a query, and the parameters are the body's: credentials, a grant or a
    /// token in the query are never read (they would end up in logs and proxies).
    @Test func parametersInTheQueryOfAPostAreNotRead() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let basic = ServerFixture.basic(server.machine)
        let live = try #require(server.json(try server.post("/oauth/token", "grant_type=client_credentials", authorization: basic))["access_token"] as? String)
        try server.expectNothingChanges {
            let credentials = "client_id=\(server.machine.id)&client_secret=\(server.machine.secret)"
            Self.expectError(try server.post("/oauth/token?" + credentials, "grant_type=client_credentials"), 401, "invalid_client", "credentials")
            Self.expectError(try server.post("/oauth/token?grant_type=client_credentials", "", authorization: basic),
                             400, "invalid_request", field: "grant_type", "grant_type")
            for path in ["/oauth/introspect", "/oauth/revoke"] {
                Self.expectError(try server.post(path + "?token=" + live, "", authorization: basic), 400, "invalid_request", field: "token", "\(path)")
            }
            // A malformed query is not the body's business either.
            #expect(try server.post("/oauth/introspect?%zz=%", "token=x", authorization: basic).status == 200)
        }
        #expect(server.json(try server.post("/oauth/introspect", "token=" + live, authorization: basic))["active"] as? Bool == true)
        #expect(try server.post("/oauth/token?x=%zz", "grant_type=client_credentials", authorization: basic).status == 200)
    }

    /// RFC 7662 §2.2 and RFC 7009 §2.2: anything that is not a live token of ours is `{"active":false}` and a 200 that
    /// revokes nothing: garbage, a cut or re-signed copy of a live token, `alg: none`, another `typ` under our own key.
    @Test func tokensThatAreNotLiveAccessTokensAreInactiveAndRevokeNothing() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let basic = ServerFixture.basic(server.machine)
        func issue() throws -> String {
            try #require(server.json(try server.post("/oauth/token", "grant_type=client_credentials", authorization: basic))["access_token"] as? String)
        }
        let live = try issue(), other = try issue()
        let parts = live.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let claims = try JWTClaims(members: try #require(JSONValue(parsing: Base64URL.decode(parts[1])).objectValue))
        // The same claims under the same key, but `typ: JWT` (an ID token's), so only the typ check can refuse it.
        let wrongType = try #require(server.application.service.keys.published.idTokenSigner).sign(claims)
        let none = Base64URL.encode(Array(#"{"alg":"none","typ":"at+jwt"}"#.utf8)) + "." + parts[1] + "."
        let tokens = [
            "garbage", "..", ".\(parts[1]).", String(live.dropLast(4)), parts[0] + "." + parts[1], parts[0] + "." + parts[1] + ".",
            none, wrongType, parts[0] + "." + parts[1] + "." + other.split(separator: ".")[2], live + ".x", live + "=",
            "+" + live, "rt_" + String(repeating: "A", count: 43), "rt_", String(repeating: "a", count: 60_000),
        ]
        try server.expectNothingChanges {
            for token in tokens {
                let introspected = try server.post("/oauth/introspect", "token=" + token, authorization: basic)
                #expect(introspected.status == 200 && introspected.bodyText == #"{"active":false}"#, "\(token.prefix(80))")
                let revoked = try server.post("/oauth/revoke", "token=" + token, authorization: basic)
                #expect(revoked.status == 200 && revoked.body.isEmpty, "\(token.prefix(80))")
            }
        }
        #expect(server.json(try server.post("/oauth/introspect", "token=" + live, authorization: basic))["active"] as? Bool == true)
    }
}
