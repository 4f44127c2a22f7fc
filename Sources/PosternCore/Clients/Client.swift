/// A registered application (RFC 7591 metadata plus Postern's own fields).
public struct Client: Codable, Sendable, Equatable {
    /// `cli_…`.
    public let id: String
    public var name: String
    /// SHA-256 of the secret (API.md: secrets are high-entropy, checked by SHA-256 and a constant-time compare); nil for public clients.
    public var secretHash: [UInt8]?
    public var grantTypes: [GrantType]
    public var redirectURIs: [String]
    public var postLogoutRedirectURIs: [String]
    /// The scopes the client may ask for.
    public var scope: Scope
    public var authMethod: ClientAuthMethod
    /// `ES256` (default) or `RS256` (OIDC Core §15.1).
    public var idTokenSignedResponseAlg: String
    /// First-party clients skip the consent page.
    public var firstParty: Bool
    /// Per-client concurrent-refresh window, 0…300 s; nil uses the server default.
    public var refreshGraceSeconds: Int64?
    /// The `aud` of its access tokens when no `resource` is sent; nil means the issuer.
    public var defaultAudience: String?
    /// RFC 8707 resources the client may name.
    public var allowedResources: [String]
    public let createdAt: Int64

    public var isPublic: Bool { authMethod == .none }

    public init(id: String, name: String, secretHash: [UInt8]?, grantTypes: [GrantType], redirectURIs: [String] = [],
                postLogoutRedirectURIs: [String] = [], scope: Scope, authMethod: ClientAuthMethod,
                idTokenSignedResponseAlg: String = "ES256", firstParty: Bool = false, refreshGraceSeconds: Int64? = nil,
                defaultAudience: String? = nil, allowedResources: [String] = [], createdAt: Int64) {
        self.id = id
        self.name = name
        self.secretHash = secretHash
        self.grantTypes = grantTypes
        self.redirectURIs = redirectURIs
        self.postLogoutRedirectURIs = postLogoutRedirectURIs
        self.scope = scope
        self.authMethod = authMethod
        self.idTokenSignedResponseAlg = idTokenSignedResponseAlg
        self.firstParty = firstParty
        self.refreshGraceSeconds = refreshGraceSeconds
        self.defaultAudience = defaultAudience
        self.allowedResources = allowedResources
        self.createdAt = createdAt
    }

    public func allows(_ grant: GrantType) -> Bool { grantTypes.contains(grant) }
}
