import PosternJOSE

/// The successful token-endpoint answer, RFC 6749 §5.1.
public struct TokenResponse: Sendable, Equatable {
    public var accessToken: String
    public var expiresIn: Int64
    public var scope: Scope
    public var refreshToken: String?
    public var idToken: String?
    /// Not on the wire: a refresh grace replay answered again (`TokenGrant.isReplay`), which metrics do not count as
    /// an issue.
    public var isReplay: Bool

    public init(accessToken: String, expiresIn: Int64, scope: Scope, refreshToken: String? = nil, idToken: String? = nil,
                isReplay: Bool = false) {
        self.accessToken = accessToken
        self.expiresIn = expiresIn
        self.scope = scope
        self.refreshToken = refreshToken
        self.idToken = idToken
        self.isReplay = isReplay
    }

    /// `{"access_token","expires_in","id_token"?,"refresh_token"?,"scope","token_type":"Bearer"}`: the members in
    /// sorted order, as `JSONValue` writes objects, but written directly (building and sorting a dictionary per
    /// token cost ~4 % of the token endpoint).
    public var json: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(accessToken.utf8.count + (refreshToken?.utf8.count ?? 0) + (idToken?.utf8.count ?? 0) + 128)
        JSONWriting.key("access_token", first: true, to: &out)
        JSONWriting.string(accessToken, to: &out)
        JSONWriting.key("expires_in", first: false, to: &out)
        JSONWriting.integer(expiresIn, to: &out)
        if let idToken {
            JSONWriting.key("id_token", first: false, to: &out)
            JSONWriting.string(idToken, to: &out)
        }
        if let refreshToken {
            JSONWriting.key("refresh_token", first: false, to: &out)
            JSONWriting.string(refreshToken, to: &out)
        }
        JSONWriting.key("scope", first: false, to: &out)
        JSONWriting.string(scope.description, to: &out)
        JSONWriting.key("token_type", first: false, to: &out)
        JSONWriting.string("Bearer", to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
