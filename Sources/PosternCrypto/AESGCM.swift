internal import COpenSSL

/// AES-256-GCM authenticated encryption, for what Postern keeps secret at rest (private keys, upstream tokens).
public enum AESGCM {
    /// Key length: AES-256 only.
    public static let keyLength = 32
    /// 96-bit nonces: NIST SP 800-38D §8.2 recommends exactly this length, which GCM uses without hashing.
    public static let nonceLength = 12
    /// Full 128-bit tags (SP 800-38D §5.2.1.2: shorter tags weaken authentication).
    public static let tagLength = 16

    /// Encrypts `plaintext` under `key` with a fresh random nonce, authenticating `aad` too.
    /// Random nonces are safe for up to 2^32 messages per key (SP 800-38D §8.3), far beyond Postern's use.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], authenticating aad: [UInt8] = []) throws(CryptoError) -> SealedBox {
        try seal(plaintext, key: key, nonce: SecureRandom.bytes(nonceLength), authenticating: aad)
    }

    /// Encrypts with a given nonce. Internal: reusing a nonce under one key breaks GCM, so only
    /// the known-answer tests choose one.
    static func seal(_ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], authenticating aad: [UInt8]) throws(CryptoError) -> SealedBox {
        try checkLengths(key: key, nonce: nonce)
        let context = try CipherContext()
        return try context.withContext { ctx throws(CryptoError) in
            guard EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nil, key, nonce) == 1 else {
                throw CryptoError.openSSL("EVP_EncryptInit_ex")
            }
            _ = try update(ctx, aad, isAAD: true, encrypting: true)
            let ciphertext = try update(ctx, plaintext, isAAD: false, encrypting: true)
            var length: Int32 = 0
            var scratch = [UInt8](repeating: 0, count: 16)
            // GCM is a stream mode: final writes nothing, it only completes the tag.
            guard EVP_EncryptFinal_ex(ctx, &scratch, &length) == 1, length == 0 else {
                throw CryptoError.openSSL("EVP_EncryptFinal_ex")
            }
            var tag = [UInt8](repeating: 0, count: tagLength)
            guard EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, Int32(tagLength), &tag) == 1 else {
                throw CryptoError.openSSL("EVP_CTRL_AEAD_GET_TAG")
            }
            return SealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag)
        }
    }

    /// Decrypts and authenticates. Any change to the key, nonce, ciphertext, tag or `aad` throws
    /// `CryptoError.authenticationFailed`, and no plaintext is returned.
    public static func open(_ box: SealedBox, key: [UInt8], authenticating aad: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        try checkLengths(key: key, nonce: box.nonce)
        // A short tag would let OpenSSL compare fewer bytes; only full tags are ever written.
        guard box.tag.count == tagLength else { throw .authenticationFailed }
        let context = try CipherContext()
        return try context.withContext { ctx throws(CryptoError) in
            guard EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nil, key, box.nonce) == 1 else {
                throw CryptoError.openSSL("EVP_DecryptInit_ex")
            }
            _ = try update(ctx, aad, isAAD: true, encrypting: false)
            var plaintext = try update(ctx, box.ciphertext, isAAD: false, encrypting: false)
            var tag = box.tag
            guard EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, Int32(tagLength), &tag) == 1 else {
                throw CryptoError.openSSL("EVP_CTRL_AEAD_SET_TAG")
            }
            var length: Int32 = 0
            var scratch = [UInt8](repeating: 0, count: 16)
            // The tag is checked here (in constant time by OpenSSL); on failure the buffer is wiped
            // so unauthenticated plaintext never escapes.
            guard EVP_DecryptFinal_ex(ctx, &scratch, &length) == 1 else {
                plaintext.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
                ERR_clear_error()
                throw CryptoError.authenticationFailed
            }
            return plaintext
        }
    }

    /// Opens `nonce ‖ ciphertext ‖ tag`; input too short to hold a nonce and a tag fails authentication too.
    public static func open(combined: [UInt8], key: [UInt8], authenticating aad: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        guard let box = try? SealedBox(combined: combined) else { throw .authenticationFailed }
        return try open(box, key: key, authenticating: aad)
    }

    private static func checkLengths(key: [UInt8], nonce: [UInt8]) throws(CryptoError) {
        guard key.count == keyLength else {
            throw .malformedInput("AES-256-GCM key must be \(keyLength) bytes, got \(key.count)")
        }
        guard nonce.count == nonceLength else {
            throw .malformedInput("AES-GCM nonce must be \(nonceLength) bytes, got \(nonce.count)")
        }
    }

    /// Feeds `input` as AAD or as text and returns what it produced. Empty input is skipped: there
    /// is nothing to feed, and an empty array may have no base address.
    private static func update(_ ctx: OpaquePointer, _ input: [UInt8], isAAD: Bool, encrypting: Bool) throws(CryptoError) -> [UInt8] {
        guard !input.isEmpty else { return [] }
        guard let count = Int32(exactly: input.count) else {
            throw .malformedInput("AES-GCM input of \(input.count) bytes is over 2 GiB")
        }
        var output = [UInt8](repeating: 0, count: isAAD ? 0 : input.count)
        var written: Int32 = 0
        let ok = output.withUnsafeMutableBufferPointer { out in
            // OpenSSL takes AAD through the same call with a NULL output buffer.
            let target = isAAD ? nil : out.baseAddress
            return encrypting ? EVP_EncryptUpdate(ctx, target, &written, input, count)
                              : EVP_DecryptUpdate(ctx, target, &written, input, count)
        }
        guard ok == 1, written == count else {
            throw CryptoError.openSSL(encrypting ? "EVP_EncryptUpdate" : "EVP_DecryptUpdate")
        }
        return output
    }
}
