/// HMAC (RFC 2104) through OpenSSL: SHA-1 for TOTP (RFC 6238), SHA-256 for everything else.
public enum HMAC {
    /// The hash function under the MAC.
    public enum Algorithm: Sendable {
        case sha1, sha256

        var digest: FetchedDigest { self == .sha1 ? .sha1 : .sha256 }
    }

    /// Both digests take 64-byte blocks.
    private static let blockSize = 64

    /// The MAC of `message` under `key`: RFC 2104 §2, H(K ⊕ opad ‖ H(K ⊕ ipad ‖ text)), over digests fetched once.
    public static func authenticationCode(_ algorithm: Algorithm, key: [UInt8], message: [UInt8]) -> [UInt8] {
        let digest = algorithm.digest
        // "Applications that use keys longer than B bytes will first hash the key using H."
        var block = key.count > blockSize ? digest.digest(key) : key
        block += repeatElement(0, count: blockSize - block.count)
        var inner = block.map { $0 ^ 0x36 }
        inner += message
        var outer = block.map { $0 ^ 0x5c }
        outer += digest.digest(inner)
        return digest.digest(outer)
    }
}
