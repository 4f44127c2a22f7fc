import PosternCrypto
import Testing
@testable import PosternCore

@Suite struct ClientAuthenticatorTests {
    let state: AuthState = {
        var s = AuthState()
        try! s.apply(.clientRegistered(Client(id: "cli_conf", name: "C", secretHash: SHA256.hash("s3cret"),
                                              grantTypes: [.clientCredentials], scope: Scope(["read"]),
                                              authMethod: .clientSecretBasic, createdAt: 0)))
        try! s.apply(.clientRegistered(Client(id: "cli_pub", name: "P", secretHash: nil, grantTypes: [.refreshToken],
                                              scope: Scope(["openid"]), authMethod: .none, createdAt: 0)))
        return s
    }()

    let clock = ManualClock()
    /// One authenticator per test, so the throttle's memory lasts across the test's requests.
    let authenticator: ClientAuthenticator

    init() {
        authenticator = ClientAuthenticator(throttle: Throttle(policy: .init(kind: .secrets), clock: clock))
    }

    func authenticate(_ request: TokenRequest) throws(PosternError) -> Client {
        let params = try request.uniqueParameters()
        return try authenticator.authenticate(request, parameters: params, in: state)
    }

    /// The seconds a request is told to wait, nil when it is not rate limited (whatever else happens to it).
    func retryAfter(_ request: TokenRequest) -> Int? {
        do { _ = try authenticate(request); return nil } catch {
            return error.code == .rateLimited ? error.retryAfterSeconds : nil
        }
    }

    struct Failure: Equatable {
        let code: PosternError.Code
        let basic: Bool
    }

    /// The error a request fails with, or nil when it authenticates.
    func failure(_ request: TokenRequest) -> Failure? {
        do { _ = try authenticate(request); return nil } catch {
            return Failure(code: error.code, basic: error.basicAuthenticationAttempted)
        }
    }

