/// Where a signing key is in its life: published before it signs, published after it stops.
///
/// API.md "Signing keys": a key moves next → active → retired; a new key is published
/// in the JWKS at least one JWKS max-age before it signs anything, and a retired key
/// stays published until every token it signed has expired.
public enum SigningKeyState: String, Codable, Sendable, Equatable {
    /// Published in the JWKS, not yet signing: caches pick it up before any token uses it.
    case next
    /// The one key that signs new tokens.
    case active
    /// No longer signs; still published so tokens it signed keep verifying.
    case retired
}
