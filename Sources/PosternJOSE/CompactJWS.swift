/// A JWS in compact serialization (RFC 7515 §7.1), split and decoded but not yet trusted.
public struct CompactJWS: Sendable {
    /// Longest token accepted: far above any Postern token (< 2 KiB), small enough that a hostile one costs little.
    public static let maximumLength = 16 * 1024

    public let header: JWSHeader
    public let payload: [UInt8]
    public let signature: [UInt8]
    /// The ASCII bytes `BASE64URL(header) '.' BASE64URL(payload)` that the signature covers (RFC 7515 §5.2 step 8).
    public let signingInput: [UInt8]

    /// Splits and decodes `token`. Throws `JOSEError` for anything but exactly three strict base64url
    /// segments, a header that is not a duplicate-free JSON object, or an unsupported `alg`.
    public init(parsing token: String) throws {
        let bytes = Array(token.utf8)
        guard bytes.count <= CompactJWS.maximumLength else { throw JOSEError.malformedToken("token too large") }
        let dots = bytes.indices.filter { bytes[$0] == UInt8(ascii: ".") }
        // RFC 7515 §7.1: exactly three parts; a fourth or fifth is JWE (RFC 7516 §7.1), never accepted here.
        guard dots.count == 2 else { throw JOSEError.malformedToken("expected three segments") }
        let headerBytes = try Base64URL.decode(bytes: bytes[..<dots[0]])
        header = try JWSHeader(members: JSONParser.parseObject(headerBytes))
        payload = try Base64URL.decode(bytes: bytes[(dots[0] + 1)..<dots[1]])
        signature = try Base64URL.decode(bytes: bytes[(dots[1] + 1)...])
        guard !signature.isEmpty else { throw JOSEError.malformedToken("empty signature") }
        signingInput = Array(bytes[..<dots[1]])
    }

    /// Signs `payload` under `header` with `key` and returns the compact token. The header's
    /// algorithm is set from the key, so the two can never disagree.
    public static func sign(payload: [UInt8], header: JWSHeader, key: JWSSigningKey) throws -> String {
        var header = header
        header.algorithm = key.algorithm
        return try sign(payload: payload, encodedHeader: encodedHeader(header), key: key)
    }

    /// `BASE64URL(UTF8(header))`, computed once per signer.
    static func encodedHeader(_ header: JWSHeader) -> [UInt8] {
        var out = [UInt8]()
        JSONValue.object(header.members).serialized().withUnsafeBytes { Base64URL.append($0, to: &out) }
        return out
    }

    /// The compact token for an already encoded header: the hot path of `JWTSigner`.
    static func sign(payload: [UInt8], encodedHeader: [UInt8], key: JWSSigningKey) throws -> String {
        var token = encodedHeader
        token.reserveCapacity(encodedHeader.count + payload.count * 4 / 3 + 96)
        token.append(UInt8(ascii: "."))
        payload.withUnsafeBytes { Base64URL.append($0, to: &token) }
        let signature = try key.sign(token)
        token.append(UInt8(ascii: "."))
        signature.withUnsafeBytes { Base64URL.append($0, to: &token) }
        return String(decoding: token, as: UTF8.self)
    }
}
