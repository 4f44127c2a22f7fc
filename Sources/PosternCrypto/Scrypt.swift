internal import COpenSSL

/// The scrypt key derivation function (RFC 7914) through OpenSSL 3.
///
/// `EVP_PBE_scrypt` is a one-call, non-deprecated wrapper over the same provider
/// implementation as `EVP_KDF_fetch("SCRYPT")`: no KDF context to own and free, and it
/// takes `maxmem` directly, which is all Postern needs.
enum Scrypt {
    /// Derives `length` bytes. Parameters are not range-checked here so the RFC vectors can run;
    /// callers pass `ScryptParameters`, which are.
    static func derive(password: [UInt8], salt: [UInt8], costN: UInt64, blockSize: UInt64, parallelism: UInt64,
                       maxMemory: UInt64, length: Int) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        let ok = password.withUnsafeBufferPointer { pass in
            salt.withUnsafeBufferPointer { salt in
                out.withUnsafeMutableBufferPointer { key in
                    pass.withMemoryRebound(to: CChar.self) { pass in
                        // OpenSSL treats a NULL password or salt as empty, so empty arrays are fine.
                        EVP_PBE_scrypt(pass.baseAddress, pass.count, salt.baseAddress, salt.count,
                                       costN, blockSize, parallelism, maxMemory, key.baseAddress, key.count)
                    }
                }
            }
        }
        guard ok == 1 else { throw CryptoError.openSSL("EVP_PBE_scrypt") }
        return out
    }

    /// Derives with checked parameters.
    static func derive(password: [UInt8], salt: [UInt8], parameters: ScryptParameters, length: Int) throws(CryptoError) -> [UInt8] {
        try derive(password: password, salt: salt, costN: parameters.costN, blockSize: UInt64(parameters.blockSize),
                   parallelism: UInt64(parameters.parallelism), maxMemory: parameters.memoryBytes, length: length)
    }
}
