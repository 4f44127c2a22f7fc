internal import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's `RAND_bytes`, the only randomness source Postern uses for secrets.
public enum SecureRandom {
    /// Returns `count` random bytes. RAND_bytes fails only when the system entropy source is broken; that is fatal.
    public static func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        if count == 0 { return out }
        let ok = out.withUnsafeMutableBytes { RAND_bytes($0.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(count)) }
        // A server that cannot get randomness must not issue tokens; continuing would be worse than stopping.
        precondition(ok == 1, "RAND_bytes failed: the system entropy source is unavailable")
        return out
    }
}
