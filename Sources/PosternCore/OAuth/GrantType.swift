/// The `grant_type` values Postern knows (RFC 6749 §4).
public enum GrantType: String, Codable, Sendable, CaseIterable {
    case authorizationCode = "authorization_code"
    case refreshToken = "refresh_token"
    case clientCredentials = "client_credentials"
    case password
}
