/// RFC 4648 §6 base32, the encoding authenticator apps expect for a TOTP secret in an otpauth URI.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Upper-case base32 of `bytes`; without `=` padding by default, as otpauth URIs carry it.
    public static func encode(_ bytes: [UInt8], padding: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 4) / 5 * 8)
        var buffer: UInt32 = 0, bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int(buffer >> UInt32(bits) & 31)])
            }
        }
        if bits > 0 { out.append(alphabet[Int(buffer << UInt32(5 - bits) & 31)]) }
        if padding { while out.count % 8 != 0 { out.append(UInt8(ascii: "=")) } }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base32, case-insensitively, with or without trailing `=` padding. Nil on any other
    /// character, an impossible length, or non-zero unused trailing bits (RFC 4648 §3.5 lets a
    /// decoder reject those, and it keeps one spelling per secret).
    public static func decode(_ text: String) -> [UInt8]? {
        var chars = Array(text.utf8)
        if chars.contains(UInt8(ascii: "=")) {
            // RFC 4648 §6: padded input is a whole number of 8-character groups.
            guard chars.count % 8 == 0 else { return nil }
            while chars.last == UInt8(ascii: "=") { chars.removeLast() }
        }
        return chars.withUnsafeBytes { BaseNDecoder.base32.decode($0) }
    }
}
