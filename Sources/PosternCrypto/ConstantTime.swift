internal import COpenSSL

/// Comparison of secrets in time that does not depend on where they differ (CRYPTO_memcmp).
public enum ConstantTime {
    /// True when `a` and `b` are equal. Lengths are not secret (hashes, fixed-size codes), so unequal lengths return early.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, a.count) == 0 }
        }
    }

    /// Compares the UTF-8 bytes of two strings.
    public static func equals(_ a: String, _ b: String) -> Bool {
        equals(Array(a.utf8), Array(b.utf8))
    }
}
