/// Table-driven, reflected CRC-32 for a chosen polynomial: IEEE 802.3 for API-key checksums
/// (API.md "Tokens"), Castagnoli (CRC-32C) for state-log records (DESIGN.md "Storage").
///
/// Checksums catch accidents (typos, torn writes); they are not a defence against an attacker.
public struct CRC32: Sendable {
    /// CRC-32 as in zlib, PNG and Ethernet (reversed polynomial 0xEDB88320).
    public static let ieee = CRC32(reversedPolynomial: 0xEDB8_8320)
    /// CRC-32C (reversed polynomial 0x82F63B78), RFC 3720 §B.4.
    public static let castagnoli = CRC32(reversedPolynomial: 0x82F6_3B78)

    private let table: [UInt32]

    public init(reversedPolynomial: UInt32) {
        table = (0..<256).map { n -> UInt32 in
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ reversedPolynomial : c >> 1 }
            return c
        }
    }

    /// The checksum of `bytes`; pass a previous result as `continuing` to checksum data in pieces.
    public func checksum(_ bytes: some Sequence<UInt8>, continuing previous: UInt32 = 0) -> UInt32 {
        // Contiguous bytes (arrays and their slices, every caller today) take the pointer loop; the generic
        // iterator costs several times more per byte, and state-log frames are checksummed on the writer thread.
        if let crc = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0), continuing: previous) }) {
            return crc
        }
        var crc = ~previous
        for b in bytes { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }

    /// The checksum of the bytes at `buffer`.
    public func checksum(_ buffer: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        table.withUnsafeBufferPointer { table in
            var crc = ~previous
            for b in buffer { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
            return ~crc
        }
    }
}
