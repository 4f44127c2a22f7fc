import PosternCrypto

/// Opaque, prefixed, random identifiers (API.md: `usr_…`, `cli_…`, `key_…`, `org_…`, `ses_…`; never sequential).
public enum Identifier {
    /// The kinds of object that get an identifier, with their wire prefixes.
    public enum Kind: String, Sendable {
        case user = "usr"
        case client = "cli"
        case apiKey = "key"
        case organization = "org"
        case session = "ses"
        case token = "jti"
    }

    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// `prefix_` + 22 base62 characters (≈131 bits from RAND_bytes); a `jti` has no prefix.
    public static func make(_ kind: Kind) -> String {
        let body = randomBase62(count: 22)
        return kind == .token ? body : "\(kind.rawValue)_\(body)"
    }

    /// `count` base62 characters, uniform: bytes ≥ 248 are rejected rather than reduced with bias. Written straight
    /// into the String: no array of characters to copy.
    public static func randomBase62(count: Int) -> String {
        String(unsafeUninitializedCapacity: count) { out in
            var filled = 0
            while filled < count {
                for b in SecureRandom.bytes(count + 8) where b < 248 && filled < count {
                    out[filled] = alphabet[Int(b % 62)]
                    filled += 1
                }
            }
            return count
        }
    }
}
