import PosternCrypto
import PosternJOSE
import Testing
@testable import PosternCore

/// A little server-less Postern: state, key ring, and the token, introspection and revocation endpoints.
struct CoreFixture {
    let clock = ManualClock(1_700_000_000)
    let store: MemoryAuthStore
    let keys = KeyRing(encryptionKey: SecureRandom.bytes(32), tokenLifetime: 900)
    let token: TokenEndpoint
    let introspection: IntrospectionEndpoint
    let revocation: RevocationEndpoint

    init() throws {
        var state = AuthState()
        for (id, secret, grants) in [("cli_rs", "rs-secret", [GrantType.clientCredentials]),
                                     ("cli_app", "app-secret", [.password, .refreshToken]),
                                     ("cli_other", "other-secret", [.password, .refreshToken])] {
            try state.apply(.clientRegistered(Client(id: id, name: id, secretHash: SHA256.hash(secret), grantTypes: grants,
                                                     scope: Scope(["openid", "read"]), authMethod: .clientSecretBasic,
                                                     createdAt: 0)))
        }
        try state.apply(.clientRegistered(Client(id: "cli_pub", name: "pub", secretHash: nil, grantTypes: [.refreshToken],
                                                 scope: Scope(["openid"]), authMethod: .none, createdAt: 0)))
        let hasher = PasswordHasher(parameters: try ScryptParameters(logN: 4, blockSize: 8, parallelism: 1))
        try state.apply(.userCreated(User(id: "usr_1", email: "u@example.com", passwordHash: try hasher.hash("pw"), createdAt: 0)))
        for r in try keys.maintenance(state: state, now: clock.now()) { try state.apply(r) }
        try keys.load(from: state)
        store = MemoryAuthStore(state)
        let access = AccessTokenPolicy(issuer: "https://id.example")
        let refresh = RefreshPolicy(codec: RefreshTokenCodec(secret: [7]))
        let keys = self.keys
        let clients = ClientAuthenticator(throttle: Throttle(policy: .init(kind: .secrets), clock: clock))
        token = TokenEndpoint(store: store, grants: [
            ClientCredentialsGrant(accessTokens: access), RefreshTokenGrant(accessTokens: access, refresh: refresh),
            PasswordGrant(accessTokens: access, refresh: refresh, passwords: PasswordChecker(hasher: hasher, concurrency: 1, queueDepth: 4),
                          throttle: Throttle(clock: clock)),
        ], signer: AccessTokenSigner { keys.published.accessTokenSigner }, authenticator: clients, clock: clock)
        let verifier = AccessTokenVerifier(issuer: "https://id.example", keys: keys, clock: clock)
        introspection = IntrospectionEndpoint(store: store, verifier: verifier, authenticator: clients)
        revocation = RevocationEndpoint(store: store, verifier: verifier, authenticator: clients)
    }

    func login(_ client: String = "cli_app") throws -> TokenResponse {
        try token.handle(TokenRequest(parameters: [(name: "grant_type", value: "password"), (name: "username", value: "u@example.com"),
                                                   (name: "password", value: "pw")],
                                      basicCredentials: (id: client, secret: client == "cli_app" ? "app-secret" : "other-secret"))).get()
    }

    func introspect(_ t: String, as client: (String, String) = ("cli_rs", "rs-secret")) throws -> [String: JSONValue] {
        let body = try introspection.handle(TokenRequest(parameters: [(name: "token", value: t)],
                                                         basicCredentials: (id: client.0, secret: client.1)))
        return try JSONValue(parsing: body).objectValue ?? [:]
    }

    func revoke(_ t: String, as client: (String, String) = ("cli_app", "app-secret")) throws {
        try revocation.handle(TokenRequest(parameters: [(name: "token", value: t)], basicCredentials: (id: client.0, secret: client.1))).wait()
    }
}

@Suite struct IntrospectionRevocationTests {
    @Test func activeAccessTokenIsDescribed() throws {
        let f = try CoreFixture()
        let r = try f.login()
        let info = try f.introspect(r.accessToken)
        #expect(info["active"] == .bool(true))
        #expect(info["sub"] == .string("usr_1"))
        #expect(info["client_id"] == .string("cli_app"))
        #expect(info["token_type"] == .string("Bearer"))
        #expect(info["scope"] == .string("openid read"))
    }

