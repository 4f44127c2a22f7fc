/// One login's chain of refresh tokens: at most one live token and its immediate predecessor (for the
/// concurrent-refresh grace). Every retired token still names the family through `AuthState`'s hash index, so
/// presenting one is detected as reuse; the family itself stays the same size however often it rotates.
///
/// Tokens are known only by their SHA-256 hashes (API.md "Tokens": stored only as a hash).
public struct RefreshFamily: Codable, Sendable, Equatable {
    /// A retired token that may still be replayed within the grace window.
    public struct Predecessor: Codable, Sendable, Equatable {
        public let tokenHash: [UInt8]
        public let rotatedAt: Int64
    }

    /// An access token issued from this family: the newest is kept so a grace replay can answer with it again.
    public struct IssuedAccessToken: Codable, Sendable, Equatable {
        public let jti: String
        public let expiresAt: Int64
    }

    /// The `jti` of an access token issued from family `id`: it names the family, so revoking the family denies
    /// every such token (`AuthState.isDenied`) without a list of them that each rotation would copy.
    public static func accessTokenID(family id: String) -> String {
        Identifier.make(.token) + "." + id
    }

    /// The family an access-token `jti` names, if it was issued from one.
    public static func family(ofAccessTokenID jti: String) -> Substring? {
        guard let dot = jti.utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        return jti[jti.utf8.index(after: dot)...]
    }

    public let id: String
    public let clientID: String
    public let subject: String
    public let scope: [String]
    /// Time of the actual login; stays fixed across every token of the family (OIDC `auth_time`).
    public let authTime: Int64
    /// How the user authenticated at that login (OIDC `amr`), repeated in every access token of the family. Nil for a
    /// family recorded before the field existed: its tokens carry no `amr`.
    public let amr: [String]?
    /// The RFC 8707 resource the login named, the `aud` of every access token of the family (nil: the client's
    /// default audience, else the issuer); a refresh may not name another. Nil too for a family recorded before the
    /// field existed, which no login with a resource could have made.
    public let audience: String?
    public let createdAt: Int64
    /// API.md: the family's absolute lifetime (90 days) is never extended by rotation.
    public let absoluteExpiresAt: Int64

    public private(set) var currentHash: [UInt8]
    public private(set) var currentIssuedAt: Int64
    /// Sliding idle expiry of the current token.
    public private(set) var idleExpiresAt: Int64
    public private(set) var generation: Int
    public private(set) var predecessor: Predecessor?
    /// The newest access token issued from the family; every older one expires no later.
    public private(set) var lastAccessToken: IssuedAccessToken
    public private(set) var revokedAt: Int64?

    public init(id: String, clientID: String, subject: String, scope: [String], authTime: Int64, amr: [String]?,
                audience: String? = nil, createdAt: Int64, absoluteLifetime: Int64, idleLifetime: Int64, firstTokenHash: [UInt8],
                accessToken: IssuedAccessToken) {
        self.id = id
        self.clientID = clientID
        self.subject = subject
        self.scope = scope
        self.authTime = authTime
        self.amr = amr
        self.audience = audience
        self.createdAt = createdAt
        self.absoluteExpiresAt = createdAt + absoluteLifetime
        self.currentHash = firstTokenHash
        self.currentIssuedAt = createdAt
        self.idleExpiresAt = min(createdAt + idleLifetime, createdAt + absoluteLifetime)
        self.generation = 0
        self.predecessor = nil
        self.lastAccessToken = accessToken
        self.revokedAt = nil
    }

    public var isRevoked: Bool { revokedAt != nil }

    /// Whether an access token issued from the family may still be unexpired at `now`.
    public func hasLiveAccessTokens(at now: Int64) -> Bool { lastAccessToken.expiresAt > now }

    /// Replaces the live token with its successor. The caller has decided `.rotate` under the store lock.
    public mutating func rotate(to successorHash: [UInt8], at now: Int64, idleLifetime: Int64,
                                accessToken: IssuedAccessToken) {
        predecessor = Predecessor(tokenHash: currentHash, rotatedAt: now)
        currentHash = successorHash
        currentIssuedAt = now
        idleExpiresAt = min(now + idleLifetime, absoluteExpiresAt)
        generation += 1
        lastAccessToken = accessToken
    }

    /// Marks the whole family dead: no token of it refreshes again.
    public mutating func revoke(at now: Int64) {
        if revokedAt == nil { revokedAt = now }
    }
}
