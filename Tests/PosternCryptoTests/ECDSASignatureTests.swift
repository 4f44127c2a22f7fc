import Testing
@testable import PosternCrypto

@Suite struct ECDSASignatureTests {
    private func der(ofRaw raw: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: ECDSASignature.maximumDERSize)
        let length = raw.withUnsafeBytes { r in out.withUnsafeMutableBytes { ECDSASignature.der(fromRaw: r, into: $0) } }
        return Array(out.prefix(length))
    }

    private func raw(ofDER der: [UInt8]) -> [UInt8]? {
        var out = [UInt8](repeating: 0xee, count: ECDSASignature.rawSize)
        let ok = der.withUnsafeBytes { d in out.withUnsafeMutableBytes { ECDSASignature.raw(fromDER: d, into: $0) } }
        return ok ? out : nil
    }

    @Test(arguments: [
        [UInt8](repeating: 0x7f, count: 64),
        [UInt8](repeating: 0xff, count: 64),
        [UInt8](repeating: 0, count: 31) + [1] + [UInt8](repeating: 0, count: 31) + [2],
        [0, 0x80] + [UInt8](repeating: 0x11, count: 30) + [0x80] + [UInt8](repeating: 0x22, count: 31),
    ])
    func rawSurvivesDERRoundTrip(raw: [UInt8]) {
        let encoded = der(ofRaw: raw)
        #expect(encoded[0] == 0x30 && Int(encoded[1]) == encoded.count - 2)
        #expect(self.raw(ofDER: encoded) == raw)
    }

    @Test func highBitGetsOneZeroAndLeadingZerosAreDropped() {
        let encoded = der(ofRaw: [0x80] + [UInt8](repeating: 0, count: 31) + [UInt8](repeating: 0, count: 31) + [5])
        #expect(encoded == [0x30, 0x26, 0x02, 0x21, 0x00, 0x80] + [UInt8](repeating: 0, count: 31) + [0x02, 0x01, 0x05])
    }

    @Test(arguments: [
        // An INTEGER with a redundant leading zero.
        [0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01],
        // A negative INTEGER.
        [0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01],
        // The wrong outer tag.
        [0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],
        // The wrong inner tag.
        [0x30, 0x06, 0x04, 0x01, 0x01, 0x02, 0x01, 0x01],
        // A sequence length that disagrees with the data.
        [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],
        // Trailing bytes after the second INTEGER.
        [0x30, 0x08, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00, 0x00],
        // An empty INTEGER.
        [0x30, 0x06, 0x02, 0x00, 0x02, 0x01, 0x01, 0x00],
        // Only one INTEGER.
        [0x30, 0x03, 0x02, 0x01, 0x01],
        // An INTEGER longer than 32 bytes.
        [0x30, 0x26, 0x02, 0x21, 0x01] + [UInt8](repeating: 0, count: 32) + [0x02, 0x01, 0x01],
        // Long-form length octets (not DER for a short sequence).
        [0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],
        [],
    ] as [[UInt8]])
    func nonCanonicalDERIsRejected(der: [UInt8]) {
        #expect(raw(ofDER: der) == nil)
    }
}
