import PosternJOSE

/// The server metadata of OIDC Discovery 1.0 §3 and RFC 8414 §2, built once at start-up.
///
/// It lists only endpoints this build serves: a client that trusts discovery must never be
/// sent to a 404. The endpoints of the authorization-code flow (authorize, userinfo,
/// logout) join the document when they exist.
public struct DiscoveryDocument: Sendable {
    public let issuer: String
    public let grantTypes: [GrantType]
    public let scopes: [String]

    public init(issuer: String, grantTypes: [GrantType], scopes: [String] = ["openid", "profile", "email", "offline_access"]) {
        self.issuer = issuer
        self.grantTypes = grantTypes
        self.scopes = scopes
    }

    public var members: [String: JSONValue] {
        func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }
        return [
            "issuer": .string(issuer),
            "token_endpoint": .string(issuer + "/oauth/token"),
            "jwks_uri": .string(issuer + "/.well-known/jwks.json"),
            "revocation_endpoint": .string(issuer + "/oauth/revoke"),
            "introspection_endpoint": .string(issuer + "/oauth/introspect"),
            "scopes_supported": strings(scopes),
            "response_types_supported": strings(["code"]),
            "response_modes_supported": strings(["query", "form_post"]),
            "grant_types_supported": strings(grantTypes.map(\.rawValue)),
            "subject_types_supported": strings(["public"]),
            "id_token_signing_alg_values_supported": strings(["ES256"]),
            "token_endpoint_auth_methods_supported": strings(ClientAuthMethod.allCases.map(\.rawValue)),
            "revocation_endpoint_auth_methods_supported": strings(ClientAuthMethod.allCases.map(\.rawValue)),
            "introspection_endpoint_auth_methods_supported": strings(["client_secret_basic", "client_secret_post"]),
            "code_challenge_methods_supported": strings(["S256"]),
            "claims_supported": strings(["iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "azp", "at_hash", "amr",
                                         "email", "email_verified", "name", "given_name", "family_name",
                                         "preferred_username"]),
            // RFC 9207: the iss parameter in authorization responses.
            "authorization_response_iss_parameter_supported": .bool(true),
        ]
    }

    /// Compact JSON, keys sorted.
    public var json: [UInt8] { JSONValue.object(members).serialized() }
}
