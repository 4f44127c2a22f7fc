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

    func authenticate(_ request: TokenRequest) throws(PosternError) -> Client {
        let params = try request.uniqueParameters()
        return try ClientAuthenticator().authenticate(request, parameters: params, in: state)
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
    }
}
