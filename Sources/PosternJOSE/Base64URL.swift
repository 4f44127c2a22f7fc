/// Base64url without padding (RFC 7515 §2, RFC 4648 §5), the encoding of every JOSE segment and JWK member.
///
/// Decoding is strict: a token has exactly one spelling, so padding, whitespace, characters outside
/// the alphabet, and non-zero trailing bits are all refused (no malleable signatures or key ids).
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let invalid: UInt8 = 0xff
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    /// The unpadded base64url text of `bytes`.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        bytes.withUnsafeBytes { append($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the unpadded base64url of `bytes` to `out`: the JWT signer builds a token in one buffer.
    static func append(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + (bytes.count * 4 + 2) / 3)
        alphabet.withUnsafeBufferPointer { digits in
            var i = 0
            while i + 3 <= bytes.count {
                let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                out.append(digits[Int(n >> 18)])
                out.append(digits[Int(n >> 12 & 63)])
                out.append(digits[Int(n >> 6 & 63)])
                out.append(digits[Int(n & 63)])
                i += 3
            }
            switch bytes.count - i {
            case 1:
                let n = UInt32(bytes[i]) << 16
                out.append(digits[Int(n >> 18)])
                out.append(digits[Int(n >> 12 & 63)])
            case 2:
                let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
                out.append(digits[Int(n >> 18)])
                out.append(digits[Int(n >> 12 & 63)])
                out.append(digits[Int(n >> 6 & 63)])
            default:
                break
            }
        }
    }

    /// The bytes of strict unpadded base64url `text`; throws `JOSEError.invalidBase64URL`.
    public static func decode(_ text: some StringProtocol) throws -> [UInt8] {
        try decode(bytes: text.utf8)
    }

    static func decode(bytes text: some Collection<UInt8>) throws -> [UInt8] {
        // A remainder of one character cannot encode a whole byte.
        guard text.count % 4 != 1 else { throw JOSEError.invalidBase64URL }
        var out = [UInt8]()
        out.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for character in text {
            let value = values[Int(character)]
            guard value != invalid else { throw JOSEError.invalidBase64URL }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        // RFC 4648 §3.5: the pad bits of the last character must be zero, or the encoding is not canonical.
        guard accumulator & ((1 << UInt32(bits)) - 1) == 0 else { throw JOSEError.invalidBase64URL }
        return out
    }
}
