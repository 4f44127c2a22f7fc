/// Converts P-256 ECDSA signatures between OpenSSL's DER `ECDSA-Sig-Value` and JWS's raw `r‖s`.
///
/// RFC 7518 §3.4: the JWS signature is "the concatenation of the two integer values R and S", each
/// "a 32-octet sequence". OpenSSL speaks DER (SEQUENCE { INTEGER r, INTEGER s }).
enum ECDSASignature {
    /// Bytes of one P-256 scalar, and of a raw JWS signature.
    static let scalarSize = 32
    static let rawSize = 64
    /// SEQUENCE header (2) + two INTEGERs of up to 33 bytes each with their headers (2 × 35).
    static let maximumDERSize = 72

    /// Writes the 64-byte `r‖s` of a strict DER signature into `raw`. Returns false for anything but
    /// canonical DER with two positive integers of at most 32 bytes: OpenSSL never produces such a
    /// signature, so one means memory corruption or a bug, and must not become a token.
    static func raw(fromDER der: UnsafeRawBufferPointer, into raw: UnsafeMutableRawBufferPointer) -> Bool {
        guard der.count >= 8, der[0] == 0x30, Int(der[1]) == der.count - 2, der[1] < 0x80 else { return false }
        var offset = 2
        for half in 0..<2 {
            guard offset + 2 <= der.count, der[offset] == 0x02 else { return false }
            let length = Int(der[offset + 1])
            let start = offset + 2
            guard length >= 1, start + length <= der.count else { return false }
            let first = der[start]
            // X.690 §8.3.2: no redundant leading zero; a set high bit would make the integer negative.
            guard first & 0x80 == 0 else { return false }
            var digits = start
            if first == 0 {
                guard length == 1 || der[start + 1] & 0x80 != 0 else { return false }
                digits += 1
            }
            let count = start + length - digits
            guard count <= scalarSize else { return false }
            let target = half * scalarSize
            for i in 0..<(scalarSize - count) { raw[target + i] = 0 }
            for i in 0..<count { raw[target + scalarSize - count + i] = der[digits + i] }
            offset = start + length
        }
        return offset == der.count
    }

    /// Writes the DER encoding of a 64-byte `r‖s` into `der` (at least `maximumDERSize` bytes); returns its length.
    static func der(fromRaw raw: UnsafeRawBufferPointer, into der: UnsafeMutableRawBufferPointer) -> Int {
        precondition(raw.count == rawSize && der.count >= maximumDERSize)
        var offset = 2
        for half in 0..<2 {
            let base = half * scalarSize
            var skip = 0
            // Keep one byte for zero so the INTEGER is never empty (OpenSSL then rejects r = 0 or s = 0).
            while skip < scalarSize - 1, raw[base + skip] == 0 { skip += 1 }
            let pad = raw[base + skip] & 0x80 != 0 ? 1 : 0
            let length = scalarSize - skip + pad
            der[offset] = 0x02
            der[offset + 1] = UInt8(length)
            offset += 2
            if pad == 1 { der[offset] = 0; offset += 1 }
            for i in skip..<scalarSize { der[offset] = raw[base + i]; offset += 1 }
        }
        der[0] = 0x30
        der[1] = UInt8(offset - 2)
        return offset
    }
}
