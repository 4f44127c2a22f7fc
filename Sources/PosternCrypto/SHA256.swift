/// SHA-256 (FIPS 180-4) through OpenSSL: token hashes, key thumbprints, the audit chain.
public enum SHA256 {
    /// Length of a digest in bytes.
    public static let byteCount = 32

    /// The digest of `data`.
    public static func hash(_ data: some Collection<UInt8>) -> [UInt8] {
        if let digest = data.withContiguousStorageIfAvailable({ FetchedDigest.sha256.digest(UnsafeRawBufferPointer($0)) }) {
            return digest
        }
        return FetchedDigest.sha256.digest(Array(data))
    }

    /// The digest of a string's UTF-8 bytes.
    public static func hash(_ string: String) -> [UInt8] {
        var string = string
        return string.withUTF8 { FetchedDigest.sha256.digest(UnsafeRawBufferPointer($0)) }
    }

    /// Lowercase hexadecimal digest, as written in the audit log.
    public static func hexHash(_ data: some Collection<UInt8>) -> String {
        Hex.encode(hash(data))
    }

    /// Lowercase hexadecimal digest of `first` followed by `second`: the audit chain hashes `prev` and an event
    /// this way on every commit, so the digest goes straight into the String.
    public static func hexHash(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> String {
        withUnsafeTemporaryAllocation(byteCount: byteCount, alignment: 1) { digest in
            FetchedDigest.sha256.digest(first, second, into: digest)
            return Hex.encode(UnsafeRawBufferPointer(digest))
        }
    }
}
