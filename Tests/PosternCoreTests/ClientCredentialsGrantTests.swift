import PosternCrypto
import PosternJOSE
import Testing
@testable import PosternCore

@Suite struct ClientCredentialsGrantTests {
    let grant = ClientCredentialsGrant(accessTokens: AccessTokenPolicy(issuer: "https://id.example", lifetime: 900))

    func client(public isPublic: Bool = false, audience: String? = nil) -> Client {
        Client(id: "cli_m2m", name: "M", secretHash: isPublic ? nil : SHA256.hash("x"), grantTypes: [.clientCredentials],
               scope: Scope(["read", "write"]), authMethod: isPublic ? .none : .clientSecretBasic,
               defaultAudience: audience, allowedResources: ["https://api.example/"], createdAt: 0)
    }

    func request(_ params: [String: String], client: Client? = nil) -> GrantRequest {
        GrantRequest(client: client ?? self.client(), parameters: params, now: 10_000, clientIP: "127.0.0.1", requestID: "r")
    }

    func issued(_ params: [String: String], client: Client? = nil) throws -> TokenGrant {
        let req = request(params, client: client)
        let validated = try grant.validate(req, snapshot: AuthState())
        return try grant.decide(validated, request: req, state: AuthState()).outcome.get()
    }

    func failureCode(_ params: [String: String], client: Client? = nil) -> PosternError.Code? {
        do { _ = try grant.validate(request(params, client: client), snapshot: AuthState()); return nil } catch { return error.code }
    }

    @Test func claimsFollowRFC9068AndAPIMD() throws {
        let t = try issued([:])
        let c = t.accessToken
        #expect(c.subject == "cli_m2m")
        #expect(c.issuer == "https://id.example")
        #expect(c.audience == ["https://id.example"])
        #expect(c.expiration == 10_900 && c.issuedAt == 10_000 && c.notBefore == 10_000)
        #expect(c.expiration! - c.issuedAt! == t.expiresIn)
        #expect(c.jwtID?.isEmpty == false)
        #expect(c.extra["client_id"] == .string("cli_m2m"))
        #expect(c.extra["scope"] == .string("read write"))
        #expect(t.refreshToken == nil)
    }

    @Test func scopeIsNarrowedAndJtiIsFresh() throws {
        let a = try issued(["scope": "read"]), b = try issued(["scope": "read"])
        #expect(a.scope == Scope(["read"]))
        #expect(a.accessToken.jwtID != b.accessToken.jwtID)
    }

    @Test func audienceFromResourceThenDefaultThenIssuer() throws {
        #expect(try issued(["resource": "https://api.example/"]).accessToken.audience == ["https://api.example/"])
        #expect(try issued([:], client: client(audience: "urn:default")).accessToken.audience == ["urn:default"])
    }

    @Test(arguments: [
        (["scope": "admin"], PosternError.Code.invalidScope),
        (["scope": "read  write"], .invalidScope),
        (["scope": "read\u{7f}"], .invalidScope),
        (["resource": "https://other.example/"], .invalidTarget),
        (["resource": "not a uri"], .invalidTarget),
        (["resource": "https://api.example/#frag"], .invalidTarget),
    ])
    func badParameters(_ params: [String: String], _ code: PosternError.Code) {
        #expect(failureCode(params) == code)
    }

    @Test func publicClientIsRefused() {
        #expect(failureCode([:], client: client(public: true)) == .unauthorizedClient)
    }
}
