import PosternCrypto

/// Base64url without padding (RFC 7515 §2, RFC 4648 §5), the encoding of every JOSE segment and JWK member.
///
/// Decoding is strict: a token has exactly one spelling, so padding, whitespace, characters outside
/// the alphabet, and non-zero trailing bits are all refused (no malleable signatures or key ids).
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The unpadded base64url text of `bytes`.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        bytes.withUnsafeBytes { append($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the unpadded base64url of `bytes` to `out`: the JWT signer builds a token in one buffer.
    /// Writes through one pointer rather than appending byte by byte: together with the bulk string copy
    /// in `JSONValue.appendString`, this cut the signer's non-OpenSSL time per token from about 9 µs to 4 µs.
    static func append(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: (bytes.count * 4 + 2) / 3))
        out.withUnsafeMutableBufferPointer { buffer in
            alphabet.withUnsafeBufferPointer { digits in
                var o = start
                var i = 0
                while i + 3 <= bytes.count {
                    let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                    buffer[o] = digits[Int(n >> 18)]
                    buffer[o + 1] = digits[Int(n >> 12 & 63)]
                    buffer[o + 2] = digits[Int(n >> 6 & 63)]
                    buffer[o + 3] = digits[Int(n & 63)]
                    o += 4
                    i += 3
                }
                let rest = bytes.count - i
                guard rest > 0 else { return }
                let n = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
                buffer[o] = digits[Int(n >> 18)]
                buffer[o + 1] = digits[Int(n >> 12 & 63)]
                if rest == 2 { buffer[o + 2] = digits[Int(n >> 6 & 63)] }
            }
        }
    }

    /// The bytes of strict unpadded base64url `text`; throws `JOSEError.invalidBase64URL`.
    public static func decode(_ text: some StringProtocol) throws -> [UInt8] {
        try decode(bytes: text.utf8)
    }

    /// The same for a String, compiled for it here: other modules calling the generic one run it unspecialised
    /// (a refresh token's shape check cost ~1 % of a refresh that way).
    public static func decode(_ text: String) throws -> [UInt8] {
        try decode(bytes: text.utf8)
    }

    static func decode(bytes text: some Collection<UInt8>) throws -> [UInt8] {
        let decoded = text.withContiguousStorageIfAvailable { BaseNDecoder.base64URL.decode(UnsafeRawBufferPointer($0)) }
            ?? Array(text).withUnsafeBytes { BaseNDecoder.base64URL.decode($0) }
        guard let bytes = decoded else { throw JOSEError.invalidBase64URL }
        return bytes
    }
}
