internal import COpenSSL

/// SHA-256 (FIPS 180-4) through OpenSSL: token hashes, key thumbprints, the audit chain.
public enum SHA256 {
    /// Length of a digest in bytes.
    public static let byteCount = 32

    /// The digest of `data`.
    public static func hash(_ data: some Collection<UInt8>) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: byteCount)
        let done: Bool? = data.withContiguousStorageIfAvailable { input in
            digest(input.baseAddress, input.count, into: &out)
        }
        if done == nil {
            let copy = Array(data)
            copy.withUnsafeBufferPointer { input in _ = digest(input.baseAddress, input.count, into: &out) }
        }
        return out
    }

    /// The digest of a string's UTF-8 bytes.
    public static func hash(_ string: String) -> [UInt8] {
        hash(Array(string.utf8))
    }

    /// Lowercase hexadecimal digest, as written in the audit log.
    public static func hexHash(_ data: some Collection<UInt8>) -> String {
        Hex.encode(hash(data))
    }

    @discardableResult
    private static func digest(_ base: UnsafePointer<UInt8>?, _ count: Int, into out: inout [UInt8]) -> Bool {
        var length: UInt32 = 0
        let ok = out.withUnsafeMutableBufferPointer { md in
            EVP_Digest(base, count, md.baseAddress, &length, EVP_sha256(), nil)
        }
        // EVP_Digest with a built-in digest fails only on allocation failure.
        precondition(ok == 1 && length == 32, "EVP_Digest(SHA-256) failed")
        return true
    }
}
