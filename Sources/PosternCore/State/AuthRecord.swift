/// A change to Postern's durable state; the store logs these and `AuthState.apply` is the only place they take effect.
///
/// Every time a record needs is inside it: applying never reads the clock, so replaying
/// the log after a restart rebuilds exactly the state the live commits built.
public enum AuthRecord: Codable, Sendable, Equatable {
    case clientRegistered(Client)
    case clientUpdated(Client)
    case clientDeleted(id: String)

    case userCreated(User)
    case userUpdated(User)

    /// A signing key joins the JWKS; its private key is sealed with the encryption key (AES-256-GCM).
    case signingKeyPublished(kid: String, algorithm: String, sealedPrivateKey: [UInt8], at: Int64, activatesAt: Int64)
    /// `kid` starts signing; the key it replaces leaves the JWKS at `retiredKeyRemoveAt`, decided from the token
    /// lifetime configured when the activation was committed (absent in logs written before it was recorded).
    /// `tokenLifetime` is that lifetime, remembered with `kid` for its own retirement (absent in older logs).
    case signingKeyActivated(kid: String, at: Int64, retiredKeyRemoveAt: Int64?, tokenLifetime: Int64? = nil)
    /// The active `kid` signs tokens of up to `tokenLifetime` seconds from now on (the setting was raised since its
    /// activation, or the activation did not record one): its retirement counts from the longest.
    case signingKeyLifetimeRaised(kid: String, tokenLifetime: Int64)
    case signingKeyRemoved(kid: String)

    case refreshFamilyStarted(RefreshFamily)
    case refreshRotated(familyID: String, successorHash: [UInt8], at: Int64, idleLifetime: Int64,
                        accessToken: RefreshFamily.IssuedAccessToken)
    case refreshFamilyRevoked(familyID: String, at: Int64)

    /// A JWT access token's `jti` is refused until its `exp` (logout, family revocation, admin, RFC 7009).
    case accessTokenDenied(jti: String, expiresAt: Int64)
}
