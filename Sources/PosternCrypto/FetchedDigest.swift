internal import COpenSSL

/// An OpenSSL message digest fetched once for the life of the process.
///
/// The legacy `EVP_sha256()` makes every `EVP_Digest` look the implementation up in the provider store again
/// (`EVP_MD_fetch` was 3 % of a refresh request), and the one-shot `HMAC()` fetches a MAC and a digest per call.
final class FetchedDigest: @unchecked Sendable {
    // @unchecked Sendable: a fetched EVP_MD is immutable and OpenSSL allows sharing it between threads.
    let md: OpaquePointer
    let size: Int

    static let sha256 = FetchedDigest("SHA256", size: 32)
    static let sha1 = FetchedDigest("SHA1", size: 20)

    private init(_ name: String, size: Int) {
        guard let md = EVP_MD_fetch(nil, name, nil) else { preconditionFailure("OpenSSL has no \(name)") }
        self.md = md
        self.size = size
    }

    /// The digest of the bytes at `buffer`.
    func digest(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size)
        var length: UInt32 = 0
        let ok = out.withUnsafeMutableBufferPointer { o in
            EVP_Digest(buffer.baseAddress, buffer.count, o.baseAddress, &length, md, nil)
        }
        // EVP_Digest with a fetched digest fails only on allocation failure.
        precondition(ok == 1 && Int(length) == size, "EVP_Digest failed")
        return out
    }

    func digest(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { digest($0) }
    }

    /// The digest of `first` followed by `second` into `out` (`size` bytes): no concatenated copy, no array.
    func digest(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        precondition(out.count >= size)
        let context = EVP_MD_CTX_new()
        defer { EVP_MD_CTX_free(context) }
        var length: UInt32 = 0
        let ok = EVP_DigestInit_ex2(context, md, nil) == 1
            && EVP_DigestUpdate(context, first.baseAddress, first.count) == 1
            && EVP_DigestUpdate(context, second.baseAddress, second.count) == 1
            && EVP_DigestFinal_ex(context, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length) == 1
        // As with EVP_Digest: with a fetched digest only an allocation failure can fail.
        precondition(ok && Int(length) == size, "EVP digest failed")
    }
}
