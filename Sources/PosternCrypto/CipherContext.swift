internal import COpenSSL

/// Owns one `EVP_CIPHER_CTX` and frees it in `deinit`; the pointer never leaves `withContext`.
final class CipherContext {
    private let context: OpaquePointer

    init() throws(CryptoError) {
        guard let context = EVP_CIPHER_CTX_new() else { throw CryptoError.openSSL("EVP_CIPHER_CTX_new") }
        self.context = context
    }

    deinit {
        // EVP_CIPHER_CTX_free also cleanses the expanded key schedule.
        EVP_CIPHER_CTX_free(context)
    }

    func withContext<T>(_ body: (OpaquePointer) throws(CryptoError) -> T) throws(CryptoError) -> T {
        try body(context)
    }
}
