import Foundation
import PosternTestSupport
import Testing

/// `/healthz`, `/readyz`, `/metrics` and `/openapi.json` over a loopback server: what a hostile caller gets, and that it changes nothing.
@Suite(.serialized) struct OperationsRoutesTests {
    static let paths = ["/healthz", "/readyz", "/metrics", "/openapi.json"]

    @Test func everyOtherMethodIs405AndQueriesAndBodiesAreIgnored() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        try server.expectNothingChanges {
            for path in Self.paths {
                for method in ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "BREW"] {
                    let response = try server.request(method, path, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                                      body: Array("x=1".utf8))
                    #expect(response.status == 405 && response.header("Allow") == "GET, HEAD", "\(method) \(path)")
                    #expect(server.json(response)["error"] as? String == "method_not_allowed", "\(method) \(path)")
                }
                for target in [path + "?%zz=%", path + "?x=" + String(repeating: "a", count: 7_000)] {
                    let response = try server.request("GET", target, body: Array("ignored".utf8))
                    #expect(response.status == 200, "\(target.prefix(60))")
                    #expect(response.header("Cache-Control") == "no-store", "\(target.prefix(60))")
                }
                let head = try server.request("HEAD", path)
                #expect(head.status == 200 && head.body.isEmpty, "HEAD \(path)")
            }
        }
        #expect(server.json(try server.request("GET", "/healthz"))["status"] as? String == "ok")
        #expect(server.json(try server.request("GET", "/readyz"))["status"] as? String == "ready")
    }

    /// `/metrics` names route patterns and a bounded set of methods, never what a client sent: hostile paths,
    /// queries and methods leave no trace in it.
    @Test func metricsNeverEchoWhatAClientSent() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        for target in ["/nope-\(UUID().uuidString)", "/healthz?canary=1", "/.well-known/jwks.json/canary"] {
            _ = try server.request("GET", target)
        }
        _ = try server.request("CANARY", "/metrics")
        _ = try server.post("/oauth/token?canary=1", "grant_type=canary")
        let metrics = try server.request("GET", "/metrics")
        #expect(metrics.status == 200 && metrics.header("Content-Type") == "text/plain; version=0.0.4")
        #expect(!metrics.bodyText.lowercased().contains("canary") && !metrics.bodyText.contains("/nope"))
        #expect(metrics.bodyText.contains(#"route="/oauth/token""#))
    }
}
