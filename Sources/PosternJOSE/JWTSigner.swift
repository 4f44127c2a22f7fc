/// Signs JWTs with one private key and `kid`: the token endpoint's hot path, so the header is
/// encoded once here and each token costs one claims serialization and one signature.
public struct JWTSigner: Sendable {
    public let key: JWSSigningKey
    public let keyID: String
    /// The header `typ`: "at+jwt" for access tokens (RFC 9068 §2.1), "JWT" for ID tokens.
    public let type: String
    private let encodedHeader: [UInt8]

    public init(key: JWSSigningKey, keyID: String, type: String = "JWT") {
        self.key = key
        self.keyID = keyID
        self.type = type
        encodedHeader = CompactJWS.encodedHeader(JWSHeader(algorithm: key.algorithm, type: type, keyID: keyID))
    }

    /// The compact JWT of `claims`; throws `JOSEError.crypto` only if OpenSSL fails.
    public func sign(_ claims: JWTClaims) throws -> String {
        try CompactJWS.sign(payload: claims.serialized(), encodedHeader: encodedHeader, key: key)
    }
}
