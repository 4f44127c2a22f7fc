import Foundation

/// Verifies a JWT for one use (access tokens, ID token hints, a client's tokens): each use configures
/// its own algorithm allow-list, trusted keys, issuer, audience and `typ`, and never trusts `alg` alone.
public struct JWTValidator: Sendable {
    /// Most clock skew a validator tolerates; more would keep expired tokens alive.
    public static let maximumLeeway: Int64 = 60

    /// Algorithms this use accepts (RFC 8725 §3.1: "libraries MUST enable the caller to specify a supported set").
    public var algorithms: Set<JWSAlgorithm>
    /// The trusted key for a `kid`, or nil when unknown.
    public var keys: @Sendable (String) -> JWK?
    /// The exact `iss` required (RFC 7519 §4.1.1, RFC 9068 §4).
    public var issuer: String
    /// A value `aud` must contain; nil skips the check, only for uses where the audience is learned
    /// from the token itself (an `id_token_hint` names its client).
    public var audience: String?
    /// The `typ` required, compared case-insensitively without an "application/" prefix; nil accepts any.
    public var requiredType: String?
    /// Clock skew allowed on `exp` and `nbf`, at most `maximumLeeway` seconds.
    public var leeway: Int64 {
        didSet { leeway = min(max(leeway, 0), JWTValidator.maximumLeeway) }
    }
    /// Whether `exp` must be present (true for every Postern token).
    public var requiresExpiration = true
    /// The current time in seconds since the epoch; tests inject a fixed clock.
    public var now: @Sendable () -> Int64

    public init(algorithms: Set<JWSAlgorithm>, keys: JWKSet, issuer: String, audience: String?,
                requiredType: String? = nil, leeway: Int64 = 0,
                now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.init(algorithms: algorithms, keyLookup: { keys.key(withID: $0) }, issuer: issuer, audience: audience,
                  requiredType: requiredType, leeway: leeway, now: now)
    }

    public init(algorithms: Set<JWSAlgorithm>, keyLookup: @escaping @Sendable (String) -> JWK?, issuer: String,
                audience: String?, requiredType: String? = nil, leeway: Int64 = 0,
                now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.algorithms = algorithms
        keys = keyLookup
        self.issuer = issuer
        self.audience = audience
        self.requiredType = requiredType
        self.leeway = min(max(leeway, 0), JWTValidator.maximumLeeway)
        self.now = now
    }

    /// The verified header and claims of `token`, or a `JOSEError` naming the first check that failed.
    /// The signature is checked before any claim is read.
    public func validate(_ token: String) throws -> VerifiedJWT {
        let jws = try CompactJWS(parsing: token)
        let header = jws.header
        // RFC 8725 §3.1: the algorithm must be one this use allows, whatever the header says.
        guard algorithms.contains(header.algorithm) else { throw JOSEError.algorithmNotAllowed(header.algorithm) }
        // RFC 7515 §4.1.11 (crit) and RFC 8725 §3.10 (keys named by the token): refused outright.
        if let refused = header.refusedMembersPresent.first { throw JOSEError.forbiddenHeader(refused) }
        if let requiredType {
            // RFC 8725 §3.11 / RFC 9068 §4: "verify that the typ header value is at+jwt or application/at+jwt".
            guard let type = header.type, JWTValidator.mediaType(type) == JWTValidator.mediaType(requiredType) else {
                throw JOSEError.typeMismatch
            }
        }
        guard let keyID = header.keyID else { throw JOSEError.missingKeyID }
        guard let key = keys(keyID) else { throw JOSEError.unknownKeyID(keyID) }
        guard key.fits(header.algorithm) else { throw JOSEError.keyMismatch }
        guard key.verifies(jws.signature, of: jws.signingInput, algorithm: header.algorithm) else {
            throw JOSEError.invalidSignature
        }

        let claims = try JWTClaims(members: JSONParser.parseObject(jws.payload))
        // RFC 7519 §4.1.1 / RFC 9068 §4: the issuer "MUST exactly match".
        guard claims.issuer == issuer else { throw JOSEError.issuerMismatch }
        // RFC 7519 §4.1.3: "If the principal processing the claim does not identify itself with a value
        // in the "aud" claim ... then the JWT MUST be rejected."
        if let audience, !claims.audience.contains(audience) { throw JOSEError.audienceMismatch }
        let current = now()
        if let expiration = claims.expiration {
            // RFC 7519 §4.1.4: "the current date/time MUST be before the expiration date/time".
            // Leeway is subtracted from now, never added to a hostile exp that could overflow.
            guard current - leeway < expiration else { throw JOSEError.expired }
        } else if requiresExpiration {
            throw JOSEError.invalidClaim("missing \"exp\"")
        }
        // RFC 7519 §4.1.5: "the current date/time MUST be after or equal to the not-before date/time".
        if let notBefore = claims.notBefore, current + leeway < notBefore { throw JOSEError.notYetValid }
        return VerifiedJWT(header: header, claims: claims, key: key)
    }

    /// RFC 7515 §4.1.9: "application/" may be omitted, and media types are case-insensitive (RFC 2045 §5.1).
    private static func mediaType(_ type: String) -> String {
        let lower = type.lowercased()
        return lower.hasPrefix("application/") ? String(lower.dropFirst("application/".count)) : lower
    }
}
