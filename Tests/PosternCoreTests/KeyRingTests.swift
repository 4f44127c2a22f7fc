import PosternCrypto
import PosternJOSE
import Testing
@testable import PosternCore

@Suite struct KeyRingTests {
    let secret = SecureRandom.bytes(32)
    let policy = KeyRingSchedule.Policy(jwksMaxAge: 300, rotationPeriod: 90 * 86_400)

    func settle(_ ring: KeyRing, _ state: inout AuthState, at now: Int64) throws {
        for r in try ring.maintenance(state: state, now: now) { try state.apply(r) }
        try ring.load(from: state)
    }

    @Test func firstStartGeneratesAnActiveKeyPublishedInTheJWKS() throws {
        var state = AuthState(keyPolicy: policy)
        let ring = KeyRing(encryptionKey: secret, tokenLifetime: 900)
        try settle(ring, &state, at: 1_000)
        let p = ring.published
        let signer = try #require(p.accessTokenSigner)
        #expect(signer.type == "at+jwt" && p.idTokenSigner?.type == "JWT")
        #expect(p.jwks.keys.map(\.keyID) == [signer.keyID])
        // The kid is the RFC 7638 thumbprint, and the JWKS holds no private member.
        #expect(p.jwks.keys[0].thumbprint == signer.keyID)
        let text = String(decoding: p.jwksBody, as: UTF8.self)
        #expect(!text.contains("\"d\""))
        #expect(p.etag.hasPrefix("\"") && p.etag.hasSuffix("\""))
        // Nothing more is due.
        #expect(try ring.maintenance(state: state, now: 1_001).isEmpty)
    }