    @Test func basicAndPostBothAuthenticateAConfidentialClient() throws {
        #expect(try authenticate(TokenRequest(parameters: [], basicCredentials: ("cli_conf", "s3cret"))).id == "cli_conf")
        #expect(try authenticate(TokenRequest(parameters: [("client_id", "cli_conf"), ("client_secret", "s3cret")])).id
                == "cli_conf")
        #expect(try authenticate(TokenRequest(parameters: [("client_id", "cli_conf")], basicCredentials: ("cli_conf", "s3cret"))).id
                == "cli_conf")
    }

    @Test func publicClientNeedsNoSecretAndMayNotSendOne() throws {
        #expect(try authenticate(TokenRequest(parameters: [("client_id", "cli_pub")])).id == "cli_pub")
        #expect(failure(TokenRequest(parameters: [("client_id", "cli_pub"), ("client_secret", "x")]))
                == Failure(code: .invalidClient, basic: false))
    }

    @Test func failuresAreInvalidClientWithBasicChallengeOnlyWhenBasicWasTried() {
        let basic = Failure(code: .invalidClient, basic: true), post = Failure(code: .invalidClient, basic: false)
        #expect(failure(TokenRequest(parameters: [], basicCredentials: ("cli_conf", "wrong"))) == basic)
        #expect(failure(TokenRequest(parameters: [], basicCredentials: ("cli_nope", "s3cret"))) == basic)
        #expect(failure(TokenRequest(parameters: [("client_id", "cli_conf"), ("client_secret", "wrong")])) == post)
        #expect(failure(TokenRequest(parameters: [("client_id", "cli_conf")])) == post)
        #expect(failure(TokenRequest(parameters: [])) == post)
        #expect(failure(TokenRequest(parameters: [], basicAttempted: true)) == basic)
    }

    @Test func twoMethodsOrMismatchedIdsAreInvalidRequest() {
        #expect(failure(TokenRequest(parameters: [("client_secret", "s3cret")], basicCredentials: ("cli_conf", "s3cret")))?.code
                == .invalidRequest)
        #expect(failure(TokenRequest(parameters: [("client_id", "cli_pub")], basicCredentials: ("cli_conf", "s3cret")))?.code
                == .invalidRequest)
    }

    @Test func duplicateParametersAreRefusedByName() {
        do {
            _ = try TokenRequest(parameters: [("scope", "a"), ("grant_type", "x"), ("scope", "b")]).uniqueParameters()
            Issue.record("accepted a duplicate")
        } catch {
            #expect(error.code == .invalidRequest)
            #expect(error.field == "scope")
        }
        #expect((try? TokenRequest(parameters: [("scope", "")]).uniqueParameters())?["scope"] == nil)
        // An empty value is absent, but it was sent: with a second one the name is still repeated, in either order.
        for pair in [[("token", ""), ("token", "x")], [("token", "x"), ("token", "")]] {
            #expect(throws: PosternError.self) { try TokenRequest(parameters: pair).uniqueParameters() }
        }
    }

    // API.md "Abuse protection": client-secret checks are throttled per client and per address.

    @Test func fiveWrongSecretsBackTheClientOffAtThatAddressEvenForTheRightSecret() throws {
        let right = TokenRequest(parameters: [], basicCredentials: ("cli_conf", "s3cret"), clientIP: "192.0.2.1")
        let wrong = TokenRequest(parameters: [], basicCredentials: ("cli_conf", "guess"), clientIP: "192.0.2.1")
        for _ in 0..<5 { #expect(failure(wrong) == Failure(code: .invalidClient, basic: true)) }
        #expect(retryAfter(right) == 60)
        #expect(retryAfter(wrong) == 60)
        // Posted credentials are the same client: the same backoff.
        #expect(retryAfter(TokenRequest(parameters: [("client_id", "cli_conf"), ("client_secret", "s3cret")],
                                        clientIP: "192.0.2.1")) == 60)
        // Knowing a client id must not let anyone lock the client out everywhere.
        #expect(try authenticate(TokenRequest(parameters: [], basicCredentials: ("cli_conf", "s3cret"),
                                              clientIP: "198.51.100.7")).id == "cli_conf")
        clock.advance(60)
        #expect(try authenticate(right).id == "cli_conf")
        // The success forgot the streak: one more failure does not lock again.
        #expect(failure(wrong)?.code == .invalidClient)
        #expect(try authenticate(right).id == "cli_conf")
    }

    @Test func aCorrectClientIsNeverLimitedByVolume() throws {
        for _ in 0..<500 {
            #expect(try authenticate(TokenRequest(parameters: [], basicCredentials: ("cli_conf", "s3cret"),
                                                  clientIP: "192.0.2.1")).id == "cli_conf")
            #expect(try authenticate(TokenRequest(parameters: [("client_id", "cli_pub")], clientIP: "192.0.2.1")).id
                    == "cli_pub")
        }
    }

    @Test func failuresPastTheAddressBudgetAreRateLimitedButRightSecretsPass() throws {
        // Unknown ids, each failing once: no client backoff, but the address spends its 20 failures.
        for i in 0..<20 {
            #expect(failure(TokenRequest(parameters: [], basicCredentials: ("cli_\(i)", "x"), clientIP: "2001:db8:1:2::9"))?.code
                    == .invalidClient)
        }
        #expect(retryAfter(TokenRequest(parameters: [], basicCredentials: ("cli_conf", "guess"), clientIP: "2001:db8:1:2::9")) == 1)
        // Same /64, another host: the same budget. Another address: its own.
        #expect(retryAfter(TokenRequest(parameters: [("client_id", "cli_zz")], clientIP: "2001:db8:1:2::77")) == 1)
        #expect(failure(TokenRequest(parameters: [], basicCredentials: ("cli_conf", "guess"), clientIP: "192.0.2.1"))?.code
                == .invalidClient)
        // Clients with the right secret behind that address are not locked out by the others' failures.
        #expect(try authenticate(TokenRequest(parameters: [], basicCredentials: ("cli_conf", "s3cret"),
                                              clientIP: "2001:db8:1:2::9")).id == "cli_conf")
        #expect(try authenticate(TokenRequest(parameters: [("client_id", "cli_pub")], clientIP: "2001:db8:1:2::9")).id == "cli_pub")
    }

    @Test func malformedRequestsAreNotCountedAsGuesses() throws {
        let twoMethods = TokenRequest(parameters: [("client_secret", "s3cret")], basicCredentials: ("cli_conf", "s3cret"),
                                      clientIP: "192.0.2.1")
        for _ in 0..<30 { #expect(failure(twoMethods)?.code == .invalidRequest) }
        #expect(try authenticate(TokenRequest(parameters: [], basicCredentials: ("cli_conf", "s3cret"),
                                              clientIP: "192.0.2.1")).id == "cli_conf")
    }
}