    @Test(arguments: ["", "garbage", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."])
    func anythingElseIsJustInactive(_ token: String) throws {
        let f = try CoreFixture()
        if token.isEmpty {
            #expect(throws: PosternError.self) { _ = try f.introspect(token) }
        } else {
            #expect(try f.introspect(token) == ["active": .bool(false)])
        }
    }

    @Test func expiredTokenIsInactive() throws {
        let f = try CoreFixture()
        let r = try f.login()
        f.clock.advance(901)
        #expect(try f.introspect(r.accessToken) == ["active": .bool(false)])
    }

    @Test func refreshTokensAreDescribedOnlyToTheirClient() throws {
        let f = try CoreFixture()
        let r = try f.login()
        let rt = try #require(r.refreshToken)
        #expect(try f.introspect(rt, as: ("cli_app", "app-secret"))["active"] == .bool(true))
        #expect(try f.introspect(rt) == ["active": .bool(false)])
    }

    @Test func introspectionNeedsAConfidentialClient() throws {
        let f = try CoreFixture()
        let r = try f.login()
        #expect(throws: PosternError.self) { _ = try f.introspect(r.accessToken, as: ("cli_rs", "wrong")) }
        do {
            _ = try f.introspection.handle(TokenRequest(parameters: [(name: "token", value: r.accessToken), (name: "client_id", value: "cli_pub")]))
            Issue.record("public client introspected")
        } catch { #expect(error.code == .invalidClient) }
    }

    @Test func revokingAnAccessTokenDeniesItsJti() throws {
        let f = try CoreFixture()
        let r = try f.login()
        try f.revoke(r.accessToken)
        #expect(try f.introspect(r.accessToken) == ["active": .bool(false)])
        #expect(f.store.audit.contains { $0.type == "token.revoked" })
    }

    @Test func revokingARefreshTokenKillsTheFamilyAndItsAccessTokens() throws {
        let f = try CoreFixture()
        let r = try f.login()
        try f.revoke(try #require(r.refreshToken))
        #expect(try f.introspect(r.accessToken) == ["active": .bool(false)])
        do {
            _ = try f.token.handle(TokenRequest(parameters: [(name: "grant_type", value: "refresh_token"), (name: "refresh_token", value: r.refreshToken!)],
                                                basicCredentials: (id: "cli_app", secret: "app-secret"))).get()
            Issue.record("revoked refresh token worked")
        } catch { #expect(error.code == .invalidGrant) }
    }

    @Test func anotherClientsTokenIsRefusedAndAnUnknownOneIsA200NoOp() throws {
        let f = try CoreFixture()
        let r = try f.login()
        let before = f.store.snapshot()
        for token in [r.accessToken, try #require(r.refreshToken)] {
            do {
                try f.revoke(token, as: ("cli_other", "other-secret"))
                Issue.record("another client revoked a token")
            } catch { #expect((error as? PosternError)?.code == .unauthorizedClient) }
        }
        try f.revoke("nonsense")
        try f.revoke(RefreshTokenCodec(secret: [1]).generate())
        #expect(f.store.snapshot() == before)
        #expect(try f.introspect(r.accessToken)["active"] == .bool(true))
    }

    /// Another client's refresh token that no longer works (here: retired by a rotation) is as invalid as an unknown
    /// one: 200 and nothing changes, so the answer says nothing about that family.
    @Test func anotherClientsDeadRefreshTokenIsA200NoOp() throws {
        let f = try CoreFixture()
        let r = try f.login()
        let retired = try #require(r.refreshToken)
        _ = try f.token.handle(TokenRequest(parameters: [(name: "grant_type", value: "refresh_token"), (name: "refresh_token", value: retired)],
                                            basicCredentials: (id: "cli_app", secret: "app-secret"))).get()
        let before = f.store.snapshot()
        try f.revoke(retired, as: ("cli_other", "other-secret"))
        #expect(f.store.snapshot() == before)
    }

    /// A token signed by our own key but without a jti is not one Postern issued (the deny list works by jti), so it
    /// is not active.
    @Test func aTokenWithoutAJtiIsInactive() throws {
        let f = try CoreFixture()
        let signer = try #require(f.keys.published.accessTokenSigner)
        let claims = JWTClaims(issuer: "https://id.example", subject: "usr_1", audience: ["https://id.example"],
                               expiration: f.clock.now() + 600, notBefore: f.clock.now(), issuedAt: f.clock.now(), jwtID: nil,
                               extra: ["client_id": .string("cli_app"), "scope": .string("openid")])
        let token = try signer.sign(claims)
        #expect(try f.introspect(token) == ["active": .bool(false)])
        var withJTI = claims
        withJTI.jwtID = "jti_1"
        #expect(try f.introspect(try signer.sign(withJTI))["active"] == .bool(true))
    }
}
