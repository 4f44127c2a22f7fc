import PosternJOSE

/// Checks Postern's own access tokens: signature by a published key, issuer, `typ: at+jwt`,
/// time, and the deny list. Used by introspection, revocation and every Bearer endpoint.
public struct AccessTokenVerifier: Sendable {
    let issuer: String
    let keys: KeyRing
    let clock: any Clock

    public init(issuer: String, keys: KeyRing, clock: any Clock) {
        self.issuer = issuer
        self.keys = keys
        self.clock = clock
    }

    /// The verified claims, or `invalid_token` / `token_expired` / `token_revoked` (API.md "Errors").
    public func verify(_ token: String, in state: AuthState) throws(PosternError) -> JWTClaims {
        let keys = self.keys
        let clock = self.clock
        // Audience is each resource's own check; this server accepts its tokens whatever their aud. API.md signs access
        // tokens with ES256 only, so nothing else is accepted (RFC 8725 §3.1: accept only the algorithms in use).
        let validator = JWTValidator(algorithms: [.es256], keyLookup: { keys.verificationKey(kid: $0) },
                                     issuer: issuer, audience: nil, requiredType: "at+jwt", leeway: 0,
                                     now: { clock.now() })
        let claims: JWTClaims
        do {
            claims = try validator.validate(token).claims
        } catch JOSEError.expired {
            throw PosternError(.tokenExpired)
        } catch {
            throw PosternError(.invalidToken, debug: "\(error)")
        }
        // Every token Postern signs has a jti, and the deny list works by it: one without is not ours.
        guard let jti = claims.jwtID else { throw PosternError(.invalidToken, debug: "no jti") }
        if state.isDenied(jti: jti) { throw PosternError(.tokenRevoked) }
        return claims
    }
}
