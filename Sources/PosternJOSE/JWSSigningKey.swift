public import PosternCrypto

/// A private key with the JWS algorithm it signs with: what `JWTSigner` and `CompactJWS.sign` take.
public enum JWSSigningKey: Sendable {
    case es256(P256PrivateKey)
    case rs256(RSAPrivateKey)

    public var algorithm: JWSAlgorithm {
        switch self {
        case .es256: return .es256
        case .rs256: return .rs256
        }
    }

    /// The public half as a JWK for the JWKS: `kid` is the RFC 7638 thumbprint, `use` "sig", `alg` set.
    public var publicJWK: JWK {
        let key: JWK.PublicKey
        switch self {
        case .es256(let privateKey): key = .p256(privateKey.publicKey)
        case .rs256(let privateKey): key = .rsa(privateKey.publicKey)
        }
        var jwk = JWK(key, use: "sig", algorithm: algorithm.rawValue)
        jwk.keyID = jwk.thumbprint
        return jwk
    }

    /// The JWS signature of `signingInput` (raw `r‖s` for ES256).
    func sign(_ signingInput: [UInt8]) throws -> [UInt8] {
        do {
            switch self {
            case .es256(let key): return try key.signES256(signingInput)
            case .rs256(let key): return try key.signRS256(signingInput)
            }
        } catch let error as CryptoError {
            throw JOSEError.crypto(error)
        }
    }
}
