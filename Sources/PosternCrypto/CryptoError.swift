/// The one error type of PosternCrypto: what went wrong, never key material.
///
/// The server edge maps these to `server_error` (an OpenSSL failure) or to the
/// wire error of the operation that caused them (a bad signature is an
/// `invalid_token`, a malformed hash string a failed login).
public enum CryptoError: Error, Equatable, Sendable {
    /// OpenSSL reported a failure; `operation` names the call, `code` is `ERR_get_error()`.
    case openSSL(operation: String, code: UInt)
    /// An input had the wrong length or form (a key, a nonce, a signature, a PHC string).
    case malformedInput(String)
    /// An authentication tag or a signature did not verify.
    case authenticationFailed
}
