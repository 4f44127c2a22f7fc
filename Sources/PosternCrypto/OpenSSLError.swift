internal import COpenSSL

extension CryptoError {
    /// Reads and clears OpenSSL's thread-local error queue so one failure does not leak into the next call.
    static func openSSL(_ operation: String) -> CryptoError {
        let code = ERR_get_error()
        ERR_clear_error()
        return .openSSL(operation: operation, code: code)
    }
}
