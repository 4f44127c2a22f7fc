import Testing
@testable import PosternCrypto

@Suite struct CRC32Tests {
    // The standard check value: CRC of the ASCII digits "123456789".
    @Test func checkValues() {
        #expect(CRC32.ieee.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.castagnoli.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32.ieee.checksum([UInt8]()) == 0)
    }

    // RFC 3720 Appendix B.4.
    @Test func rfc3720Vectors() {
        let c = CRC32.castagnoli
        #expect(c.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(c.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(c.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(c.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
    }

    @Test func incrementalEqualsWhole() {
        let data = (0..<1000).map { UInt8($0 & 0xFF) }
        let whole = CRC32.ieee.checksum(data)
        let part = CRC32.ieee.checksum(data[500...], continuing: CRC32.ieee.checksum(data[..<500]))
        #expect(whole == part)
    }

    /// The bit-at-a-time definition, the reference for the table-driven loops.
    private func bitwise(_ bytes: [UInt8], _ polynomial: UInt32) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
        }
        return ~crc
    }

    // Every length around the 8-byte step, at every alignment, through both the pointer and the generic paths.
    @Test func eightAtATimeEqualsTheBitwiseDefinition() {
        var generator = SystemRandomNumberGenerator()
        let data = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for (crc, polynomial) in [(CRC32.ieee, UInt32(0xEDB8_8320)), (CRC32.castagnoli, 0x82F6_3B78)] {
            for start in 0..<8 {
                for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 255, 292 - start] {
                    let slice = data[start..<(start + length)]
                    let expected = bitwise(Array(slice), polynomial)
                    #expect(crc.checksum(slice) == expected)
                    #expect(crc.checksum(AnySequence(slice)) == expected)
                }
            }
        }
    }
}
