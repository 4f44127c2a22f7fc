import Foundation
import PosternCrypto

/// Postern's domain in one object: the OAuth endpoints, the key ring and the policies, built from
/// the configuration over any `AuthStore`. The HTTP layer calls it; it knows nothing of HTTP.
public final class AuthorizationService: Sendable {
    public let issuer: String
    public let store: any AuthStore
    public let keys: KeyRing
    public let clock: any Clock
    public let token: TokenEndpoint
    public let introspection: IntrospectionEndpoint
    public let revocation: RevocationEndpoint
    public let verifier: AccessTokenVerifier
    public let passwords: PasswordChecker
    public let discovery: DiscoveryDocument

    /// The grants this build serves, in discovery order.
    public static let grantTypes: [GrantType] = [.clientCredentials, .password, .refreshToken]

    public init(issuer: String, config: Config, store: any AuthStore, encryptionKey: [UInt8],
                clock: any Clock = SystemClock(), hasher: PasswordHasher = PasswordHasher()) {
        self.issuer = issuer
        self.store = store
        self.clock = clock
        // The keys sign access tokens only (ID tokens, which API.md gives no lifetime of their own, are not issued
        // yet): a retired key stays published for one access-token lifetime.
        keys = KeyRing(encryptionKey: encryptionKey, tokenLifetime: Int64(config.accessTokenTTL))
        let cores = ProcessInfo.processInfo.activeProcessorCount
        // API.md "Abuse protection": one hash per core at a time, and a short queue.
        passwords = PasswordChecker(hasher: hasher, concurrency: cores, queueDepth: 2 * cores)
        let access = AccessTokenPolicy(issuer: issuer, lifetime: Int64(config.accessTokenTTL))
        let refresh = RefreshPolicy(codec: RefreshTokenCodec(secret: encryptionKey), idleLifetime: Int64(config.refreshTokenTTL),
                                    defaultGraceSeconds: Int64(config.refreshGraceSeconds))
        let keys = self.keys
        // API.md "Abuse protection": the same per-address rate for both; for client secrets only failures spend it.
        func throttle(_ kind: Throttle.Kind) -> Throttle {
            Throttle(policy: Throttle.Policy(ipCapacity: Double(max(20, config.loginRatePerIP / 3)),
                                             ipRefillPerSecond: Double(config.loginRatePerIP) / 60, kind: kind), clock: clock)
        }
        let clients = ClientAuthenticator(throttle: throttle(.secrets))
        token = TokenEndpoint(store: store, grants: [
            ClientCredentialsGrant(accessTokens: access),
            PasswordGrant(accessTokens: access, refresh: refresh, passwords: passwords, throttle: throttle(.passwords)),
            RefreshTokenGrant(accessTokens: access, refresh: refresh),
        ], signer: AccessTokenSigner { keys.published.accessTokenSigner }, authenticator: clients, clock: clock)
        verifier = AccessTokenVerifier(issuer: issuer, keys: keys, clock: clock)
        introspection = IntrospectionEndpoint(store: store, verifier: verifier, authenticator: clients)
        revocation = RevocationEndpoint(store: store, verifier: verifier, authenticator: clients)
        discovery = DiscoveryDocument(issuer: issuer, grantTypes: AuthorizationService.grantTypes)
    }

    /// Commits what the key schedule needs now (a first key, a due rotation or activation) and reloads the signers.
    /// Called at start-up and then periodically.
    public func maintainKeys() throws(PosternError) {
        let now = clock.now()
        let snapshot = store.snapshot()
        // Keys are generated outside the store lock; the commit is skipped if another run changed the schedule meanwhile.
        let records = try keys.maintenance(state: snapshot, now: now)
        if !records.isEmpty {
            // A new key is sealed with this ring's encryption key: one that cannot open the keys already sealed
            // (a wrong POSTERN_ENCRYPTION_KEY) is refused here, before a key only it opens joins them.
            try keys.load(from: snapshot)
            let audit = records.compactMap { record -> AuditEntry? in
                guard case let .signingKeyPublished(kid, _, _, _, activatesAt) = record else { return nil }
                return AuditEntry(type: "key.rotated", detail: ["kid": kid, "activates_at": String(activatesAt)])
            }
            try store.update(AuditOrigin(requestID: "", ip: "")) { state -> (records: [AuthRecord], audit: [AuditEntry], value: Void) in
                state.keyRing == snapshot.keyRing ? (records, audit, ()) : ([], [], ())
            }
        }
        try keys.load(from: store.snapshot())
    }
}
