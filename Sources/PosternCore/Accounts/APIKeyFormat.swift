import PosternCrypto

/// The shape of an API key secret: `sk_live_` + 43 base62 characters + a 6-character checksum.
///
/// API.md "Tokens": the checksum is the CRC-32 (IEEE) of every character before it, written
/// in base62 (`0-9A-Za-z`), left-padded with `0`, so secret scanners can recognise a real key
/// offline, and a typo is refused before any look-up.
public enum APIKeyFormat {
    public static let prefix = "sk_live_"
    static let bodyLength = 43
    static let checksumLength = 6
    /// `sk_live_` + body + checksum.
    public static let length = prefix.count + bodyLength + checksumLength
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// A new secret: 43 uniform base62 characters (≈256 bits from RAND_bytes) and its checksum.
    public static func generate() -> String {
        let head = prefix + Identifier.randomBase62(count: bodyLength)
        return head + checksum(of: head)
    }

    /// True when `text` has the exact shape and a matching checksum. Says nothing about whether the key exists.
    public static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == length, text.hasPrefix(prefix),
              bytes[prefix.count...].allSatisfy({ alphabet.contains($0) }) else { return false }
        let head = String(decoding: bytes[..<(length - checksumLength)], as: UTF8.self)
        return checksum(of: head) == String(decoding: bytes[(length - checksumLength)...], as: UTF8.self)
    }

    static func checksum(of head: String) -> String {
        var value = CRC32.ieee.checksum(Array(head.utf8))
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: checksumLength)
        var i = checksumLength - 1
        while value > 0 {
            digits[i] = alphabet[Int(value % 62)]
            value /= 62
            i -= 1
        }
        return String(decoding: digits, as: UTF8.self)
    }
}
