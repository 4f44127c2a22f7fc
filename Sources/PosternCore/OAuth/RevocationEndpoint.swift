import PosternStore

/// `POST /oauth/revoke`, RFC 7009: the client says it is done with a token.
///
/// RFC 7009 §2.2: "The authorization server responds with HTTP status code 200 if the
/// token has been revoked successfully or if the client submitted an invalid token", so an unknown, expired or
/// already revoked token changes nothing and answers 200. A valid token of another client is refused (§2.1: the
/// server "verifies whether the token was issued to the client making the revocation request. If this validation
/// fails, the request is refused"), with `unauthorized_client` as Hydra and Keycloak answer, and changes nothing.
public struct RevocationEndpoint: Sendable {
    let store: any AuthStore
    let verifier: AccessTokenVerifier
    private let authenticator: ClientAuthenticator

    public init(store: any AuthStore, verifier: AccessTokenVerifier, authenticator: ClientAuthenticator) {
        self.store = store
        self.verifier = verifier
        self.authenticator = authenticator
    }

    /// Returns the durability of the revocation (already done when nothing changed): answer once it is done.
    public func handle(_ request: TokenRequest) throws(PosternError) -> Durability {
        let parameters = try request.uniqueParameters()
        let snapshot = store.snapshot()
        let client = try authenticator.authenticate(request, parameters: parameters, in: snapshot)
        guard let token = parameters["token"] else { throw .invalidRequest("token is required", field: "token") }
        let now = verifier.clock.now()
        let origin = AuditOrigin(requestID: request.requestID, ip: request.clientIP)
        if RefreshTokenCodec.isWellFormed(token) {
            let hash = RefreshTokenCodec.hash(token)
            // A family's client never changes, so the snapshot answers this for the commit too. Only a token that would
            // still work is refused; a retired, revoked or expired one is as invalid as an unknown one (§2.2: 200), so
            // the answer tells another client nothing about the family's life.
            if let family = snapshot.family(tokenHash: hash), family.clientID != client.id {
                if family.isLive(hash, at: now) { throw Self.notYours }
                return .immediate
            }
            return try store.submit(origin) { state -> (records: [AuthRecord], audit: [AuditEntry], value: Void) in
                guard let family = state.family(tokenHash: hash), family.clientID == client.id, !family.isRevoked else {
                    return ([], [], ())
                }
                // RFC 7009 §2.1: revoking a refresh token SHOULD also invalidate the access tokens of the same grant:
                // theirs name the family (`AuthState.isDenied`).
                return ([.refreshFamilyRevoked(familyID: family.id, at: now)],
                        [AuditEntry(type: "token.revoked", clientID: client.id, subject: family.subject,
                                    detail: ["family": family.id, "token_type": "refresh_token"])], ())
            }.durability
        }
        guard let claims = try? verifier.verify(token, in: snapshot), let jti = claims.jwtID, let exp = claims.expiration else {
            return .immediate
        }
        guard claims.extra["client_id"]?.stringValue == client.id else { throw Self.notYours }
        return try store.submit(origin) { _ -> (records: [AuthRecord], audit: [AuditEntry], value: Void) in
            ([.accessTokenDenied(jti: jti, expiresAt: exp)],
             [AuditEntry(type: "token.revoked", clientID: client.id, subject: claims.subject,
                         detail: ["jti": jti, "token_type": "access_token"])], ())
        }.durability
    }

    private static let notYours = PosternError(.unauthorizedClient, description: "The token was not issued to this client")
}
