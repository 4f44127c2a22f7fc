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
    /// The padded keys and the inner digest live on the stack (wiped after) and each hash takes its two parts
    /// as they are: every refresh derives its successor token here.
    public static func authenticationCode(_ algorithm: Algorithm, key: [UInt8], message: [UInt8]) -> [UInt8] {
        let digest = algorithm.digest
        // "Applications that use keys longer than B bytes will first hash the key using H."
        let block = key.count > blockSize ? digest.digest(key) : key
        return withUnsafeTemporaryAllocation(byteCount: 2 * blockSize + digest.size, alignment: 1) { scratch in
            defer { scratch.initializeMemory(as: UInt8.self, repeating: 0) }
            let inner = UnsafeMutableRawBufferPointer(rebasing: scratch[..<blockSize])
            let outer = UnsafeMutableRawBufferPointer(rebasing: scratch[blockSize..<(2 * blockSize)])
            let innerDigest = UnsafeMutableRawBufferPointer(rebasing: scratch[(2 * blockSize)...])
            for i in 0..<blockSize {
                let k = i < block.count ? block[i] : 0
                inner[i] = k ^ 0x36
                outer[i] = k ^ 0x5c
            }
            message.withUnsafeBytes { digest.digest(UnsafeRawBufferPointer(inner), $0, into: innerDigest) }
            return [UInt8](unsafeUninitializedCapacity: digest.size) { out, count in
                digest.digest(UnsafeRawBufferPointer(outer), UnsafeRawBufferPointer(innerDigest), into: UnsafeMutableRawBufferPointer(out))
                count = digest.size
            }
        }
    }
}
