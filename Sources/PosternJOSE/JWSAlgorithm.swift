/// The JWS algorithms Postern signs and verifies (RFC 7518 §3.1); anything else is refused by name.
public enum JWSAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// ECDSA P-256 with SHA-256: every Postern token by default.
    case es256 = "ES256"
    /// RSASSA-PKCS1-v1_5 with SHA-256: ID tokens for clients that ask for it (OIDC Core §15.1).
    case rs256 = "RS256"

    /// The algorithm named by a header's `alg`. RFC 8725 §3.1/§3.2: `none` and the HMAC family are
    /// refused by name (a public key used as an HMAC secret is the classic algorithm-confusion attack).
    init(headerValue name: String) throws {
        guard let algorithm = JWSAlgorithm(rawValue: name) else { throw JOSEError.unsupportedAlgorithm(name) }
        self = algorithm
    }
}
