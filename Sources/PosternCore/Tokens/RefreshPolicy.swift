/// Refresh-token lifetimes and the default concurrent-refresh window (API.md "Tokens").
public struct RefreshPolicy: Sendable {
    /// Sliding idle lifetime: 30 days by default (`POSTERN_REFRESH_TOKEN_TTL`).
    public let idleLifetime: Int64
    /// A family's absolute lifetime: 90 days, never extended by rotation.
    public let absoluteLifetime: Int64
    /// `POSTERN_REFRESH_GRACE_SECONDS`, 0…300; a client's own `refresh_grace_seconds` wins.
    public let defaultGraceSeconds: Int64
    public let codec: RefreshTokenCodec

    public init(codec: RefreshTokenCodec, idleLifetime: Int64 = 30 * 86_400, absoluteLifetime: Int64 = 90 * 86_400,
                defaultGraceSeconds: Int64 = 30) {
        self.codec = codec
        self.idleLifetime = idleLifetime
        self.absoluteLifetime = absoluteLifetime
        self.defaultGraceSeconds = defaultGraceSeconds
    }

    public func graceSeconds(for client: Client) -> Int64 {
        client.refreshGraceSeconds ?? defaultGraceSeconds
    }

    /// A new family `id` (`Identifier.make(.session)`, made first so the login's access token can name it) for a
    /// fresh login: its first token and the record that stores its hash.
    public func startFamily(id: String, client: Client, subject: String, scope: Scope, authTime: Int64, amr: [String],
                            audience: String? = nil, now: Int64,
                            accessToken: RefreshFamily.IssuedAccessToken) -> (token: String, record: AuthRecord) {
        let token = codec.generate()
        let family = RefreshFamily(id: id, clientID: client.id, subject: subject,
                                   scope: scope.tokens, authTime: authTime, amr: amr, audience: audience, createdAt: now,
                                   absoluteLifetime: absoluteLifetime, idleLifetime: idleLifetime,
                                   firstTokenHash: RefreshTokenCodec.hash(token), accessToken: accessToken)
        return (token, .refreshFamilyStarted(family))
    }
}
