import Testing
@testable import PosternCrypto

@Suite struct AESGCMTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String, key: String, nonce: String, plaintext: String, aad: String, ciphertext: String, tag: String
        var testDescription: String { name }
    }

    // McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", AES-256 test cases 13–16.
    static let vectors = [
        Vector(name: "Test Case 13", key: String(repeating: "00", count: 32), nonce: String(repeating: "00", count: 12),
               plaintext: "", aad: "", ciphertext: "", tag: "530f8afbc74536b9a963b4f1c4cb738b"),
        Vector(name: "Test Case 14", key: String(repeating: "00", count: 32), nonce: String(repeating: "00", count: 12),
               plaintext: String(repeating: "00", count: 16), aad: "",
               ciphertext: "cea7403d4d606b6e074ec5d3baf39d18", tag: "d0d1c8a799996bf0265b98b5d48ab919"),
        Vector(name: "Test Case 15", key: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
               nonce: "cafebabefacedbaddecaf888",
               plaintext: "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
               aad: "",
               ciphertext: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
               tag: "b094dac5d93471bdec1a502270e3cc6c"),
        Vector(name: "Test Case 16", key: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
               nonce: "cafebabefacedbaddecaf888",
               plaintext: "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
               aad: "feedfacedeadbeeffeedfacedeadbeefabaddad2",
               ciphertext: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
               tag: "76fc6ece0f4e1768cddf8853bb2d551b"),
    ]

    static func bytes(_ hex: String) -> [UInt8] { Hex.decode(hex)! }

    @Test(arguments: vectors) func knownAnswers(_ v: Vector) throws {
        let box = try AESGCM.seal(Self.bytes(v.plaintext), key: Self.bytes(v.key), nonce: Self.bytes(v.nonce),
                                  authenticating: Self.bytes(v.aad))
        #expect(Hex.encode(box.ciphertext) == v.ciphertext)
        #expect(Hex.encode(box.tag) == v.tag)
        #expect(try AESGCM.open(box, key: Self.bytes(v.key), authenticating: Self.bytes(v.aad)) == Self.bytes(v.plaintext))
        #expect(try AESGCM.open(combined: box.combined, key: Self.bytes(v.key), authenticating: Self.bytes(v.aad))
                == Self.bytes(v.plaintext))
    }

    static let key = SecureRandom.bytes(32)
    static let aad = Array("user:usr_123/github".utf8)

    @Test func roundTripWithFreshNonces() throws {
        let message = Array("gho_upstream_token".utf8)
        let a = try AESGCM.seal(message, key: Self.key, authenticating: Self.aad)
        let b = try AESGCM.seal(message, key: Self.key, authenticating: Self.aad)
        #expect(a.nonce.count == 12 && a.tag.count == 16 && a.ciphertext.count == message.count)
        #expect(a.nonce != b.nonce && a.ciphertext != b.ciphertext)
        #expect(a.combined.count == 12 + message.count + 16)
        #expect(try AESGCM.open(combined: a.combined, key: Self.key, authenticating: Self.aad) == message)
        #expect(try AESGCM.open(AESGCM.seal([], key: Self.key), key: Self.key).isEmpty)
    }

    /// Flips one bit at every position of the combined box: each must fail to open.
    @Test func everyTamperedBitFails() throws {
        let combined = try AESGCM.seal(Array("secret!".utf8), key: Self.key, authenticating: Self.aad).combined
        for index in combined.indices {
            var tampered = combined
            tampered[index] ^= 0x01
            #expect(throws: CryptoError.authenticationFailed) {
                try AESGCM.open(combined: tampered, key: Self.key, authenticating: Self.aad)
            }
        }
    }

    @Test func wrongKeyOrAADFails() throws {
        let box = try AESGCM.seal(Array("secret!".utf8), key: Self.key, authenticating: Self.aad)
        var otherKey = Self.key
        otherKey[31] ^= 0x80
        #expect(throws: CryptoError.authenticationFailed) { try AESGCM.open(box, key: otherKey, authenticating: Self.aad) }
        #expect(throws: CryptoError.authenticationFailed) { try AESGCM.open(box, key: Self.key) }
        #expect(throws: CryptoError.authenticationFailed) {
            try AESGCM.open(box, key: Self.key, authenticating: Self.aad + [0])
        }
    }

    @Test func truncatedOrExtendedInputFails() throws {
        let combined = try AESGCM.seal(Array("secret!".utf8), key: Self.key).combined
        for length in [0, 1, 11, 12, 27, combined.count - 1] {
            #expect(throws: CryptoError.authenticationFailed) { try AESGCM.open(combined: Array(combined.prefix(length)), key: Self.key) }
        }
        #expect(throws: CryptoError.authenticationFailed) { try AESGCM.open(combined: combined + [0], key: Self.key) }
        #expect(throws: CryptoError.malformedInput("AES-GCM box is 27 bytes, shorter than nonce and tag")) {
            try AESGCM.SealedBox(combined: [UInt8](repeating: 0, count: 27))
        }
    }

    @Test func shortTagIsRefused() throws {
        let box = try AESGCM.seal(Array("secret!".utf8), key: Self.key)
        // A 4-byte prefix of the right tag would pass a truncated-tag check; only full tags are accepted.
        let short = AESGCM.SealedBox(nonce: box.nonce, ciphertext: box.ciphertext, tag: Array(box.tag.prefix(4)))
        #expect(throws: CryptoError.authenticationFailed) { try AESGCM.open(short, key: Self.key) }
    }

    @Test(arguments: [0, 16, 24, 31, 33, 64]) func wrongKeyLengthIsRejected(_ length: Int) {
        let key = [UInt8](repeating: 7, count: length)
        #expect(throws: CryptoError.malformedInput("AES-256-GCM key must be 32 bytes, got \(length)")) {
            try AESGCM.seal([1, 2, 3], key: key)
        }
        #expect(throws: CryptoError.malformedInput("AES-256-GCM key must be 32 bytes, got \(length)")) {
            try AESGCM.open(combined: [UInt8](repeating: 0, count: 40), key: key)
        }
    }

    @Test func wrongNonceLengthIsRejected() {
        #expect(throws: CryptoError.self) { try AESGCM.seal([1], key: Self.key, nonce: [0, 1, 2], authenticating: []) }
        let box = AESGCM.SealedBox(nonce: [UInt8](repeating: 0, count: 16), ciphertext: [], tag: [UInt8](repeating: 0, count: 16))
        #expect(throws: CryptoError.self) { try AESGCM.open(box, key: Self.key) }
    }
}
