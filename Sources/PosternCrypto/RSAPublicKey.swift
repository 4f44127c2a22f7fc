internal import COpenSSL

/// An RSA public key of at least 2048 bits: verifies RS256 signatures (OIDC Core §15.1 makes RS256
/// mandatory to implement) and is published as an RSA JWK.
public struct RSAPublicKey: Sendable, Equatable {
    /// The modulus and public exponent, minimal unsigned big-endian bytes (JWK "n" and "e").
    public let n: [UInt8]
    public let e: [UInt8]
    private let verifier: SignatureTemplate

    /// Smallest modulus accepted: RFC 7518 §3.3 "A key of size 2048 bits or larger MUST be used".
    public static let minimumBits = 2048
    /// Largest modulus accepted, so a hostile JWK cannot make each verification arbitrarily slow.
    public static let maximumBits = 16384

    /// The key (n, e). Leading zero bytes are ignored. Throws `malformedInput` for a modulus outside
    /// 2048…16384 bits or an exponent that is even, 1, or longer than 8 bytes.
    public init(n: [UInt8], e: [UInt8]) throws {
        let n = BigEndian.minimal(n), e = BigEndian.minimal(e)
        let bits = n.isEmpty ? 0 : (n.count - 1) * 8 + (8 - n[0].leadingZeroBitCount)
        guard bits >= RSAPublicKey.minimumBits, bits <= RSAPublicKey.maximumBits else {
            throw CryptoError.malformedInput("RSA modulus must be 2048 to 16384 bits, got \(bits)")
        }
        guard e.count <= 8, let last = e.last, last & 1 == 1, e != [1] else {
            throw CryptoError.malformedInput("RSA public exponent must be odd, greater than 1 and at most 64 bits")
        }
        var nativeN = BigEndian.swappingNativeOrder(n), nativeE = BigEndian.swappingNativeOrder(e)
        let key = try nativeN.withUnsafeMutableBufferPointer { (nBuffer) throws -> EVPKey in
            try nativeE.withUnsafeMutableBufferPointer { (eBuffer) throws -> EVPKey in
                var parameters = [
                    OSSL_PARAM_construct_BN(RSAPublicKey.modulusParameter.cString, nBuffer.baseAddress, nBuffer.count),
                    OSSL_PARAM_construct_BN(RSAPublicKey.exponentParameter.cString, eBuffer.baseAddress, eBuffer.count),
                    OSSL_PARAM_construct_end(),
                ]
                return try EVPKey.publicKey("RSA", parameters: &parameters)
            }
        }
        verifier = try SignatureTemplate(key: key, operation: .verify)
        self.n = n
        self.e = e
    }

    /// Reads the public half of an RSA key that OpenSSL already holds.
    init(publicHalfOf key: EVPKey) throws {
        let size = key.maximumSignatureSize
        guard let n = key.unsignedParameter(RSAPublicKey.modulusParameter, maximumCount: size),
              let e = key.unsignedParameter(RSAPublicKey.exponentParameter, maximumCount: size) else {
            throw CryptoError.openSSL("EVP_PKEY_get_params(n, e)")
        }
        try self.init(n: n, e: e)
    }

    /// Whether `signature` is a valid RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signature of `message`.
    public func verifyRS256(signature: [UInt8], message: [UInt8]) -> Bool {
        // RFC 8017 §8.2.2 step 1: the signature is exactly as long as the modulus.
        guard signature.count == n.count else { return false }
        return signature.withUnsafeBytes { s in message.withUnsafeBytes { verifier.verify(signature: s, message: $0) } }
    }

    public static func == (a: RSAPublicKey, b: RSAPublicKey) -> Bool { a.n == b.n && a.e == b.e }

    static let modulusParameter: StaticString = "n"
    static let exponentParameter: StaticString = "e"
}
