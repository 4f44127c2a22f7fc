/// One signing key's schedule, as the key ring keeps it (the key material lives elsewhere, encrypted).
public struct SigningKeyRecord: Codable, Sendable, Equatable {
    /// RFC 7638 thumbprint of the public key.
    public let kid: String
    public var state: SigningKeyState
    /// When it appeared in the JWKS.
    public let publishedAt: Int64
    /// When it may start signing (next → active).
    public var activatesAt: Int64
    /// When it stopped signing (active → retired).
    public var retiredAt: Int64?
    /// When it leaves the JWKS: the last token it can have signed has expired.
    public var removeAt: Int64?
    /// The token lifetime configured when it started signing: its retention counts from no less, even if the
    /// setting is lowered before it retires (nil for keys activated before this was recorded).
    public var signedLifetime: Int64?

    public init(kid: String, state: SigningKeyState, publishedAt: Int64, activatesAt: Int64,
                retiredAt: Int64? = nil, removeAt: Int64? = nil) {
        self.kid = kid
        self.state = state
        self.publishedAt = publishedAt
        self.activatesAt = activatesAt
        self.retiredAt = retiredAt
        self.removeAt = removeAt
    }
}
