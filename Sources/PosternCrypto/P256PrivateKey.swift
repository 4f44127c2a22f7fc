internal import COpenSSL

/// A P-256 private key: signs ES256 JWTs (the default algorithm for every Postern token).
public struct P256PrivateKey: Sendable {
    private let signer: SignatureTemplate
    /// The matching public key, derived once at creation.
    public let publicKey: P256PublicKey

    private init(key: EVPKey) throws {
        signer = try SignatureTemplate(key: key, operation: .sign)
        publicKey = try P256PublicKey(publicHalfOf: key)
    }

    /// A new random key.
    public static func generate() throws -> P256PrivateKey {
        let context = try EVPKeyContext(algorithm: "EC")
        let key = try EVPKey.generate(context) { pointer in
            var parameters = [
                OSSL_PARAM_construct_utf8_string(P256PublicKey.groupParameter.cString,
                                                 UnsafeMutablePointer(mutating: P256PublicKey.curveName.cString), 0),
                OSSL_PARAM_construct_end(),
            ]
            return EVP_PKEY_CTX_set_params(pointer, &parameters)
        }
        return try P256PrivateKey(key: key)
    }

    /// Reads a PEM private key (PKCS#8 or SEC 1); throws `malformedInput` unless it is an unencrypted P-256 key.
    public init(pkcs8PEM pem: String) throws {
        let key = try EVPKey.privateKey(pem: pem)
        guard key.isA("EC"), key.stringParameter(P256PublicKey.groupParameter) == "prime256v1" else {
            throw CryptoError.malformedInput("not a P-256 private key")
        }
        try self.init(key: key)
    }

    /// The key as an unencrypted PKCS#8 PEM; callers encrypt it at rest.
    public func pkcs8PEM() throws -> String { try signer.key.pkcs8PEM() }

    /// The JWS ES256 signature of `message`: ECDSA over SHA-256, as 64 raw bytes `r‖s` (RFC 7518 §3.4).
    public func signES256(_ message: [UInt8]) throws -> [UInt8] {
        try withUnsafeTemporaryAllocation(byteCount: ECDSASignature.maximumDERSize, alignment: 1) { (der) throws -> [UInt8] in
            let length = try message.withUnsafeBytes { (bytes) throws -> Int in try signer.sign(bytes, into: der) }
            var raw = [UInt8](repeating: 0, count: ECDSASignature.rawSize)
            let canonical = raw.withUnsafeMutableBytes {
                ECDSASignature.raw(fromDER: UnsafeRawBufferPointer(rebasing: der[..<length]), into: $0)
            }
            guard canonical else { throw CryptoError.openSSL(operation: "EVP_DigestSign returned non-canonical DER", code: 0) }
            return raw
        }
    }
}
