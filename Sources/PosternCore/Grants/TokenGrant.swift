import PosternJOSE

/// The tokens a grant decided to issue, not yet signed: signing happens outside the store lock.
public struct TokenGrant: Sendable {
    /// RFC 9068 access-token claims, complete but for the signature.
    public var accessToken: JWTClaims
    /// An opaque `rt_…` refresh token, already recorded (as a hash) in the decision's records.
    public var refreshToken: String?
    public var scope: Scope
    public var expiresIn: Int64

    public init(accessToken: JWTClaims, refreshToken: String? = nil, scope: Scope, expiresIn: Int64) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.scope = scope
        self.expiresIn = expiresIn
    }
}
