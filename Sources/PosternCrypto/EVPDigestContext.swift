internal import COpenSSL

/// Owns one `EVP_MD_CTX`: a `SignatureTemplate`'s prepared context, or the per-operation copy of it.
final class EVPDigestContext {
    let pointer: OpaquePointer

    init() throws {
        guard let pointer = EVP_MD_CTX_new() else { throw CryptoError.openSSL("EVP_MD_CTX_new") }
        self.pointer = pointer
    }

    /// A copy of `template`, which is only read (EVP_MD_CTX_copy_ex's source is const).
    convenience init(copying template: EVPDigestContext) throws {
        try self.init()
        guard EVP_MD_CTX_copy_ex(pointer, template.pointer) == 1 else { throw CryptoError.openSSL("EVP_MD_CTX_copy_ex") }
    }

    deinit { EVP_MD_CTX_free(pointer) }
}
