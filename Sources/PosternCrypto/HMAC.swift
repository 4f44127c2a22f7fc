internal import COpenSSL

/// HMAC (RFC 2104) through OpenSSL: SHA-1 for TOTP (RFC 6238), SHA-256 for everything else.
public enum HMAC {
    /// The hash function under the MAC.
    public enum Algorithm: Sendable {
        case sha1, sha256

        var md: OpaquePointer? { self == .sha1 ? EVP_sha1() : EVP_sha256() }
        var size: Int { self == .sha1 ? 20 : 32 }
    }

    /// The MAC of `message` under `key`.
    public static func authenticationCode(_ algorithm: Algorithm, key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: algorithm.size)
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { k in
            message.withUnsafeBufferPointer { m in
                out.withUnsafeMutableBufferPointer { o in
                    COpenSSL.HMAC(algorithm.md, k.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(key.count),
                                  m.baseAddress, m.count, o.baseAddress, &length)
                }
            }
        }
        precondition(result != nil && Int(length) == algorithm.size, "HMAC failed")
        return out
    }
}
