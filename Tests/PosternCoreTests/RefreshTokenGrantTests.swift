import PosternCrypto
import PosternJOSE
import Testing
@testable import PosternCore

@Suite struct RefreshTokenGrantTests {
    let policy = RefreshPolicy(codec: RefreshTokenCodec(secret: [UInt8](repeating: 9, count: 32)), defaultGraceSeconds: 30)
    let access = AccessTokenPolicy(issuer: "https://id.example", lifetime: 900)
    var grant: RefreshTokenGrant { RefreshTokenGrant(accessTokens: access, refresh: policy) }

    let client = Client(id: "cli_app", name: "App", secretHash: SHA256.hash("x"), grantTypes: [.password, .refreshToken],
                        scope: Scope(["openid", "read", "write"]), authMethod: .clientSecretBasic,
                        allowedResources: ["https://api.example", "https://other.example"], createdAt: 0)
    let other = Client(id: "cli_other", name: "O", secretHash: SHA256.hash("y"), grantTypes: [.refreshToken],
                       scope: Scope(["openid"]), authMethod: .clientSecretBasic, createdAt: 0)

    let user = User(id: "usr_1", email: "ada@example.com", passwordHash: nil, createdAt: 0)

    /// A state holding one fresh family for `client` (of `user`, unless `withUser` is false), and its first token.
    func start(at now: Int64 = 1_000, withUser: Bool = true, audience: String? = nil) throws -> (AuthState, String) {
        var state = AuthState()
        try state.apply(.clientRegistered(client))
        try state.apply(.clientRegistered(other))
        if withUser { try state.apply(.userCreated(user)) }
        let id = Identifier.make(.session)
        let (token, record) = policy.startFamily(id: id, client: client, subject: "usr_1", scope: Scope(["openid", "read"]),
                                                 authTime: now, amr: ["pwd", "otp"], audience: audience, now: now,
                                                 accessToken: .init(jti: RefreshFamily.accessTokenID(family: id), expiresAt: now + 900))
        try state.apply(record)
        return (state, token)
    }

    /// Runs the grant the way the endpoint does, committing what it decided.
    func refresh(_ token: String, state: inout AuthState, at now: Int64, client: Client? = nil,
                 scope: String? = nil, resource: String? = nil) throws -> Result<TokenGrant, PosternError> {
        var params = ["refresh_token": token]
        params["scope"] = scope
        params["resource"] = resource
        let request = GrantRequest(client: client ?? self.client, parameters: params, now: now, clientIP: "", requestID: "")
        let decision = grant.decide(try grant.validate(request, snapshot: AuthState()), request: request, state: state)
        for r in decision.records { try state.apply(r) }
        return decision.outcome
    }

    /// Presents a retired `token` again and expects reuse: `invalid_grant`, and the access token of `rotation` denied.
    func expectReuse(of token: String, after rotation: TokenGrant, state: inout AuthState, at now: Int64,
                     client: Client? = nil, scope: String? = nil) throws {
        guard case .failure(let error) = try refresh(token, state: &state, at: now, client: client, scope: scope) else {
            Issue.record("reuse accepted")
            return
        }
        #expect(error.code == .invalidGrant)
        #expect(state.isDenied(jti: try #require(rotation.accessToken.jwtID)))
    }

    @Test func rotationIssuesOneSuccessorAndRetiresThePresentedToken() throws {
        var (state, t0) = try start()
        let g1 = try refresh(t0, state: &state, at: 1_010).get()
        let t1 = try #require(g1.refreshToken)
        #expect(t1 != t0 && RefreshTokenCodec.isWellFormed(t1))
        #expect(g1.accessToken.subject == "usr_1")
        #expect(g1.accessToken.extra["auth_time"] == .integer(1_000))
        #expect(g1.scope == Scope(["openid", "read"]))
        let g2 = try refresh(t1, state: &state, at: 1_100).get()
        #expect(g2.refreshToken != t1)
        #expect(state.family(tokenHash: RefreshTokenCodec.hash(t0))?.generation == 2)
    }

    /// API.md "Tokens": a refreshed access token keeps the login's `amr` and carries the user's roles as they are now.
    @Test func refreshedTokensKeepTheLoginsAMRAndTakeTheUsersCurrentRoles() throws {
        var (state, t0) = try start()
        var promoted = user
        promoted.roles = ["auditor"]
        try state.apply(.userUpdated(promoted))
        let refreshed = try refresh(t0, state: &state, at: 1_010).get()
        #expect(refreshed.accessToken.extra["amr"] == .array([.string("pwd"), .string("otp")]))
        #expect(refreshed.accessToken.extra["roles"] == .array([.string("auditor")]))
    }

