import Testing
@testable import PosternCrypto

@Suite struct RSAKeyTests {
    let message = Array("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9".utf8)
    /// One generated key for the tests that only need some valid key (generation takes a while).
    static let sharedKey = Result { try RSAPrivateKey.generate() }

    @Test func generatedKeySignsAndVerifies() throws {
        let key = try RSAPrivateKey.generate()
        #expect(key.publicKey.n.count == 256)
        #expect(key.publicKey.e == [0x01, 0x00, 0x01])
        let signature = try key.signRS256(message)
        #expect(signature.count == 256)
        #expect(key.publicKey.verifyRS256(signature: signature, message: message))
        // PKCS #1 v1.5 is deterministic.
        #expect(try key.signRS256(message) == signature)
    }

    @Test func tamperedOrResizedSignatureFails() throws {
        let key = try RSAKeyTests.sharedKey.get()
        let signature = try key.signRS256(message)
        var bad = signature
        bad[100] ^= 0x01
        #expect(!key.publicKey.verifyRS256(signature: bad, message: message))
        #expect(!key.publicKey.verifyRS256(signature: Array(signature.dropFirst()), message: message))
        #expect(!key.publicKey.verifyRS256(signature: [0] + signature, message: message))
        #expect(!key.publicKey.verifyRS256(signature: [], message: message))
        var otherMessage = message
        otherMessage[0] ^= 0x01
        #expect(!key.publicKey.verifyRS256(signature: signature, message: otherMessage))
    }

    @Test func pemRoundTripAndPublicKeyFromModulus() throws {
        let key = try RSAKeyTests.sharedKey.get()
        let pem = try key.pkcs8PEM()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let reread = try RSAPrivateKey(pkcs8PEM: pem)
        #expect(reread.publicKey == key.publicKey)
        let rebuilt = try RSAPublicKey(n: key.publicKey.n, e: key.publicKey.e)
        #expect(rebuilt.verifyRS256(signature: try reread.signRS256(message), message: message))
        // A leading zero octet (some libraries emit 257 bytes for a 2048-bit modulus) is tolerated.
        #expect(try RSAPublicKey(n: [0] + key.publicKey.n, e: [0, 1, 0, 1]) == key.publicKey)
    }

    @Test func keysUnder2048BitsAreRefused() throws {
        #expect(throws: CryptoError.self) { try RSAPrivateKey.generate(bits: 1024) }
        #expect(throws: CryptoError.self) { try RSAPrivateKey(pkcs8PEM: KeyFixtures.rsa1024) }
        let key = try RSAKeyTests.sharedKey.get()
        // Dropping the top byte leaves a 2040-bit modulus.
        #expect(throws: CryptoError.self) { try RSAPublicKey(n: Array(key.publicKey.n.dropFirst()), e: key.publicKey.e) }
    }

    @Test(arguments: [[UInt8](), [1], [0, 1], [1, 0, 0], [2], [1, 2, 3, 4, 5, 6, 7, 8, 9]])
    func badExponentsAreRefused(e: [UInt8]) throws {
        let key = try RSAKeyTests.sharedKey.get()
        #expect(throws: CryptoError.self) { try RSAPublicKey(n: key.publicKey.n, e: e) }
    }

    @Test func evenModulusIsRefused() throws {
        let key = try RSAKeyTests.sharedKey.get()
        var n = key.publicKey.n
        n[n.count - 1] &= 0xfe
        #expect(throws: CryptoError.self) { try RSAPublicKey(n: n, e: key.publicKey.e) }
    }

    @Test(arguments: ["", "junk", KeyFixtures.rfc7515P256, KeyFixtures.encryptedP256, KeyFixtures.p384])
    func wrongOrMalformedPEMIsRejected(pem: String) {
        #expect(throws: CryptoError.self) { try RSAPrivateKey(pkcs8PEM: pem) }
    }
}
