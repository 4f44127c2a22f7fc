internal import COpenSSL

/// Owns one `EVP_PKEY_CTX`: the context of a key generation, an import from parameters, or a key check.
final class EVPKeyContext {
    let pointer: OpaquePointer

    /// A context for the algorithm `name` ("EC", "RSA"), used to generate or import a key.
    init(algorithm name: StaticString) throws {
        guard let pointer = EVP_PKEY_CTX_new_from_name(nil, name.cString, nil) else {
            throw CryptoError.openSSL("EVP_PKEY_CTX_new_from_name")
        }
        self.pointer = pointer
    }

    /// A context over an existing key, used to check it.
    init(key: EVPKey) throws {
        guard let pointer = EVP_PKEY_CTX_new_from_pkey(nil, key.pointer, nil) else {
            throw CryptoError.openSSL("EVP_PKEY_CTX_new_from_pkey")
        }
        self.pointer = pointer
    }

    deinit { EVP_PKEY_CTX_free(pointer) }
}
