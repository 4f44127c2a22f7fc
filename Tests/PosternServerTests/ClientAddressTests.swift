import Foundation
import PosternTestSupport
import Testing

/// API.md "Configuration", `POSTERN_TRUSTED_PROXIES`, end to end: behind a trusted proxy the forwarded client is the
/// address the audit log names and the throttles count; from any other peer `X-Forwarded-For` changes nothing.
@Suite(.serialized) struct ClientAddressTests {
    private static let trustLoopback = ["POSTERN_TRUSTED_PROXIES": "127.0.0.0/8"]

    @Test func behindATrustedProxyTheAuditNamesTheForwardedClient() throws {
        let server = try ServerFixture(environment: Self.trustLoopback)
        defer { #expect(server.stop()) }
        let response = try server.post("/oauth/token", "grant_type=client_credentials",
                                       authorization: ServerFixture.basic(server.machine), forwardedFor: "6.6.6.6, 198.51.100.1")
        #expect(response.status == 200)
        let event = try server.auditEvents().last
        #expect(event?["type"] as? String == "token.issued")
        #expect(event?["ip"] as? String == "198.51.100.1")
    }

    @Test(arguments: [nil, "10.0.0.0/8"])
    func fromAnUntrustedPeerTheHeaderIsIgnored(trusted: String?) throws {
        let server = try ServerFixture(environment: trusted.map { ["POSTERN_TRUSTED_PROXIES": $0] } ?? [:])
        defer { #expect(server.stop()) }
        let response = try server.post("/oauth/token", "grant_type=client_credentials",
                                       authorization: ServerFixture.basic(server.machine), forwardedFor: "198.51.100.1")
        #expect(response.status == 200)
        #expect(try server.auditEvents().last?["ip"] as? String == "127.0.0.1")
    }

    /// What the setting is for: clients behind one proxy share its address, and one attacker's wrong secrets
    /// (throttled per client and address, API.md "Abuse protection") must not lock out the client everywhere.
    @Test func wrongSecretsFromOneForwardedClientLeaveAnotherServed() throws {
        let server = try ServerFixture(environment: Self.trustLoopback)
        defer { #expect(server.stop()) }
        let wrong = ServerFixture.basic((server.machine.id, "wrong"))
        let right = ServerFixture.basic(server.machine)
        for _ in 0..<5 {
            let refused = try server.post("/oauth/token", "grant_type=client_credentials", authorization: wrong,
                                          forwardedFor: "203.0.113.66")
            #expect(refused.status == 401)
        }
        let attacker = try server.post("/oauth/token", "grant_type=client_credentials", authorization: right,
                                       forwardedFor: "203.0.113.66")
        #expect(attacker.status == 429)
        let other = try server.post("/oauth/token", "grant_type=client_credentials", authorization: right,
                                    forwardedFor: "198.51.100.1")
        #expect(other.status == 200)
    }
}
