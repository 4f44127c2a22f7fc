/// A JWT whose signature, algorithm, issuer, audience, type and validity window have all been checked.
public struct VerifiedJWT: Sendable, Equatable {
    public let header: JWSHeader
    public let claims: JWTClaims
    /// The key that verified it (its `kid` is the token's).
    public let key: JWK
}
