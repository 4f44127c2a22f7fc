/// How a client authenticates at the token endpoint (RFC 7591 `token_endpoint_auth_method`).
public enum ClientAuthMethod: String, Codable, Sendable, CaseIterable {
    case clientSecretBasic = "client_secret_basic"
    case clientSecretPost = "client_secret_post"
    /// A public client: no secret, PKCE required.
    case none
}
