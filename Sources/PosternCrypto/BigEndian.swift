/// Conversions of unsigned big-endian integers (JWK "n", "e", ECDSA r and s) to the forms OpenSSL wants.
enum BigEndian {
    /// Drops leading zero bytes, keeping at least one byte.
    static func minimal(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.firstIndex(where: { $0 != 0 }) else { return bytes.isEmpty ? [] : [0] }
        return Array(bytes[first...])
    }

    /// OSSL_PARAM big numbers are in the host's byte order; the same swap goes either way.
    static func swappingNativeOrder(_ bytes: [UInt8]) -> [UInt8] {
        UInt16(1).bigEndian == 1 ? bytes : bytes.reversed()
    }
}
