/// A strict base64 decoder for one alphabet (RFC 4648 §4 and §5), shared by `Base64URL` and `Base64`.
///
/// Characters outside the alphabet, whitespace, a one-character remainder and non-zero pad bits are refused:
/// every byte string has exactly one accepted spelling.
struct Base64Decoder: Sendable {
    static let urlSafe = Base64Decoder(alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    static let standard = Base64Decoder(alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    private static let invalid: UInt8 = 0xff
    private let values: [UInt8]

    private init(alphabet: String) {
        var table = [UInt8](repeating: Self.invalid, count: 256)
        for (value, character) in alphabet.utf8.enumerated() { table[Int(character)] = UInt8(value) }
        values = table
    }

    /// The bytes of unpadded `text`, or nil.
    func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        // A remainder of one character cannot encode a whole byte.
        guard text.count % 4 != 1 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for character in text {
            let value = values[Int(character)]
            guard value != Self.invalid else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        // RFC 4648 §3.5: the pad bits of the last character must be zero, or the encoding is not canonical.
        guard accumulator & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return out
    }
}

/// Standard base64 with its `=` padding (RFC 4648 §4), as HTTP Basic credentials carry it (RFC 7617 §2).
public enum Base64 {
    /// The bytes of padded base64 `text` (length a multiple of 4, at most two `=` at the end), or nil.
    /// Concrete, not generic: called from other modules, a generic body would run unspecialised, through the
    /// collection's witness table for every character (measured: twice the cost of Foundation's decoder).
    public static func decode(padded text: ArraySlice<UInt8>) -> [UInt8]? {
        guard text.count % 4 == 0 else { return nil }
        var unpadded = text
        // A whole number of quads with up to two `=` stripped leaves a remainder of 3, 2 or 0 characters, as
        // the padding made up for; a third `=` or one inside the text is outside the alphabet.
        for _ in 0..<2 where unpadded.last == UInt8(ascii: "=") { unpadded.removeLast() }
        return Base64Decoder.standard.decode(unpadded)
    }
}
