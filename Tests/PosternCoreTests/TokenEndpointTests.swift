import PosternCrypto
import PosternJOSE
import Testing
@testable import PosternCore

@Suite struct TokenEndpointTests {
    let clock = ManualClock(1_700_000_000)
    let key = try! P256PrivateKey.generate()
    let store: MemoryAuthStore
    let endpoint: TokenEndpoint
    let validator: JWTValidator

    init() throws {
        var state = AuthState()
        try state.apply(.clientRegistered(Client(id: "cli_m2m", name: "M", secretHash: SHA256.hash("m2m-secret"),
                                                 grantTypes: [.clientCredentials], scope: Scope(["read", "write"]),
                                                 authMethod: .clientSecretBasic, createdAt: 0)))
        try state.apply(.clientRegistered(Client(id: "cli_app", name: "A", secretHash: SHA256.hash("app-secret"),
                                                 grantTypes: [.password, .refreshToken], scope: Scope(["openid"]),
                                                 authMethod: .clientSecretPost, createdAt: 0)))
        let hasher = PasswordHasher(parameters: try ScryptParameters(logN: 4, blockSize: 8, parallelism: 1))
        try state.apply(.userCreated(User(id: "usr_1", email: "u@example.com", passwordHash: try hasher.hash("pw"), createdAt: 0)))
        store = MemoryAuthStore(state)
        let access = AccessTokenPolicy(issuer: "https://id.example", lifetime: 900)
        let refresh = RefreshPolicy(codec: RefreshTokenCodec(secret: [7]))
        let signer = JWTSigner(key: .es256(key), keyID: JWSSigningKey.es256(key).publicJWK.thumbprint, type: "at+jwt")
        let clock = self.clock
        endpoint = TokenEndpoint(
            store: store,
            grants: [ClientCredentialsGrant(accessTokens: access), RefreshTokenGrant(accessTokens: access, refresh: refresh),
                     PasswordGrant(accessTokens: access, refresh: refresh,
                                   passwords: PasswordChecker(hasher: hasher, concurrency: 2, queueDepth: 2),
                                   throttle: Throttle(clock: clock))],
            signer: AccessTokenSigner { signer },
            authenticator: ClientAuthenticator(throttle: Throttle(policy: .init(kind: .secrets), clock: clock)), clock: clock)
        validator = JWTValidator(algorithms: [.es256], keys: JWKSet(keys: [JWSSigningKey.es256(key).publicJWK]),
                                 issuer: "https://id.example", audience: "https://id.example", requiredType: "at+jwt",
                                 leeway: 0, now: { clock.now() })
    }

    func post(_ params: [(String, String)], basic: (String, String)? = nil) throws(PosternError) -> TokenResponse {
        try endpoint.handle(TokenRequest(parameters: params.map { (name: $0.0, value: $0.1) },
                                         basicCredentials: basic.map { (id: $0.0, secret: $0.1) },
                                         clientIP: "127.0.0.1", requestID: "req-1")).get()
    }

    func code(_ params: [(String, String)], basic: (String, String)? = nil) -> PosternError.Code? {
        do { _ = try post(params, basic: basic); return nil } catch { return error.code }
    }

    @Test func clientCredentialsTokenVerifiesAsRFC9068() throws {
        let r = try post([("grant_type", "client_credentials"), ("scope", "read")], basic: ("cli_m2m", "m2m-secret"))
        let jwt = try validator.validate(r.accessToken)
        #expect(jwt.header.type == "at+jwt")
        #expect(jwt.claims.subject == "cli_m2m")
        #expect(jwt.claims.expiration! - jwt.claims.issuedAt! == r.expiresIn)
        #expect(r.refreshToken == nil)
        let issued = store.audit.filter { $0.type == "token.issued" }
        #expect(issued.count == 1 && issued[0].detail["grant"] == "client_credentials")
        #expect(issued[0].detail["jti"] == jwt.claims.jwtID)
    }

    @Test func responseJSONHasTheRFCShape() throws {
        let r = try post([("grant_type", "client_credentials")], basic: ("cli_m2m", "m2m-secret"))
        let json = try JSONValue(parsing: r.json).objectValue ?? [:]
        #expect(json["token_type"] == .string("Bearer"))
        #expect(json["expires_in"] == .integer(900))
        #expect(json["scope"] == .string("read write"))
        #expect(json["refresh_token"] == nil)
    }

    /// Written by hand, the body is byte for byte the sorted `JSONValue` object, with or without the optional tokens
    /// and with characters that need escaping.
    @Test func responseJSONIsTheCanonicalObject() {
        for (refresh, id) in [(nil, nil), ("rt\"1\\", nil), (nil, "id.tok"), ("r", "i\u{1}\n")] as [(String?, String?)] {
            let response = TokenResponse(accessToken: "a.b.c\u{7f}é", expiresIn: 900, scope: Scope(["read", "write"]),
                                         refreshToken: refresh, idToken: id)
            var members: [String: JSONValue] = ["access_token": .string(response.accessToken), "token_type": .string("Bearer"),
                                                "expires_in": .integer(900), "scope": .string("read write")]
            if let refresh { members["refresh_token"] = .string(refresh) }
            if let id { members["id_token"] = .string(id) }
            #expect(response.json == JSONValue.object(members).serialized())
        }
    }

    @Test func passwordThenRefreshThroughTheEndpoint() throws {
        let first = try post([("grant_type", "password"), ("username", "u@example.com"), ("password", "pw"),
                              ("client_id", "cli_app"), ("client_secret", "app-secret")])
        let rt = try #require(first.refreshToken)
        let second = try post([("grant_type", "refresh_token"), ("refresh_token", rt),
                               ("client_id", "cli_app"), ("client_secret", "app-secret")])
        #expect(second.refreshToken != rt)
        #expect(try validator.validate(second.accessToken).claims.subject == "usr_1")
    }

    @Test func sharedStepsRefuseBadRequestsBeforeAnyGrantRuns() {
        let m2m = ("cli_m2m", "m2m-secret")
        #expect(code([("scope", "read")], basic: m2m) == .invalidRequest)
        #expect(code([("grant_type", "urn:ietf:params:oauth:grant-type:device_code")], basic: m2m) == .unsupportedGrantType)
        #expect(code([("grant_type", "implicit")], basic: m2m) == .unsupportedGrantType)
        #expect(code([("grant_type", "client_credentials"), ("grant_type", "client_credentials")], basic: m2m) == .invalidRequest)
        #expect(code([("grant_type", "password"), ("username", "u@example.com"), ("password", "pw")], basic: m2m)
                == .unauthorizedClient)
        #expect(code([("grant_type", "client_credentials")], basic: ("cli_m2m", "nope")) == .invalidClient)
        #expect(code([("grant_type", "client_credentials"), ("scope", "admin")], basic: m2m) == .invalidScope)
        // Nothing was issued by any of those.
        #expect(store.audit.isEmpty)
    }

    @Test func parametersTheGrantDoesNotReadAreIgnored() throws {
        let r = try post([("grant_type", "client_credentials"), ("username", "x"), ("redirect_uri", "https://evil")],
                         basic: ("cli_m2m", "m2m-secret"))
        #expect(!r.accessToken.isEmpty)
    }
}
