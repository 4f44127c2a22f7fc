import Foundation
import Testing
@testable import PosternCore

@Suite struct PosternErrorTests {
    /// API.md "Errors", row by row, written out independently of `Code.status`; the authorize codes
    /// (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6) are client errors when rendered as a page.
    static let table: [String: Int] = [
        "invalid_request": 400, "invalid_grant": 400, "unsupported_grant_type": 400, "invalid_scope": 400,
        "unauthorized_client": 400, "invalid_client": 401, "invalid_credentials": 401, "invalid_token": 401,
        "token_expired": 401, "token_revoked": 401, "insufficient_scope": 403, "account_disabled": 403,
        "email_not_verified": 403, "not_found": 404, "method_not_allowed": 405, "email_taken": 409,
        "username_taken": 409, "payload_too_large": 413, "unsupported_media_type": 415, "rate_limited": 429,
        "overloaded": 503, "server_error": 500, "unsupported_response_type": 400, "request_not_supported": 400,
        "request_uri_not_supported": 400, "login_required": 400, "consent_required": 400, "access_denied": 403, "invalid_target": 400,
    ]

    @Test func everyCodeIsInTheTableWithItsStatus() {
        #expect(Set(PosternError.Code.allCases.map(\.rawValue)) == Set(Self.table.keys))
        for code in PosternError.Code.allCases {
            #expect(code.status == Self.table[code.rawValue], "\(code.rawValue)")
            #expect(PosternError(code).status == code.status)
        }
    }

    static func decode(_ error: PosternError) throws -> [String: String] {
        try #require(JSONSerialization.jsonObject(with: Data(error.jsonBody)) as? [String: String])
    }

    @Test(arguments: PosternError.Code.allCases) func bodyHasTheShapeAndNeverTheDebugText(_ code: PosternError.Code) throws {
        let secret = "user usr_42 has hash $scrypt$ln=15 and token rt_SECRET"
        let error = PosternError(code, debug: secret, underlying: CocoaError(.fileReadNoSuchFile))
        let object = try Self.decode(error)
        #expect(object == ["error": code.rawValue, "error_description": code.defaultDescription])
        let body = String(decoding: error.jsonBody, as: UTF8.self)
        #expect(!body.contains("usr_42") && !body.contains("scrypt") && !body.contains("rt_SECRET"))
        #expect(!error.headerFields.contains { $0.value.contains("SECRET") })
        // The log line does carry it.
        #expect(error.description.contains(secret))
    }

    @Test func serverErrorNeverCarriesACustomDescription() throws {
        let error = PosternError(.serverError, description: "SQL error at /var/lib/x: disk full")
        #expect(try Self.decode(error)["error_description"] == "Internal server error")
        #expect(PosternError.serverError(debug: "disk full").publicDescription == "Internal server error")
    }

    @Test func fieldIsAddedForInvalidRequest() throws {
        let error = PosternError.invalidRequest("email is not an email address", field: "email")
        #expect(try Self.decode(error) == ["error": "invalid_request", "error_description": "email is not an email address",
                                           "field": "email"])
        #expect(String(decoding: error.jsonBody, as: UTF8.self)
                == #"{"error":"invalid_request","error_description":"email is not an email address","field":"email"}"#)
    }

    @Test(arguments: ["quote \" backslash \\ slash /", "line\nbreak\r\ttab", "nul \u{0} bell \u{7} del \u{7F}",
                      "unicode é ✓ 🙂 \u{2028}", "</script><script>alert(1)</script>", ""])
    func hostileTextIsEscaped(_ text: String) throws {
        let error = PosternError.invalidRequest(text, field: text)
        let object = try Self.decode(error)
        #expect(object["error_description"] == text && object["field"] == text)
        let body = String(decoding: error.jsonBody, as: UTF8.self)
        // One line, no raw control characters.
        #expect(!body.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" })
    }

    static func header(_ error: PosternError, _ name: String) -> String? {
        let values = error.headerFields.filter { $0.name == name }.map(\.value)
        return values.count == 1 ? values[0] : nil
    }

    @Test func headers() {
        #expect(Self.header(.invalidClient(basicAttempted: true), "WWW-Authenticate") == #"Basic realm="postern""#)
        #expect(PosternError.invalidClient(basicAttempted: false).headerFields.isEmpty)
        #expect(Self.header(PosternError(.tokenExpired), "WWW-Authenticate")
                == #"Bearer realm="postern", error="invalid_token", error_description="The access token has expired""#)
        #expect(Self.header(PosternError(.tokenRevoked), "WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)
        #expect(Self.header(.insufficientScope(required: "admin openid"), "WWW-Authenticate")
                == #"Bearer realm="postern", error="insufficient_scope", scope="admin openid""#)
        #expect(Self.header(.methodNotAllowed(allowed: ["GET", "HEAD"]), "Allow") == "GET, HEAD")
        #expect(Self.header(.rateLimited(retryAfter: 17), "Retry-After") == "17")
        #expect(Self.header(.overloaded(retryAfter: 0), "Retry-After") == "1")
        #expect(Self.header(PosternError(.rateLimited), "Retry-After") == "1")
        #expect(PosternError(.notFound).headerFields.isEmpty)
        #expect(PosternError(.invalidCredentials).headerFields.isEmpty)
    }

    @Test func challengeStaysOneQuotedString() throws {
        let error = PosternError(.invalidToken, description: "bad \"token\" \\ é\r\nX-Injected: 1")
        let value = try #require(Self.header(error, "WWW-Authenticate"))
        #expect(value == #"Bearer realm="postern", error="invalid_token", error_description="bad  token       X-Injected: 1""#)
        // The body still carries the exact text, JSON-escaped.
        #expect(try Self.decode(error)["error_description"] == "bad \"token\" \\ é\r\nX-Injected: 1")
    }
}
