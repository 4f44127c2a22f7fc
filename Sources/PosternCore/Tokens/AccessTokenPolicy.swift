import PosternJOSE

/// How access tokens are shaped: issuer, lifetime, and the RFC 9068 claim set.
public struct AccessTokenPolicy: Sendable {
    public let issuer: String
    /// API.md: default lifetime 900 s.
    public let lifetime: Int64

    public init(issuer: String, lifetime: Int64 = 900) {
        self.issuer = issuer
        self.lifetime = lifetime
    }

    /// RFC 9068 §2.2 claims: iss, exp, aud, sub, client_id, iat, jti, plus nbf and scope (API.md "Tokens").
    public func claims(subject: String, client: Client, audience: String?, scope: Scope, now: Int64,
                       jti: String = Identifier.make(.token), extra: [String: JSONValue] = [:]) -> JWTClaims {
        var members = extra
        members["client_id"] = .string(client.id)
        members["scope"] = .string(scope.description)
        return JWTClaims(issuer: issuer, subject: subject, audience: [self.audience(audience, for: client)],
                         expiration: now + lifetime, notBefore: now, issuedAt: now, jwtID: jti, extra: members)
    }

    /// API.md "Tokens": `aud` is the resource named (RFC 8707, already checked), else the client's registered
    /// default audience, else the issuer.
    public func audience(_ resource: String?, for client: Client) -> String {
        resource ?? client.defaultAudience ?? issuer
    }
}
