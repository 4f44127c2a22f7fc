import Foundation
import PosternCrypto
import Testing
@testable import PosternCore

@Suite struct AuthStateTests {
    func hash(_ n: UInt8) -> [UInt8] { [UInt8](repeating: n, count: 32) }

    var client: Client {
        Client(id: "cli_a", name: "A", secretHash: hash(7), grantTypes: [.clientCredentials], scope: Scope(["read"]),
               authMethod: .clientSecretBasic, createdAt: 1)
    }

    func family(_ id: String = "ses_1", first: UInt8 = 1) -> RefreshFamily {
        RefreshFamily(id: id, clientID: "cli_a", subject: "usr_1", scope: ["read"], authTime: 100, amr: ["pwd"],
                      createdAt: 100, absoluteLifetime: 1_000, idleLifetime: 500, firstTokenHash: hash(first),
                      accessToken: .init(jti: "j0", expiresAt: 200))
    }

    var records: [AuthRecord] {
        [
            .clientRegistered(client),
            .userCreated(User(id: "usr_1", email: " Ada@Example.COM ", passwordHash: nil, createdAt: 5)),
            .signingKeyPublished(kid: "k1", algorithm: "ES256", sealedPrivateKey: [1, 2, 3], at: 10, activatesAt: 10),
            .signingKeyActivated(kid: "k1", at: 10, retiredKeyRemoveAt: 910),
            .refreshFamilyStarted(family()),
            .refreshRotated(familyID: "ses_1", successorHash: hash(2), at: 150, idleLifetime: 500,
                            accessToken: .init(jti: "j1", expiresAt: 250)),
            .accessTokenDenied(jti: "j9", expiresAt: 400),
        ]
    }

    @Test func applyBuildsIndexes() throws {
        var state = AuthState()
        for r in records { try state.apply(r) }
        #expect(state.user(email: "ADA@example.com")?.id == "usr_1")
        #expect(state.family(tokenHash: hash(1))?.id == "ses_1")
        #expect(state.family(tokenHash: hash(2))?.generation == 1)
        #expect(state.keyRing.activeKey?.kid == "k1")
        #expect(state.isDenied(jti: "j9"))
        #expect(!state.isDenied(jti: "j1"))
    }

    @Test func replayingTheSameRecordsGivesTheSameState() throws {
        var a = AuthState(), b = AuthState()
        for r in records { try a.apply(r) }
        for r in records { try b.apply(r) }
        #expect(a == b)
    }

