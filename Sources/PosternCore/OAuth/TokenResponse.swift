import PosternJOSE

/// The successful token-endpoint answer, RFC 6749 §5.1.
public struct TokenResponse: Sendable, Equatable {
    public var accessToken: String
    public var expiresIn: Int64
    public var scope: Scope
    public var refreshToken: String?
    public var idToken: String?

    public init(accessToken: String, expiresIn: Int64, scope: Scope, refreshToken: String? = nil, idToken: String? = nil) {
        self.accessToken = accessToken
        self.expiresIn = expiresIn
        self.scope = scope
        self.refreshToken = refreshToken
        self.idToken = idToken
    }

    /// `{"access_token","token_type":"Bearer","expires_in","scope","refresh_token"?,"id_token"?}`.
    public var json: [UInt8] {
        var members: [String: JSONValue] = [
            "access_token": .string(accessToken),
            "token_type": .string("Bearer"),
            "expires_in": .integer(expiresIn),
            "scope": .string(scope.description),
        ]
        if let refreshToken { members["refresh_token"] = .string(refreshToken) }
        if let idToken { members["id_token"] = .string(idToken) }
        return JSONValue.object(members).serialized()
    }
}
