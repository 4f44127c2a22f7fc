import Foundation
import PosternTestSupport
import Testing

/// The discovery documents and the JWKS over a loopback server: conditional GETs (RFC 9110 §13.1.2) and hostile
/// requests, none of which changes anything.
@Suite(.serialized) struct DiscoveryRoutesTests {
    static let paths = ["/.well-known/openid-configuration", "/.well-known/oauth-authorization-server", "/.well-known/jwks.json"]

    /// RFC 9110 §13.1.2: If-None-Match compares weakly, takes a list, and `*` matches any current representation;
    /// the 304 carries the ETag and Cache-Control a 200 would (§15.4.5) and no body.
    @Test func jwksAnswers304ToEveryFormThatMatchesAndTheBodyToEveryOther() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let path = "/.well-known/jwks.json"
        let full = try server.request("GET", path)
        let etag = try #require(full.header("ETag"))
        #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count > 2)
        try server.expectNothingChanges {
            for header in [etag, "W/" + etag, "\"other\", " + etag, "\"other\",W/" + etag + " ", "*"] {
                for method in ["GET", "HEAD"] {
                    let response = try server.request(method, path, headers: [("If-None-Match", header)])
                    #expect(response.status == 304 && response.body.isEmpty, "\(method) \(header)")
                    #expect(response.header("ETag") == etag, "\(method) \(header)")
                    #expect(response.header("Cache-Control") == "public, max-age=300", "\(method) \(header)")
                }
            }
            // Another tag, the tag unquoted, a lower-case weak prefix (§8.8.3: "W/" is case-sensitive), two tags run
            // together, an empty field.
            for header in ["\"other\"", String(etag.dropFirst().dropLast()), "w/" + etag, etag + etag, "", "W/*"] {
                let response = try server.request("GET", path, headers: [("If-None-Match", header)])
                #expect(response.status == 200 && response.body == full.body, "\(header)")
                #expect(response.header("ETag") == etag, "\(header)")
            }
        }
    }

    @Test func everyOtherMethodIs405AndQueriesAndBodiesAreIgnored() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        try server.expectNothingChanges {
            for path in Self.paths {
                let plain = try server.request("GET", path)
                #expect(plain.status == 200 && plain.header("Cache-Control") == "public, max-age=300", "\(path)")
                for method in ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "BREW"] {
                    let response = try server.request(method, path, headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
                    #expect(response.status == 405 && response.header("Allow") == "GET, HEAD", "\(method) \(path)")
                    #expect(server.json(response)["error"] as? String == "method_not_allowed", "\(method) \(path)")
                }
                // A malformed or long query, and a body on a GET, change nothing in what is served.
                for target in [path + "?%zz=%", path + "?x=" + String(repeating: "a", count: 7_000), path + "?"] {
                    let response = try server.request("GET", target, body: Array("ignored".utf8))
                    #expect(response.status == 200 && response.body == plain.body, "\(target.prefix(60))")
                }
            }
        }
    }
}
