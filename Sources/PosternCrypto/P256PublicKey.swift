internal import COpenSSL

/// A P-256 public key: verifies ES256 signatures and is published as an EC JWK.
public struct P256PublicKey: Sendable, Equatable {
    /// The affine coordinates, 32 big-endian bytes each (JWK "x" and "y").
    public let x: [UInt8]
    public let y: [UInt8]
    private let verifier: SignatureTemplate

    /// The key at point (x, y). Throws `malformedInput` for a wrong length or a point not on the curve.
    public init(x: [UInt8], y: [UInt8]) throws {
        // RFC 7518 §6.2.1.2: "The length of this octet string MUST be the full size of a coordinate
        // for the curve specified in the "crv" parameter" (32 octets for P-256).
        guard x.count == ECDSASignature.scalarSize, y.count == ECDSASignature.scalarSize else {
            throw CryptoError.malformedInput("P-256 coordinates must be 32 bytes each")
        }
        var point = [0x04] + x + y
        // EVP_PKEY_fromdata refuses a point off the curve, and EVPKey.publicKey's check repeats that test
        // (an off-curve point is the invalid-curve attack on ECDH and forges nothing here, but is still garbage).
        let key = try point.withUnsafeMutableBytes { (buffer) throws -> EVPKey in
            var parameters = [
                OSSL_PARAM_construct_utf8_string(P256PublicKey.groupParameter.cString,
                                                 UnsafeMutablePointer(mutating: P256PublicKey.curveName.cString), 0),
                OSSL_PARAM_construct_octet_string(P256PublicKey.publicParameter.cString, buffer.baseAddress, buffer.count),
                OSSL_PARAM_construct_end(),
            ]
            return try EVPKey.publicKey("EC", parameters: &parameters)
        }
        verifier = try SignatureTemplate(key: key, operation: .verify)
        self.x = x
        self.y = y
    }

    /// Reads the public half of a P-256 key that OpenSSL already holds.
    init(publicHalfOf key: EVPKey) throws {
        guard let point = key.octetParameter(P256PublicKey.publicParameter, maximumCount: 65),
              point.count == 65, point[0] == 0x04 else {
            throw CryptoError.openSSL("EVP_PKEY_get_octet_string_param(pub)")
        }
        try self.init(x: Array(point[1...32]), y: Array(point[33...64]))
    }

    /// Whether `signature`, a JWS ES256 signature (raw 64-byte `r‖s`), is valid for `message`.
    public func verifyES256(signature: [UInt8], message: [UInt8]) -> Bool {
        // RFC 7518 §3.4: the signature is exactly 64 octets; anything else is not an ES256 signature.
        guard signature.count == ECDSASignature.rawSize else { return false }
        return withUnsafeTemporaryAllocation(byteCount: ECDSASignature.maximumDERSize, alignment: 1) { der in
            let length = signature.withUnsafeBytes { ECDSASignature.der(fromRaw: $0, into: der) }
            return message.withUnsafeBytes { verifier.verify(signature: UnsafeRawBufferPointer(rebasing: der[..<length]), message: $0) }
        }
    }

    public static func == (a: P256PublicKey, b: P256PublicKey) -> Bool { a.x == b.x && a.y == b.y }

    static let groupParameter: StaticString = "group"
    static let publicParameter: StaticString = "pub"
    static let curveName: StaticString = "prime256v1"
}
