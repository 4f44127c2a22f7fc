/// A signing key's private half as stored: AES-256-GCM sealed PKCS#8, never plaintext on disk.
public struct SealedSigningKey: Codable, Sendable, Equatable {
    /// `ES256` or `RS256`.
    public let algorithm: String
    /// `nonce ‖ ciphertext ‖ tag` of the PKCS#8 PEM.
    public let sealedPrivateKey: [UInt8]
}
