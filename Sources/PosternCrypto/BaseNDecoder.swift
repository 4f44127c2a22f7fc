/// A strict decoder for one RFC 4648 alphabet, where each character carries the same number of bits, most
/// significant first: base64 and base64url (6 bits) for JOSE and HTTP Basic, base32 (5 bits) for TOTP secrets.
///
/// Characters outside the alphabet (whitespace and `=` included: padding is the caller's to strip), a length whose
/// last characters cannot end on a whole byte, and non-zero pad bits are refused (RFC 4648 §3.5): every byte string
/// has exactly one accepted spelling, so no token, key id or secret means the same under two spellings.
public struct BaseNDecoder: Sendable {
    /// RFC 4648 §5, the JOSE encoding (PosternJOSE's `Base64URL`).
    public static let base64URL = BaseNDecoder(alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
                                               bitsPerCharacter: 6)
    /// RFC 4648 §4, as HTTP Basic credentials carry it (PosternJOSE's `Base64`).
    public static let base64 = BaseNDecoder(alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
                                            bitsPerCharacter: 6)
    /// RFC 4648 §6, read in either case (authenticator apps and people type it both ways).
    static let base32 = BaseNDecoder(alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", bitsPerCharacter: 5, caseInsensitive: true)

    private static let invalid: UInt8 = 0xff
    private let values: [UInt8]
    private let bitsPerCharacter: Int

    private init(alphabet: String, bitsPerCharacter: Int, caseInsensitive: Bool = false) {
        var table = [UInt8](repeating: Self.invalid, count: 256)
        for (value, character) in alphabet.utf8.enumerated() {
            table[Int(character)] = UInt8(value)
            if caseInsensitive, character >= UInt8(ascii: "A"), character <= UInt8(ascii: "Z") {
                table[Int(character | 0x20)] = UInt8(value)
            }
        }
        values = table
        self.bitsPerCharacter = bitsPerCharacter
    }

    /// The bytes of unpadded `text`, or nil. Concrete, not generic: called from other modules, a generic body would
    /// run unspecialised, through a witness table for every character.
    public func decode(_ text: UnsafeRawBufferPointer) -> [UInt8]? {
        var out = [UInt8]()
        out.reserveCapacity(text.count * bitsPerCharacter / 8)
        var accumulator: UInt32 = 0
        var bits = 0
        var index = 0
        while index < text.count {
            let value = values[Int(text[index])]
            guard value != Self.invalid else { return nil }
            accumulator = accumulator << UInt32(bitsPerCharacter) | UInt32(value)
            bits += bitsPerCharacter
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
            index += 1
        }
        // What is left over must be less than a character (a whole one more would encode no byte: base64's
        // remainder of 1, base32's of 1, 3 or 6) and all zero.
        guard bits < bitsPerCharacter, accumulator & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return out
    }
}