    /// A grace replay issues nothing new: its event is the grant's `token.refreshed`, marked as a replay, and no
    /// second `token.issued` names the jti that was issued at the rotation.
    @Test func aGraceReplayIsAuditedAsAReplayNotAsAnIssue() throws {
        let (state, t0) = try start()
        let store = MemoryAuthStore(state)
        func run(at now: Int64) throws {
            let request = GrantRequest(client: client, parameters: ["refresh_token": t0], now: now, clientIP: "", requestID: "")
            _ = try grant.run(request, snapshot: store.snapshot(), store: store).get()
        }
        try run(at: 1_010)
        #expect(store.audit.map(\.type) == ["token.refreshed", "token.issued"])
        try run(at: 1_020)
        let replay = store.audit.dropFirst(2)
        #expect(replay.map(\.type) == ["token.refreshed"])
        #expect(replay.first?.detail["grace_replay"] == "true")
    }

    @Test func graceReplayReturnsTheSameSuccessorPair() throws {
        var (state, t0) = try start()
        let first = try refresh(t0, state: &state, at: 1_010).get()
        let before = state
        let again = try refresh(t0, state: &state, at: 1_030).get()
        #expect(again.refreshToken == first.refreshToken)
        #expect(again.accessToken.jwtID == first.accessToken.jwtID)
        #expect(again.accessToken.expiration == first.accessToken.expiration)
        #expect(again.accessToken.issuedAt == first.accessToken.issuedAt)
        #expect(!first.isReplay && again.isReplay)
        #expect(state == before)
        // The successor keeps working after the replay.
        #expect(try refresh(try #require(first.refreshToken), state: &state, at: 1_031).get().refreshToken != nil)
    }

