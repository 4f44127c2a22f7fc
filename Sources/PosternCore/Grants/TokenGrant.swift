import PosternJOSE

/// The tokens a grant decided to issue, not yet signed: signing happens outside the store lock.
public struct TokenGrant: Sendable {
    /// RFC 9068 access-token claims, complete but for the signature.
    public var accessToken: JWTClaims
    /// An opaque `rt_…` refresh token, already recorded (as a hash) in the decision's records.
    public var refreshToken: String?
    public var scope: Scope
    public var expiresIn: Int64
    /// A refresh grace replay: the pair issued before, answered again. Nothing new is issued, so there is no
    /// `token.issued` event and the issue is not counted again.
    public var isReplay: Bool

    public init(accessToken: JWTClaims, refreshToken: String? = nil, scope: Scope, expiresIn: Int64, isReplay: Bool = false) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.scope = scope
        self.expiresIn = expiresIn
        self.isReplay = isReplay
    }
}
