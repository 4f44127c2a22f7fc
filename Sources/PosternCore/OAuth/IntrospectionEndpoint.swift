import PosternJOSE

/// `POST /oauth/introspect`, RFC 7662: is this token active, and what does it carry?
///
/// Any authenticated confidential client may introspect access tokens (resource servers
/// do); a refresh token is described only to the client it was issued to. Everything that
/// is not an active token of ours answers `{"active":false}` and nothing else (RFC 7662 §2.2).
public struct IntrospectionEndpoint: Sendable {
    let store: any AuthStore
    let verifier: AccessTokenVerifier
    private let authenticator: ClientAuthenticator

    public init(store: any AuthStore, verifier: AccessTokenVerifier, authenticator: ClientAuthenticator) {
        self.store = store
        self.verifier = verifier
        self.authenticator = authenticator
    }

    public func handle(_ request: TokenRequest) throws(PosternError) -> [UInt8] {
        let parameters = try request.uniqueParameters()
        let state = store.snapshot()
        let client = try authenticator.authenticate(request, parameters: parameters, in: state)
        // RFC 7662 §2.1: the caller must authenticate, and a public client has nothing to authenticate with; §2.3 answers
        // a caller without valid credentials with 401 as RFC 6749 §5.2 does (`invalid_client`).
        guard !client.isPublic else {
            throw .invalidClient(basicAttempted: request.basicAttempted, debug: "public client \(client.id) cannot introspect")
        }
        guard let token = parameters["token"] else { throw .invalidRequest("token is required", field: "token") }
        return JSONValue.object(describe(token, for: client, in: state)).serialized()
    }

    private func describe(_ token: String, for client: Client, in state: AuthState) -> [String: JSONValue] {
        let inactive: [String: JSONValue] = ["active": .bool(false)]
        if RefreshTokenCodec.isWellFormed(token) {
            let hash = RefreshTokenCodec.hash(token)
            guard let family = state.family(tokenHash: hash), family.clientID == client.id,
                  family.isLive(hash, at: verifier.clock.now()) else { return inactive }
            return ["active": .bool(true), "token_type": .string("refresh_token"), "client_id": .string(family.clientID),
                    "sub": .string(family.subject), "scope": .string(family.scope.joined(separator: " ")),
                    "exp": .integer(family.idleExpiresAt), "iat": .integer(family.currentIssuedAt)]
        }
        guard let claims = try? verifier.verify(token, in: state) else { return inactive }
        var members = claims.extra.filter { ["client_id", "scope", "auth_time", "roles", "org_id", "amr"].contains($0.key) }
        members["active"] = .bool(true)
        members["token_type"] = .string("Bearer")
        if let v = claims.issuer { members["iss"] = .string(v) }
        if let v = claims.subject { members["sub"] = .string(v) }
        if !claims.audience.isEmpty { members["aud"] = claims.audience.count == 1 ? .string(claims.audience[0]) : .array(claims.audience.map { .string($0) }) }
        if let v = claims.expiration { members["exp"] = .integer(v) }
        if let v = claims.issuedAt { members["iat"] = .integer(v) }
        if let v = claims.notBefore { members["nbf"] = .integer(v) }
        if let v = claims.jwtID { members["jti"] = .string(v) }
        return members
    }
}