    @Test func rotationPublishesFirstThenSwitchesThenRemoves() throws {
        var state = AuthState(keyPolicy: policy)
        let ring = KeyRing(encryptionKey: secret, tokenLifetime: 900)
        try settle(ring, &state, at: 0)
        let first = try #require(ring.published.accessTokenSigner?.keyID)
        let etag1 = ring.published.etag
        try state.apply(try #require(try ring.rotation(state: state, now: 10)))
        try ring.load(from: state)
        #expect(ring.published.jwks.keys.count == 2)
        #expect(ring.published.accessTokenSigner?.keyID == first)
        #expect(ring.published.etag != etag1)
        #expect(try ring.rotation(state: state, now: 11) == nil)
        try settle(ring, &state, at: 310)
        let second = try #require(ring.published.accessTokenSigner?.keyID)
        #expect(second != first)
        #expect(ring.verificationKey(kid: first) != nil)
        try settle(ring, &state, at: 310 + 900)
        #expect(ring.published.jwks.keys.map(\.keyID) == [second])
        #expect(ring.verificationKey(kid: first) == nil)
    }

    @Test func aTokenSignedBeforeRotationStillVerifiesAfterIt() throws {
        var state = AuthState(keyPolicy: policy)
        let ring = KeyRing(encryptionKey: secret, tokenLifetime: 900)
        try settle(ring, &state, at: 0)
        let token = try ring.published.accessTokenSigner!.sign(JWTClaims(issuer: "i", subject: "s", audience: ["a"], expiration: 900))
        try state.apply(try #require(try ring.rotation(state: state, now: 10)))
        try settle(ring, &state, at: 310)
        let validator = JWTValidator(algorithms: [.es256], keys: ring.published.jwks, issuer: "i", audience: "a", now: { 320 })
        #expect(try validator.validate(token).claims.subject == "s")
    }

    @Test func restartWithTheSameSecretLoadsTheSameKeysAndAWrongSecretFails() throws {
        var state = AuthState(keyPolicy: policy)
        let ring = KeyRing(encryptionKey: secret, tokenLifetime: 900)
        try settle(ring, &state, at: 0)
        let again = KeyRing(encryptionKey: secret, tokenLifetime: 900)
        try again.load(from: state)
        #expect(again.published.jwksBody == ring.published.jwksBody)
        #expect(again.published.etag == ring.published.etag)
        let wrong = KeyRing(encryptionKey: SecureRandom.bytes(32), tokenLifetime: 900)
        #expect(throws: PosternError.self) { try wrong.load(from: state) }
    }

    @Test func automaticRotationAfterThePeriod() throws {
        var state = AuthState(keyPolicy: policy)
        let ring = KeyRing(encryptionKey: secret, tokenLifetime: 900)
        try settle(ring, &state, at: 0)
        let records = try ring.maintenance(state: state, now: 90 * 86_400)
        guard case .signingKeyPublished(_, _, _, _, let activatesAt)? = records.first else {
            Issue.record("no automatic rotation")
            return
        }
        #expect(activatesAt == 90 * 86_400 + 300)
    }
}

@Suite struct AuthorizationServiceTests {
    @Test func firstStartMakesAKeyAndAnAuditEventAndIssuesVerifiableTokens() throws {
        let store = MemoryAuthStore(AuthState())
        let config = try Config.load(environment: [:])
        let service = AuthorizationService(issuer: "https://id.example", config: config, store: store,
                                           encryptionKey: SecureRandom.bytes(32), clock: ManualClock())
        try service.maintainKeys()
        #expect(store.audit.map(\.type) == ["key.rotated"])
        #expect(service.keys.published.accessTokenSigner != nil)
        // A second run at the same time has nothing to do.
        try service.maintainKeys()
        #expect(store.audit.count == 1)
        #expect(service.discovery.members["grant_types_supported"] != nil)
    }

    /// API.md "Configuration": the encryption key seals the private keys. A key that cannot open the sealed ones (a
    /// wrong POSTERN_ENCRYPTION_KEY) must not seal a new key beside them when a rotation falls due: nothing is written.
    @Test func aWrongEncryptionKeyIsRefusedBeforeARotationIsSealedWithIt() throws {
        let store = MemoryAuthStore(AuthState())
        let config = try Config.load(environment: [:])
        let clock = ManualClock()
        try AuthorizationService(issuer: "https://id.example", config: config, store: store,
                                 encryptionKey: SecureRandom.bytes(32), clock: clock).maintainKeys()
        let before = store.snapshot().keyRing
        clock.advance(90 * 86_400)
        let wrong = AuthorizationService(issuer: "https://id.example", config: config, store: store,
                                         encryptionKey: SecureRandom.bytes(32), clock: clock)
        #expect(throws: PosternError.self) { try wrong.maintainKeys() }
        #expect(store.snapshot().keyRing == before)
        #expect(store.audit.count == 1)
    }

    /// Restarts with `POSTERN_ACCESS_TOKEN_TTL` raised and then lowered while one key signs: the raise is committed
    /// at start-up, before a longer-lived token is signed, so the key outlives the longest token it signed.
    @Test func aRestartWithALongerLifetimeIsRecordedBeforeTheKeySignsUnderIt() throws {
        let store = MemoryAuthStore(AuthState())
        let clock = ManualClock()
        let encryptionKey = SecureRandom.bytes(32)
        func start(ttl: String) throws -> AuthorizationService {
            let config = try Config.load(environment: ["POSTERN_ACCESS_TOKEN_TTL": ttl])
            let service = AuthorizationService(issuer: "https://id.example", config: config, store: store,
                                               encryptionKey: encryptionKey, clock: clock)
            try service.maintainKeys()
            return service
        }
        let first = try #require(try start(ttl: "900").keys.published.accessTokenSigner?.keyID)
        clock.advance(60)
        _ = try start(ttl: "86400")
        #expect(store.snapshot().keyRing.activeKey?.signedLifetime == 86_400)
        clock.advance(60)
        try rotateAndExpectRetention(of: first, for: 86_400, service: try start(ttl: "900"), store: store, clock: clock)
    }

    /// API.md "Discovery and keys": a retired key stays published until every token it signed has expired, however
    /// long `POSTERN_ACCESS_TOKEN_TTL` makes them.
    @Test func aRetiredKeyStaysPublishedForTheConfiguredAccessTokenLifetime() throws {
        let store = MemoryAuthStore(AuthState())
        let config = try Config.load(environment: ["POSTERN_ACCESS_TOKEN_TTL": "86400"])
        let clock = ManualClock()
        let service = AuthorizationService(issuer: "https://id.example", config: config, store: store,
                                           encryptionKey: SecureRandom.bytes(32), clock: clock)
        try service.maintainKeys()
        let first = try #require(service.keys.published.accessTokenSigner?.keyID)
        // A token the first key signed just before it retired lives a day.
        try rotateAndExpectRetention(of: first, for: 86_400, service: service, store: store, clock: clock)
    }

    /// Rotates away from `first` (published, then active one max-age later) and expects it to stay verifiable for
    /// exactly `seconds` after it retired.
    func rotateAndExpectRetention(of first: String, for seconds: Int64, service: AuthorizationService,
                                  store: MemoryAuthStore, clock: ManualClock) throws {
        let rotation = try #require(try service.keys.rotation(state: store.snapshot(), now: clock.now()))
        try store.update(AuditOrigin(requestID: "", ip: "")) { _ in ([rotation], [], ()) }
        clock.advance(300)
        try service.maintainKeys()
        #expect(service.keys.published.accessTokenSigner?.keyID != first)
        clock.advance(seconds - 1)
        try service.maintainKeys()
        #expect(service.keys.verificationKey(kid: first) != nil)
        clock.advance(1)
        try service.maintainKeys()
        #expect(service.keys.verificationKey(kid: first) == nil)
    }
}
