/// Table-driven, reflected CRC-32 for a chosen polynomial: IEEE 802.3 for API-key checksums
/// (API.md "Tokens"), Castagnoli (CRC-32C) for state-log records (DESIGN.md "Storage").
///
/// Checksums catch accidents (typos, torn writes); they are not a defence against an attacker.
///
/// Contiguous bytes are checksummed eight at a time ("slicing-by-8": eight 256-entry tables, each folding one
/// byte lane), about five times faster than a byte at a time; every state-log frame is checksummed.
public struct CRC32: Sendable {
    /// CRC-32 as in zlib, PNG and Ethernet (reversed polynomial 0xEDB88320).
    public static let ieee = CRC32(reversedPolynomial: 0xEDB8_8320)
    /// CRC-32C (reversed polynomial 0x82F63B78), RFC 3720 §B.4.
    public static let castagnoli = CRC32(reversedPolynomial: 0x82F6_3B78)

    /// Eight tables of 256: `tables[k * 256 + n]` is the CRC of byte `n` followed by `k` zero bytes.
    private let tables: [UInt32]

    public init(reversedPolynomial: UInt32) {
        var tables = (0..<256).map { n -> UInt32 in
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ reversedPolynomial : c >> 1 }
            return c
        }
        for k in 1..<8 {
            for n in 0..<256 {
                let previous = tables[(k - 1) * 256 + n]
                tables.append(tables[Int(previous & 0xFF)] ^ (previous >> 8))
            }
        }
        self.tables = tables
    }

    /// The checksum of `bytes`; pass a previous result as `continuing` to checksum data in pieces.
    public func checksum(_ bytes: some Sequence<UInt8>, continuing previous: UInt32 = 0) -> UInt32 {
        // Contiguous bytes (arrays and their slices, every caller today) take the pointer loop; the generic
        // iterator costs several times more per byte, and state-log frames are checksummed on the writer thread.
        if let crc = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0), continuing: previous) }) {
            return crc
        }
        var crc = ~previous
        for b in bytes { crc = tables[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }

    /// The checksum of the bytes at `buffer`.
    public func checksum(_ buffer: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        tables.withUnsafeBufferPointer { t in
            var crc = ~previous
            var offset = 0
            while buffer.count - offset >= 8 {
                let low = crc ^ UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                let high = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
                crc = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
                offset += 8
            }
            while offset < buffer.count {
                crc = t[Int((crc ^ UInt32(buffer[offset])) & 0xFF)] ^ (crc >> 8)
                offset += 1
            }
            return ~crc
        }
    }
}
