import PosternJOSE

/// RFC 6749 §4.3, the resource owner password grant: only for clients registered with it (API.md).
public struct PasswordGrant: Grant {
    public enum Validated: Sendable {
        /// The password matched; `rehash` is a new PHC string when the stored parameters are outdated.
        case authenticated(userID: String, scope: Scope, audience: String?, rehash: String?)
        /// Wrong credentials, unknown or disabled account: one answer for all (no enumeration).
        case refused(userID: String?, reason: String, locked: Bool)
    }

    public static let grantType = GrantType.password
    public static let allowedParameters: Set<String> = ["username", "password", "scope", "resource"]
    /// The debug text of this grant's own 429: metrics count it as a throttled login, unlike a 429 from client
    /// authentication on the same request.
    public static let throttledDebugText = "password checks for this account or address are throttled"

    let accessTokens: AccessTokenPolicy
    let refresh: RefreshPolicy
    let passwords: PasswordChecker
    let throttle: Throttle

    public init(accessTokens: AccessTokenPolicy, refresh: RefreshPolicy, passwords: PasswordChecker, throttle: Throttle) {
        self.accessTokens = accessTokens
        self.refresh = refresh
        self.passwords = passwords
        self.throttle = throttle
    }

    public func validate(_ request: GrantRequest, snapshot: AuthState) throws(PosternError) -> Validated {
        guard let login = request.parameters["username"] else { throw .invalidRequest("username is required", field: "username") }
        guard let password = request.parameters["password"] else {
            throw .invalidRequest("password is required", field: "password")
        }
        let scope = try request.grantedScope(limit: request.client.scope)
        let audience = try ResourceIndicator.audience(request.parameters["resource"], for: request.client)
        let user = snapshot.user(login: login)
        // API.md: "After 5 failures for an account … further attempts for it wait", so the backoff is keyed by the
        // account, not by how the login was spelled: every spelling the look-up accepts (case, spaces around an email,
        // email or username) shares the user's key, and a login naming nobody keys by the look-up's form of it.
        let account = user.map { "user " + $0.id } ?? "login " + User.normalize(login: login)
        // API.md: a correct password during the backoff is still refused until it ends.
        let ipKey = Throttle.key(forIP: request.clientIP)
        if let wait = throttle.admit(account: account, ipKey: ipKey) {
            throw .rateLimited(retryAfter: Int(wait), debug: Self.throttledDebugText)
        }
        let verification = try passwords.verify(password, against: user?.passwordHash)
        guard let user, case .valid(let needsRehash) = verification, !user.disabled else {
            throttle.record(account: account, ipKey: ipKey, succeeded: false)
            let reason = user == nil ? "unknown account" : (user!.disabled ? "disabled" : "wrong password")
            return .refused(userID: user?.id, reason: reason, locked: throttle.isLocked(account: account, ipKey: ipKey))
        }
        throttle.record(account: account, ipKey: ipKey, succeeded: true)
        return .authenticated(userID: user.id, scope: scope, audience: audience,
                              rehash: needsRehash ? try passwords.hash(password) : nil)
    }

    public func decide(_ validated: Validated, request: GrantRequest, state: AuthState) -> GrantDecision {
        let client = request.client
        switch validated {
        case let .refused(userID, reason, locked):
            var audit = [AuditEntry(type: "user.login", result: "failure", clientID: client.id, subject: userID,
                                    detail: ["method": "password", "reason": reason])]
            if locked, let userID { audit.append(AuditEntry(type: "user.locked", clientID: client.id, subject: userID)) }
            return .failure(PosternError(.invalidGrant, description: "Invalid username or password", debug: reason),
                            audit: audit)

        case let .authenticated(userID, scope, audience, rehash):
            // The snapshot may be stale: the account could have been disabled or deleted meanwhile.
            guard var user = state.users[userID], !user.disabled else {
                return .failure(PosternError(.invalidGrant, description: "Invalid username or password", debug: "gone"))
            }
            let now = request.now
            let amr = ["pwd"]
            // With a refresh token, the access token names its family, so revoking the family denies it.
            let familyID = client.allows(.refreshToken) ? Identifier.make(.session) : nil
            let claims = accessTokens.claims(subject: user.id, client: client, audience: audience, scope: scope, now: now,
                                             jti: familyID.map(RefreshFamily.accessTokenID) ?? Identifier.make(.token),
                                             extra: AccessTokenPolicy.loginClaims(authTime: now, amr: amr, roles: user.roles))
            user.lastLoginAt = now
            if let rehash { user.passwordHash = rehash }
            var records: [AuthRecord] = [.userUpdated(user)]
            var refreshToken: String?
            if let familyID {
                let started = refresh.startFamily(id: familyID, client: client, subject: user.id, scope: scope,
                                                  authTime: now, amr: amr, audience: audience, now: now,
                                                  accessToken: .init(jti: claims.jwtID ?? "", expiresAt: claims.expiration ?? now))
                refreshToken = started.token
                records.append(started.record)
            }
            let audit = AuditEntry(type: "user.login", clientID: client.id, subject: user.id, detail: ["method": "password"])
            return GrantDecision(records: records, audit: [audit], outcome: .success(
                TokenGrant(accessToken: claims, refreshToken: refreshToken, scope: scope, expiresIn: accessTokens.lifetime)))
        }
    }
}
