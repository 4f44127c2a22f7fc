internal import COpenSSL

/// Owns one `EVP_PKEY`, the OpenSSL object under every asymmetric key type of this module.
// @unchecked Sendable: the EVP_PKEY is never mutated after init, and OpenSSL 3 allows concurrent
// sign/verify on one EVP_PKEY as long as each operation uses its own EVP_MD_CTX (SignatureTemplate).
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    /// Generates a key in `context` after `configure` has set its parameters (curve, modulus size).
    static func generate(_ context: EVPKeyContext, configure: (OpaquePointer) -> Int32) throws -> EVPKey {
        guard EVP_PKEY_keygen_init(context.pointer) == 1 else { throw CryptoError.openSSL("EVP_PKEY_keygen_init") }
        guard configure(context.pointer) == 1 else { throw CryptoError.openSSL("EVP_PKEY_CTX_set_params") }
        var key: OpaquePointer?
        guard EVP_PKEY_generate(context.pointer, &key) == 1, let key else { throw CryptoError.openSSL("EVP_PKEY_generate") }
        return EVPKey(taking: key)
    }

    /// EVP_PKEY_PUBLIC_KEY, a macro Swift cannot import: the public key and its domain parameters.
    private static let publicKeySelection = OSSL_KEYMGMT_SELECT_PUBLIC_KEY | OSSL_KEYMGMT_SELECT_DOMAIN_PARAMETERS
        | OSSL_KEYMGMT_SELECT_OTHER_PARAMETERS

    /// Imports a public key from OSSL_PARAMs and checks it (on the curve, sane RSA modulus and exponent).
    static func publicKey(_ algorithm: StaticString, parameters: UnsafeMutablePointer<OSSL_PARAM>) throws -> EVPKey {
        let context = try EVPKeyContext(algorithm: algorithm)
        guard EVP_PKEY_fromdata_init(context.pointer) == 1 else { throw CryptoError.openSSL("EVP_PKEY_fromdata_init") }
        var raw: OpaquePointer?
        guard EVP_PKEY_fromdata(context.pointer, &raw, publicKeySelection, parameters) == 1, let raw else {
            ERR_clear_error()
            throw CryptoError.malformedInput("public key rejected by OpenSSL")
        }
        return try EVPKey(taking: raw).checked(by: EVP_PKEY_public_check, failure: "public key failed validation")
    }

    /// Reads a PEM private key (PKCS#8 or the traditional form), never prompting for a passphrase,
    /// and checks that its public and private halves belong together.
    static func privateKey(pem: String) throws -> EVPKey {
        let bytes = Array(pem.utf8)
        // Larger than any PEM key Postern accepts (an RSA-16384 PKCS#8 is about 12 KiB).
        guard bytes.count <= 64 * 1024 else { throw CryptoError.malformedInput("PEM input too large") }
        let bio = try MemoryBIO(bytes)
        // A nil callback would make OpenSSL prompt on the terminal for an encrypted key; this one refuses.
        guard let raw = PEM_read_bio_PrivateKey(bio.pointer, nil, { _, _, _, _ in -1 }, nil) else {
            ERR_clear_error()
            throw CryptoError.malformedInput("not a readable unencrypted PEM private key")
        }
        return try EVPKey(taking: raw).checked(by: EVP_PKEY_pairwise_check, failure: "private key failed its consistency check")
    }

    /// This key if the OpenSSL key check `check` passes on it, else `malformedInput(failure)`.
    private func checked(by check: (OpaquePointer?) -> Int32, failure: String) throws -> EVPKey {
        let passed = check(try EVPKeyContext(key: self).pointer) == 1
        // OpenSSL 3's decoders leave entries from the formats they tried even when one succeeds; a stale
        // entry would be reported as the cause of some later, unrelated failure.
        ERR_clear_error()
        guard passed else { throw CryptoError.malformedInput(failure) }
        return self
    }

    /// The key as an unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY").
    func pkcs8PEM() throws -> String {
        let bio = try MemoryBIO()
        guard PEM_write_bio_PKCS8PrivateKey(bio.pointer, pointer, nil, nil, 0, nil, nil) == 1 else {
            throw CryptoError.openSSL("PEM_write_bio_PKCS8PrivateKey")
        }
        return String(decoding: try bio.contents(), as: UTF8.self)
    }

    func isA(_ name: StaticString) -> Bool { EVP_PKEY_is_a(pointer, name.cString) == 1 }

    var bits: Int { Int(EVP_PKEY_get_bits(pointer)) }

    /// The largest signature this key makes, in bytes.
    var maximumSignatureSize: Int { Int(EVP_PKEY_get_size(pointer)) }

    /// A UTF-8 string parameter such as the EC group name.
    func stringParameter(_ name: StaticString) -> String? {
        var buffer = [CChar](repeating: 0, count: 80)
        var length = 0
        guard EVP_PKEY_get_utf8_string_param(pointer, name.cString, &buffer, buffer.count, &length) == 1 else {
            ERR_clear_error()
            return nil
        }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// An octet-string parameter such as the encoded EC public point.
    func octetParameter(_ name: StaticString, maximumCount: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: maximumCount)
        var length = 0
        guard EVP_PKEY_get_octet_string_param(pointer, name.cString, &buffer, buffer.count, &length) == 1 else {
            ERR_clear_error()
            return nil
        }
        return Array(buffer.prefix(length))
    }

    /// An unsigned big-number parameter (RSA n or e) as minimal big-endian bytes.
    func unsignedParameter(_ name: StaticString, maximumCount: Int) -> [UInt8]? {
        var native = [UInt8](repeating: 0, count: maximumCount)
        let ok = native.withUnsafeMutableBufferPointer { buffer in
            var parameters = [
                OSSL_PARAM_construct_BN(name.cString, buffer.baseAddress, buffer.count),
                OSSL_PARAM_construct_end(),
            ]
            return EVP_PKEY_get_params(pointer, &parameters) == 1
        }
        guard ok else {
            ERR_clear_error()
            return nil
        }
        return BigEndian.minimal(BigEndian.swappingNativeOrder(native))
    }
}