    @Test func invariantViolationsThrowAndLeaveStateAlone() throws {
        var state = AuthState()
        for r in records { try state.apply(r) }
        let before = state
        #expect(throws: AuthStateError.duplicate("cli_a")) { try state.apply(.clientRegistered(client)) }
        #expect(throws: AuthStateError.duplicate("usr_2")) {
            try state.apply(.userCreated(User(id: "usr_2", email: "ada@example.com", passwordHash: nil, createdAt: 6)))
        }
        #expect(throws: AuthStateError.missing("ses_x")) { try state.apply(.refreshFamilyRevoked(familyID: "ses_x", at: 1)) }
        // A successor hash that already names a token would let one token open two families.
        #expect(throws: AuthStateError.duplicate("ses_1")) {
            try state.apply(.refreshRotated(familyID: "ses_1", successorHash: hash(1), at: 160, idleLifetime: 500,
                                            accessToken: .init(jti: "j2", expiresAt: 260)))
        }
        #expect(throws: AuthStateError.missing("k2")) { try state.apply(.signingKeyActivated(kid: "k2", at: 1, retiredKeyRemoveAt: 901)) }
        #expect(throws: AuthStateError.missing("k2")) { try state.apply(.signingKeyLifetimeRaised(kid: "k2", tokenLifetime: 86_400)) }
        #expect(state == before)
    }

    /// A snapshot keeps the refresh-token index itself: retired hashes exist nowhere else, and a retired token
    /// presented after a restart must still name its family (reuse detection).
    @Test func aSnapshotRoundTripKeepsRetiredTokenHashes() throws {
        var state = AuthState()
        for r in records { try state.apply(r) }
        try state.apply(.refreshRotated(familyID: "ses_1", successorHash: hash(3), at: 160, idleLifetime: 500,
                                        accessToken: .init(jti: "j2", expiresAt: 260)))
        let restored = try JSONDecoder().decode(AuthState.self, from: JSONEncoder().encode(state))
        #expect(restored == state)
        for n: UInt8 in 1...3 { #expect(restored.family(tokenHash: hash(n))?.id == "ses_1") }
        #expect(restored.family(tokenHash: hash(4)) == nil)
    }

    @Test func aSnapshotWithABadIndexEntryIsRefused() throws {
        var state = AuthState()
        for r in records { try state.apply(r) }
        var json = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        json = json.replacingOccurrences(of: Hex.encode(hash(1)), with: "zz")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AuthState.self, from: Data(json.utf8)) }
    }

    @Test func dropExpiredForgetsDeadFamiliesAndDenials() throws {
        var state = AuthState()
        for r in records { try state.apply(r) }
        try state.apply(.refreshFamilyStarted(family("ses_2", first: 5)))
        try state.apply(.refreshFamilyRevoked(familyID: "ses_2", at: 120))
        state.dropExpired(now: 300)
        // ses_2 is revoked and its only access token expired at 200; ses_1 lives on.
        #expect(state.family(tokenHash: hash(5)) == nil)
        #expect(state.family(tokenHash: hash(1))?.id == "ses_1")
        #expect(state.isDenied(jti: "j9"))
        state.dropExpired(now: 1_100)
        #expect(state.families.isEmpty)
        #expect(state.family(tokenHash: hash(2)) == nil)
        #expect(!state.isDenied(jti: "j9"))
    }

    /// An access token whose jti names a refresh family is denied once that family is revoked, and only then; a jti
    /// naming no family, or one the state does not hold, is denied only through the deny list.
    @Test func revokingAFamilyDeniesTheAccessTokensThatNameIt() throws {
        var state = AuthState()
        for r in records { try state.apply(r) }
        try state.apply(.refreshFamilyStarted(family("ses_2", first: 5)))
        let ofFamily = RefreshFamily.accessTokenID(family: "ses_2"), ofOther = RefreshFamily.accessTokenID(family: "ses_1")
        #expect(!state.isDenied(jti: ofFamily))
        try state.apply(.refreshFamilyRevoked(familyID: "ses_2", at: 120))
        #expect(state.isDenied(jti: ofFamily))
        #expect(!state.isDenied(jti: ofOther))
        #expect(!state.isDenied(jti: RefreshFamily.accessTokenID(family: "ses_9")))
        #expect(!state.isDenied(jti: "j1"))
        // The revoked family is kept while one of its access tokens can be unexpired (the last expires at 200).
        state.dropExpired(now: 199)
        #expect(state.isDenied(jti: ofFamily))
    }

    /// A revoked family outlives its absolute lifetime while its last access token is unexpired, or that token
    /// would verify again once the family is dropped.
    @Test func aRevokedFamilyPastItsAbsoluteLifetimeStillDeniesItsLiveAccessToken() throws {
        var state = AuthState()
        for r in records { try state.apply(r) }
        let jti = RefreshFamily.accessTokenID(family: "ses_1")
        // ses_1 ends at 1 100; its last access token, issued just before, expires at 1 200.
        try state.apply(.refreshRotated(familyID: "ses_1", successorHash: hash(3), at: 1_050, idleLifetime: 500,
                                        accessToken: .init(jti: jti, expiresAt: 1_200)))
        try state.apply(.refreshFamilyRevoked(familyID: "ses_1", at: 1_060))
        state.dropExpired(now: 1_150)
        #expect(state.isDenied(jti: jti))
        state.dropExpired(now: 1_200)
        #expect(state.families.isEmpty)
    }

    @Test func emailChangeMovesTheIndex() throws {
        var state = AuthState()
        for r in records { try state.apply(r) }
        var u = try #require(state.users["usr_1"])
        u.email = "new@example.com"
        try state.apply(.userUpdated(u))
        #expect(state.user(email: "ada@example.com") == nil)
        #expect(state.user(email: "NEW@example.com")?.id == "usr_1")
    }
}

@Suite struct AuthStateUserIndexTests {
    @Test func usernamesAreUniqueCaseInsensitivelyAndRefusedUpdatesChangeNothing() throws {
        var state = AuthState()
        try state.apply(.userCreated(User(id: "usr_a", email: "a@x.io", username: "Ada", passwordHash: nil, createdAt: 0)))
        try state.apply(.userCreated(User(id: "usr_b", email: "b@x.io", username: "bob", passwordHash: nil, createdAt: 0)))
        #expect(state.user(login: "ADA")?.id == "usr_a")
        #expect(state.user(login: "B@X.IO")?.id == "usr_b")
        #expect(throws: AuthStateError.self) {
            try state.apply(.userCreated(User(id: "usr_c", email: "c@x.io", username: "ada", passwordHash: nil, createdAt: 0)))
        }
        let before = state
        var b = try #require(state.users["usr_b"])
        b.email = "new@x.io"
        b.username = "ADA"
        #expect(throws: AuthStateError.duplicate("ada")) { try state.apply(.userUpdated(b)) }
        #expect(state == before)
        b.username = "robert"
        try state.apply(.userUpdated(b))
        #expect(state.user(login: "bob") == nil)
        #expect(state.user(login: "Robert")?.id == "usr_b")
        #expect(state.user(login: "new@x.io")?.id == "usr_b")
    }
}
