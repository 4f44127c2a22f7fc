import PosternCrypto

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
        return unpadded.withUnsafeBytes { BaseNDecoder.base64.decode($0) }
    }
}
