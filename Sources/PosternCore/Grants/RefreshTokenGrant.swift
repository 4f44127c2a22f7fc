import PosternJOSE

/// RFC 6749 §6: a refresh token is exchanged for a new access token and its one successor.
public struct RefreshTokenGrant: Grant {
    public struct Validated: Sendable {
        let presentedHash: [UInt8]
        /// The one successor the presented token can have, and its hash: computed here, so that the store lock
        /// holds no HMAC.
        let successor: String
        let successorHash: [UInt8]
        let requestedScope: Scope?
        /// RFC 8707 §2.2: a refresh may name a resource, which must be the one the login was for.
        let requestedAudience: String?
    }

    public static let grantType = GrantType.refreshToken
    public static let allowedParameters: Set<String> = ["refresh_token", "scope", "resource"]

    let accessTokens: AccessTokenPolicy
    let refresh: RefreshPolicy

    public init(accessTokens: AccessTokenPolicy, refresh: RefreshPolicy) {
        self.accessTokens = accessTokens
        self.refresh = refresh
    }

    public func validate(_ request: GrantRequest, snapshot: AuthState) throws(PosternError) -> Validated {
        guard let token = request.parameters["refresh_token"] else {
            throw .invalidRequest("refresh_token is required", field: "refresh_token")
        }
        guard RefreshTokenCodec.isWellFormed(token) else { throw PosternError(.invalidGrant, debug: "malformed refresh token") }
        var scope: Scope?
        if let text = request.parameters["scope"] {
            guard let parsed = Scope(parsing: text) else {
                throw PosternError(.invalidScope, description: "The scope parameter is malformed")
            }
            scope = parsed
        }
        let audience = try ResourceIndicator.audience(request.parameters["resource"], for: request.client)
        let successor = refresh.codec.successor(of: token)
        return Validated(presentedHash: RefreshTokenCodec.hash(token), successor: successor,
                         successorHash: RefreshTokenCodec.hash(successor), requestedScope: scope, requestedAudience: audience)
    }

    public func decide(_ v: Validated, request: GrantRequest, state: AuthState) -> GrantDecision {
        let client = request.client
        // RFC 6749 §6: "validate the refresh token … was issued to the authenticated client".
        guard let family = state.family(tokenHash: v.presentedHash), family.clientID == client.id else {
            return .failure(PosternError(.invalidGrant, debug: "unknown refresh token or other client"))
        }
        let granted = Scope(family.scope)
        let scope = v.requestedScope ?? granted
        let audit = AuditEntry(type: "token.refreshed", clientID: client.id, subject: family.subject,
                               detail: ["family": family.id])
        let decision = family.decide(presentedHash: v.presentedHash, at: request.now,
                                     graceSeconds: refresh.graceSeconds(for: client))
        let user = state.users[family.subject].flatMap { $0.disabled ? nil : $0 }
        // Only a token that would be answered is checked against its grant; a retired one is reuse (below) whatever
        // else the request says. Nothing is written for these refusals.
        if decision == .rotate || decision == .replayWithinGrace {
            // RFC 6749 §6: the requested scope "MUST NOT include any scope not originally granted".
            if let requested = v.requestedScope, !requested.isSubset(of: granted) {
                return .failure(PosternError(.invalidScope, description: "The requested scope exceeds the original grant"))
            }
            // RFC 8707 §2.2: the resource of a refresh must be within the original grant, which named one audience
            // (the login's resource, or the default its tokens carry).
            if let requested = v.requestedAudience, requested != accessTokens.audience(family.audience, for: client) {
                return .failure(PosternError(.invalidTarget, description: "The resource is not the one the login was for"))
            }
            // A refresh must not outlive the login it continues: a disabled or deleted account gets the password
            // grant's invalid_grant.
            guard user != nil else {
                return .failure(PosternError(.invalidGrant, debug: "subject \(family.subject) is disabled or gone"))
            }
        }
        // API.md "Tokens": roles are the user's current ones, so a change takes effect at the next refresh.
        let roles = user?.roles ?? []
        switch decision {
        case .rotate:
            let claims = accessClaims(family: family, client: client, scope: scope, roles: roles, now: request.now)
            let record = AuthRecord.refreshRotated(
                familyID: family.id, successorHash: v.successorHash, at: request.now,
                idleLifetime: refresh.idleLifetime,
                accessToken: .init(jti: claims.jwtID ?? "", expiresAt: claims.expiration ?? request.now))
            var entry = audit
            entry.detail["jti"] = claims.jwtID
            return GrantDecision(records: [record], audit: [entry], outcome: .success(
                TokenGrant(accessToken: claims, refreshToken: v.successor, scope: scope, expiresIn: accessTokens.lifetime)))

        case .replayWithinGrace:
            // The same successor pair again: the recomputed token, and the access token with its recorded jti and exp.
            let issued = family.lastAccessToken
            guard v.successorHash == family.currentHash, let rotatedAt = family.predecessor?.rotatedAt else {
                return .failure(PosternError(.invalidGrant, debug: "grace replay without a matching successor"))
            }
            var claims = accessClaims(family: family, client: client, scope: scope, roles: roles, now: rotatedAt,
                                      jti: issued.jti)
            claims.expiration = issued.expiresAt
            var entry = audit
            entry.detail["grace_replay"] = "true"
            entry.detail["jti"] = issued.jti
            return GrantDecision(audit: [entry], outcome: .success(
                TokenGrant(accessToken: claims, refreshToken: v.successor, scope: scope,
                           expiresIn: max(0, issued.expiresAt - request.now), isReplay: true)))

        case .reuseDetected:
            // API.md: any other retired token revokes the whole family and the access tokens issued from it (their
            // jti names the family: `AuthState.isDenied`).
            let records: [AuthRecord] = [.refreshFamilyRevoked(familyID: family.id, at: request.now)]
            let entry = AuditEntry(type: "token.reuse_detected", result: "failure", clientID: client.id,
                                   subject: family.subject, detail: ["family": family.id])
            return .failure(PosternError(.invalidGrant, debug: "refresh token reuse; family \(family.id) revoked"),
                            records: records, audit: [entry])

        case .expired:
            return .failure(PosternError(.invalidGrant, debug: "refresh token expired"))
        case .revoked:
            return .failure(PosternError(.invalidGrant, debug: "refresh family revoked"))
        }
    }

    /// A new access token's claims (its jti names the family), or with `jti` those of one already issued.
    /// The login's `auth_time` and `amr` stay those of the family; `roles` are the user's now.
    private func accessClaims(family: RefreshFamily, client: Client, scope: Scope, roles: [String], now: Int64,
                              jti: String? = nil) -> JWTClaims {
        accessTokens.claims(subject: family.subject, client: client, audience: family.audience, scope: scope, now: now,
                            jti: jti ?? RefreshFamily.accessTokenID(family: family.id),
                            extra: AccessTokenPolicy.loginClaims(authTime: family.authTime, amr: family.amr, roles: roles))
    }
}
