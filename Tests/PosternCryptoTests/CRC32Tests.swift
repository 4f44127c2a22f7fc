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
}