    /// RFC 8707: every access token of a family is for the resource its login named; a refresh may name that
    /// resource again, but no other, even one the client may use.
    @Test func refreshedTokensKeepTheLoginsAudience() throws {
        var (state, t0) = try start(audience: "https://api.example")
        let t1 = try refresh(t0, state: &state, at: 1_010)
        #expect(try t1.get().accessToken.audience == ["https://api.example"])
        let t2 = try refresh(try #require(try t1.get().refreshToken), state: &state, at: 1_011, resource: "https://api.example")
        #expect(try t2.get().accessToken.audience == ["https://api.example"])
        let before = state
        guard case .failure(let other) = try refresh(try #require(try t2.get().refreshToken), state: &state, at: 1_012,
                                                     resource: "https://other.example") else {
            Issue.record("refresh widened the audience")
            return
        }
        #expect(other.code == .invalidTarget)
        #expect(state == before)
    }

    /// Without a resource at login the tokens carry the client's default audience; naming that one on a refresh is
    /// within the grant.
    @Test func aRefreshMayNameTheDefaultAudienceItsTokensCarry() throws {
        let defaulted = Client(id: "cli_app", name: "App", secretHash: SHA256.hash("x"), grantTypes: [.password, .refreshToken],
                               scope: Scope(["openid", "read", "write"]), authMethod: .clientSecretBasic,
                               defaultAudience: "https://api.example", allowedResources: ["https://api.example", "https://other.example"],
                               createdAt: 0)
        var (state, t0) = try start()
        let t1 = try refresh(t0, state: &state, at: 1_010, client: defaulted, resource: "https://api.example")
        #expect(try t1.get().accessToken.audience == ["https://api.example"])
        guard case .failure(let other) = try refresh(try #require(try t1.get().refreshToken), state: &state, at: 1_011,
                                                     client: defaulted, resource: "https://other.example") else {
            Issue.record("refresh widened the audience")
            return
        }
        #expect(other.code == .invalidTarget)
    }

    /// A retired token is reuse whatever else the request says: a scope or resource it could not get must not let
    /// it slip past reuse detection.
    @Test func reuseIsDetectedBeforeTheRequestIsChecked() throws {
        var (state, t0) = try start()
        let first = try refresh(t0, state: &state, at: 1_010).get()
        try expectReuse(of: t0, after: first, state: &state, at: 1_041, scope: "admin")
    }

    @Test func reuseAfterTheWindowRevokesTheFamilyAndItsAccessTokens() throws {
        var (state, t0) = try start()
        let first = try refresh(t0, state: &state, at: 1_010).get()
        try expectReuse(of: t0, after: first, state: &state, at: 1_041)
        // The live successor is dead too.
        guard case .failure(let dead) = try refresh(try #require(first.refreshToken), state: &state, at: 1_042) else {
            Issue.record("family survived reuse")
            return
        }
        #expect(dead.code == .invalidGrant)
    }

    /// API.md: the grace window is 0 to 300 s, and 0 allows no replay, not even in the second of the rotation.
    @Test func withNoGraceASameSecondReplayRevokesTheFamily() throws {
        var (state, t0) = try start()
        var strict = client
        strict.refreshGraceSeconds = 0
        let first = try refresh(t0, state: &state, at: 1_010, client: strict).get()
        try expectReuse(of: t0, after: first, state: &state, at: 1_010, client: strict)
    }

    /// The password grant refuses a disabled account, so a refresh of that account's family is refused too (the live
    /// token and a grace replay alike), without touching the family.
    @Test func aDisabledSubjectCannotRefresh() throws {
        var (state, t0) = try start()
        let first = try refresh(t0, state: &state, at: 1_010).get()
        var disabled = user
        disabled.disabled = true
        try state.apply(.userUpdated(disabled))
        let before = state
        for token in [t0, try #require(first.refreshToken)] {
            guard case .failure(let error) = try refresh(token, state: &state, at: 1_020) else {
                Issue.record("refresh accepted for a disabled subject")
                continue
            }
            #expect(error.code == .invalidGrant)
        }
        #expect(state == before)
    }

    @Test func aSubjectThatIsGoneCannotRefresh() throws {
        var (state, t0) = try start(withUser: false)
        let before = state
        guard case .failure(let error) = try refresh(t0, state: &state, at: 1_010) else {
            Issue.record("refresh accepted for a subject that is not a user")
            return
        }
        #expect(error.code == .invalidGrant)
        #expect(state == before)
    }

    @Test func anotherClientCannotUseTheToken() throws {
        var (state, t0) = try start()
        guard case .failure(let error) = try refresh(t0, state: &state, at: 1_010, client: other) else {
            Issue.record("cross-client refresh accepted")
            return
        }
        #expect(error.code == .invalidGrant)
        // …and that attempt did not consume it.
        #expect(try refresh(t0, state: &state, at: 1_011).get().refreshToken != nil)
    }

    @Test func scopeMayNarrowButNeverWiden() throws {
        var (state, t0) = try start()
        guard case .failure(let error) = try refresh(t0, state: &state, at: 1_010, scope: "openid write") else {
            Issue.record("widened scope accepted")
            return
        }
        #expect(error.code == .invalidScope)
        let narrowed = try refresh(t0, state: &state, at: 1_011, scope: "read").get()
        #expect(narrowed.scope == Scope(["read"]))
        #expect(narrowed.accessToken.extra["scope"] == .string("read"))
    }

    @Test(arguments: ["", "rt_", "rt_short", "xx_" + String(repeating: "A", count: 43), "rt_" + String(repeating: "!", count: 43),
                      "rt_" + String(repeating: "A", count: 44)])
    func malformedTokensAreInvalidGrantWithoutLookup(_ token: String) throws {
        let request = GrantRequest(client: client, parameters: token.isEmpty ? [:] : ["refresh_token": token], now: 0,
                                   clientIP: "", requestID: "")
        do {
            _ = try grant.validate(request, snapshot: AuthState())
            Issue.record("accepted \(token)")
        } catch {
            #expect(error.code == (token.isEmpty ? .invalidRequest : .invalidGrant))
        }
    }

    @Test func unknownWellFormedTokenIsInvalidGrant() throws {
        var (state, _) = try start()
        guard case .failure(let error) = try refresh(policy.codec.generate(), state: &state, at: 1_010) else {
            Issue.record("unknown token accepted")
            return
        }
        #expect(error.code == .invalidGrant)
    }

    @Test func idleExpiryEndsTheFamily() throws {
        var (state, t0) = try start()
        guard case .failure(let error) = try refresh(t0, state: &state, at: 1_000 + 30 * 86_400) else {
            Issue.record("expired token accepted")
            return
        }
        #expect(error.code == .invalidGrant)
    }
}
