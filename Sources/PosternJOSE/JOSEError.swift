public import PosternCrypto

/// The one error type of PosternJOSE: why a token, key or JSON document was refused.
///
/// The server edge maps `expired` to `token_expired` and every other case to `invalid_token`
/// (API.md "Errors"); the case itself goes only into the private debug text.
public enum JOSEError: Error, Equatable, Sendable {
    /// Not three dot-separated segments, too large, or a segment that is not what it must be.
    case malformedToken(String)
    /// Base64url with padding, whitespace, a character outside the alphabet, or non-zero trailing bits.
    case invalidBase64URL
    /// Not strict JSON (RFC 8259), nested too deep, or not the expected JSON type.
    case invalidJSON(String)
    /// An object with the same member name twice, which parsers resolve differently (RFC 7515 §5.2 step 4).
    case duplicateMember(String)
    /// An `alg` Postern never verifies: `none`, any HS*, or one it does not implement.
    case unsupportedAlgorithm(String)
    /// A supported `alg` that this validator's allow-list does not include.
    case algorithmNotAllowed(JWSAlgorithm)
    /// A header member that is refused outright: `crit`, `jwk`, `jku`, `x5u`, `x5c`.
    case forbiddenHeader(String)
    /// The header has no `kid`, so no key can be chosen.
    case missingKeyID
    /// No key with this `kid` is trusted.
    case unknownKeyID(String)
    /// The key found does not fit the token's `alg` (key type, or the JWK's own `alg`/`use`).
    case keyMismatch
    /// The signature does not verify.
    case invalidSignature
    /// A JWK that is malformed or carries private members.
    case invalidKey(String)
    /// A well-formed JWK of a key type or curve Postern does not implement (skipped inside a JWK Set).
    case unsupportedKey(String)
    /// A claim has the wrong JSON type, or a required claim is missing.
    case invalidClaim(String)
    case issuerMismatch
    case audienceMismatch
    /// The header `typ` is not the one this use requires (RFC 8725 §3.11).
    case typeMismatch
    /// Now is at or past `exp` (plus leeway).
    case expired
    /// Now is before `nbf` (minus leeway).
    case notYetValid
    /// Signing failed inside OpenSSL.
    case crypto(CryptoError)
}
