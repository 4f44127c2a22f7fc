import PosternJOSE

extension AccessTokenPolicy {
    /// API.md "Tokens": the claims an access token issued for a user carries about the login behind it (`auth_time`,
    /// `amr`) and the user's `roles`, one rule for the login and every refresh of it.
    static func loginClaims(authTime: Int64, amr: [String]?, roles: [String]) -> [String: JSONValue] {
        var claims: [String: JSONValue] = ["auth_time": .integer(authTime)]
        if let amr { claims["amr"] = .array(amr.map { .string($0) }) }
        if !roles.isEmpty { claims["roles"] = .array(roles.map { .string($0) }) }
        return claims
    }
}
