import PosternCrypto
import PosternJOSE

/// Makes, derives and hashes opaque refresh tokens (`rt_` + 256 bits, base64url).
///
/// A family's first token is random. Each successor is HMAC-SHA256 of the token it
/// replaces under a server key, so the concurrent-refresh grace (API.md "Tokens") can
/// answer a retried predecessor with the *same* successor by recomputing it: no refresh
/// token is ever stored, only SHA-256 hashes. Without the key a successor is as
/// unpredictable as a random one; with it, one needs the predecessor anyway.
public struct RefreshTokenCodec: Sendable {
    static let prefix = "rt_"
    /// base64url of 32 bytes, no padding.
    static let bodyLength = 43

    private let successorKey: [UInt8]

    /// `secret` is the server's encryption key; a separate key is derived from it for this one use.
    public init(secret: [UInt8]) {
        successorKey = HMAC.authenticationCode(.sha256, key: secret, message: Array("postern refresh-token successor v1".utf8))
    }

    /// A family's first token.
    public func generate() -> String {
        RefreshTokenCodec.prefix + Base64URL.encode(SecureRandom.bytes(32))
    }

    /// The one successor `token` can ever have.
    public func successor(of token: String) -> String {
        RefreshTokenCodec.prefix + Base64URL.encode(HMAC.authenticationCode(.sha256, key: successorKey, message: Array(token.utf8)))
    }

    /// What the store keeps.
    public static func hash(_ token: String) -> [UInt8] { SHA256.hash(token) }

    /// True for the exact shape `rt_` + 43 base64url characters; anything else is refused before any look-up.
    public static func isWellFormed(_ token: String) -> Bool {
        guard token.utf8.count == prefix.count + bodyLength, token.hasPrefix(prefix) else { return false }
        return (try? Base64URL.decode(String(token.dropFirst(prefix.count))))?.count == 32
    }
}
