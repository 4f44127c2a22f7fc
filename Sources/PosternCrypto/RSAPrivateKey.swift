internal import COpenSSL

/// An RSA private key of at least 2048 bits: signs RS256 ID tokens for clients that register
/// `id_token_signed_response_alg: RS256`.
public struct RSAPrivateKey: Sendable {
    private let signer: SignatureTemplate
    /// The matching public key, derived once at creation.
    public let publicKey: RSAPublicKey

    private init(key: EVPKey) throws {
        signer = try SignatureTemplate(key: key, operation: .sign)
        publicKey = try RSAPublicKey(publicHalfOf: key)
    }

    /// A new random key of `bits` (2048 by default; fewer than 2048 is refused). Takes tens of milliseconds or more.
    public static func generate(bits: Int = RSAPublicKey.minimumBits) throws -> RSAPrivateKey {
        guard bits >= RSAPublicKey.minimumBits, bits <= RSAPublicKey.maximumBits else {
            throw CryptoError.malformedInput("RSA key size must be 2048 to 16384 bits")
        }
        let context = try EVPKeyContext(algorithm: "RSA")
        var size = UInt32(bits)
        let key = try EVPKey.generate(context) { pointer in
            // The parameter keeps the address of `size`, so it must stay valid until set_params returns.
            withUnsafeMutablePointer(to: &size) { size in
                var parameters = [
                    OSSL_PARAM_construct_uint(RSAPrivateKey.bitsParameter.cString, size),
                    OSSL_PARAM_construct_end(),
                ]
                return EVP_PKEY_CTX_set_params(pointer, &parameters)
            }
        }
        return try RSAPrivateKey(key: key)
    }

    /// Reads a PEM private key (PKCS#8 or PKCS#1); throws `malformedInput` unless it is an unencrypted
    /// RSA key of at least 2048 bits.
    public init(pkcs8PEM pem: String) throws {
        let key = try EVPKey.privateKey(pem: pem)
        // RFC 7518 §3.3: "A key of size 2048 bits or larger MUST be used with these algorithms."
        guard key.isA("RSA"), key.bits >= RSAPublicKey.minimumBits, key.bits <= RSAPublicKey.maximumBits else {
            throw CryptoError.malformedInput("not an RSA private key of 2048 to 16384 bits")
        }
        try self.init(key: key)
    }

    /// The key as an unencrypted PKCS#8 PEM; callers encrypt it at rest.
    public func pkcs8PEM() throws -> String { try signer.key.pkcs8PEM() }

    /// The JWS RS256 signature of `message` (RSASSA-PKCS1-v1_5 with SHA-256, RFC 7518 §3.3).
    public func signRS256(_ message: [UInt8]) throws -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: signer.key.maximumSignatureSize)
        let length = try signature.withUnsafeMutableBytes { (out) throws -> Int in
            try message.withUnsafeBytes { (bytes) throws -> Int in try signer.sign(bytes, into: out) }
        }
        return Array(signature.prefix(length))
    }

    static let bitsParameter: StaticString = "bits"
}
