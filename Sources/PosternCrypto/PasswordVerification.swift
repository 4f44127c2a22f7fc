/// The outcome of checking a password against a stored PHC string.
public enum PasswordVerification: Equatable, Sendable {
    /// The password matches. `needsRehash` is true when the stored string was made with other
    /// parameters (or salt/hash lengths) than the hasher's current ones: store a fresh `hash` now
    /// (API.md "Abuse protection": rehashed on login when the parameters change).
    case valid(needsRehash: Bool)
    /// The password does not match, or the stored string is malformed or over the bounds.
    case invalid
}
