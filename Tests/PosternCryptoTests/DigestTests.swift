import Testing
@testable import PosternCrypto

@Suite struct DigestTests {
    // FIPS 180-2 Appendix B.1 and B.2.
    @Test func sha256KnownAnswers() {
        #expect(SHA256.hexHash(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexHash([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexHash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    // RFC 4231 §4.2, test case 1; and RFC 2202 §3 test case 2 for HMAC-SHA1.
    @Test func hmacKnownAnswers() {
        let key = [UInt8](repeating: 0x0b, count: 20)
        #expect(Hex.encode(HMAC.authenticationCode(.sha256, key: key, message: Array("Hi There".utf8)))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(Hex.encode(HMAC.authenticationCode(.sha1, key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
    }

    /// Keys longer than the 64-byte block are hashed first (RFC 2104 §2): RFC 4231 §4.7 (test case 6) and
    /// §4.8 (test case 7), RFC 2202 §3 test case 6; a key of exactly one block is used as it is.
    @Test func hmacKnownAnswersForLongKeys() {
        let key = [UInt8](repeating: 0xaa, count: 131)
        #expect(Hex.encode(HMAC.authenticationCode(.sha256, key: key, message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        let message = "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."
        #expect(Hex.encode(HMAC.authenticationCode(.sha256, key: key, message: Array(message.utf8)))
                == "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
        #expect(Hex.encode(HMAC.authenticationCode(.sha1, key: [UInt8](repeating: 0xaa, count: 80),
                                                   message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
                == "aa4ae5e15272d00e95705637ce8a3b55ed402112")
        let block = [UInt8](repeating: 0x42, count: 64)
        #expect(HMAC.authenticationCode(.sha256, key: block, message: [1]) != HMAC.authenticationCode(.sha256, key: SHA256.hash(block), message: [1]))
    }

    @Test func hmacAcceptsEmptyKey() {
        // RFC 4231 has no empty-key case; this is HMAC-SHA256("", "") as OpenSSL computes it.
        #expect(Hex.encode(HMAC.authenticationCode(.sha256, key: [], message: []))
                == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test func constantTimeEquality() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(ConstantTime.equals([UInt8](), []))
        #expect(ConstantTime.equals("secret", "secret"))
        #expect(!ConstantTime.equals("secret", "Secret"))
    }

    /// The audit chain hashes `prev` and the event as two parts: the same digest as their concatenation, wherever
    /// the cut falls (FIPS 180-2 B.2 cut at every offset, and the empty cases).
    @Test func twoPartHexHashEqualsTheConcatenation() {
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        for cut in 0...message.count {
            let hex = message[..<cut].withUnsafeBytes { a in message[cut...].withUnsafeBytes { b in SHA256.hexHash(a, b) } }
            #expect(hex == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        }
        #expect(Hex.encode([UInt8]()) == "" && Hex.encode([0x00, 0x0f, 0xf0, 0xff][...]) == "000ff0ff")
        // A String hashes as its UTF-8 bytes, small (inline) or not.
        for text in ["abc", "é", String(repeating: "x", count: 100)] { #expect(SHA256.hash(text) == SHA256.hash(Array(text.utf8))) }
    }

    @Test func randomBytesAreFreshAndSized() {
        let a = SecureRandom.bytes(32), b = SecureRandom.bytes(32)
        #expect(a.count == 32 && b.count == 32)
        #expect(a != b)
        #expect(SecureRandom.bytes(0).isEmpty)
    }

    /// Small draws come from a 4 KiB reserve: across several refills no draw repeats or comes out wiped (all zero),
    /// and the bytes spread over all values; draws above the reserve's limit come from RAND_bytes directly.
    @Test func randomReserveHandsOutFreshBytesAcrossRefills() {
        let draws = (0..<(3 * RandomReserve.capacity / 24)).map { _ in SecureRandom.bytes(24) }
        #expect(Set(draws).count == draws.count)
        #expect(!draws.contains { $0.allSatisfy { $0 == 0 } })
        var seen = [Int](repeating: 0, count: 256)
        for byte in draws.joined() { seen[Int(byte)] += 1 }
        // 12,288 bytes: 48 of each value expected; a stuck or wiped reserve would leave values at 0 or pile them up.
        #expect(seen.min()! > 10 && seen.max()! < 110)
        let large = SecureRandom.bytes(SecureRandom.reserveLimit + 1)
        #expect(large.count == SecureRandom.reserveLimit + 1 && large != SecureRandom.bytes(SecureRandom.reserveLimit + 1))
    }

    @Test func hexRoundTripAndRejects() {
        #expect(Hex.decode("00ffA0") == [0, 255, 160])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.encode([0, 255, 160]) == "00ffa0")
    }
}
