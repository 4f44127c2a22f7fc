import Dispatch
import Testing
@testable import PosternCrypto

@Suite struct P256KeyTests {
    let message = Array("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9".utf8)

    @Test func signThenVerify() throws {
        let key = try P256PrivateKey.generate()
        let signature = try key.signES256(message)
        #expect(signature.count == 64)
        #expect(key.publicKey.verifyES256(signature: signature, message: message))
        // ECDSA is randomized: a second signature differs and verifies too.
        let second = try key.signES256(message)
        #expect(second != signature)
        #expect(key.publicKey.verifyES256(signature: second, message: message))
    }

    @Test func emptyMessageSignsAndVerifies() throws {
        let key = try P256PrivateKey.generate()
        #expect(key.publicKey.verifyES256(signature: try key.signES256([]), message: []))
    }

    @Test func tamperedMessageOrSignatureFails() throws {
        let key = try P256PrivateKey.generate()
        let signature = try key.signES256(message)
        var otherMessage = message
        otherMessage[5] ^= 0x01
        #expect(!key.publicKey.verifyES256(signature: signature, message: otherMessage))
        for index in [0, 31, 32, 63] {
            var bad = signature
            bad[index] ^= 0x80
            #expect(!key.publicKey.verifyES256(signature: bad, message: message))
        }
        let stranger = try P256PrivateKey.generate()
        #expect(!stranger.publicKey.verifyES256(signature: signature, message: message))
    }

    @Test(arguments: [0, 1, 63, 65, 70, 72, 128])
    func signatureOfWrongLengthIsRejected(length: Int) throws {
        let key = try P256PrivateKey.generate()
        let signature = try key.signES256(message)
        let resized = Array((signature + signature + signature).prefix(length))
        #expect(!key.publicKey.verifyES256(signature: resized, message: message))
    }

    @Test func zeroSignatureIsRejected() throws {
        let key = try P256PrivateKey.generate()
        #expect(!key.publicKey.verifyES256(signature: [UInt8](repeating: 0, count: 64), message: message))
    }

    // RFC 7515 Appendix A.3.1: the published private key yields the published public point.
    @Test func rfc7515KeyFromPEMHasPublishedPoint() throws {
        let key = try P256PrivateKey(pkcs8PEM: KeyFixtures.rfc7515P256)
        #expect(Hex.encode(key.publicKey.x) == KeyFixtures.rfc7515P256X)
        #expect(Hex.encode(key.publicKey.y) == KeyFixtures.rfc7515P256Y)
        let fromCoordinates = try P256PublicKey(x: #require(Hex.decode(KeyFixtures.rfc7515P256X)),
                                                y: #require(Hex.decode(KeyFixtures.rfc7515P256Y)))
        #expect(fromCoordinates == key.publicKey)
        #expect(fromCoordinates.verifyES256(signature: try key.signES256(message), message: message))
    }

    @Test func pemRoundTrip() throws {
        let key = try P256PrivateKey.generate()
        let pem = try key.pkcs8PEM()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let reread = try P256PrivateKey(pkcs8PEM: pem)
        #expect(reread.publicKey == key.publicKey)
        #expect(try reread.pkcs8PEM() == pem)
        #expect(key.publicKey.verifyES256(signature: try reread.signES256(message), message: message))
    }

    @Test(arguments: [
        "",
        "not a key",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        String(KeyFixtures.rfc7515P256.dropLast(40)),
        KeyFixtures.encryptedP256,
        KeyFixtures.p384,
        KeyFixtures.rsa1024,
        String(repeating: "A", count: 70_000),
    ])
    func malformedOrWrongPEMIsRejected(pem: String) {
        #expect(throws: CryptoError.self) { try P256PrivateKey(pkcs8PEM: pem) }
    }

    @Test func pointNotOnCurveIsRejected() throws {
        let x = try #require(Hex.decode(KeyFixtures.rfc7515P256X))
        var y = try #require(Hex.decode(KeyFixtures.rfc7515P256Y))
        y[31] ^= 0x01
        #expect(throws: CryptoError.self) { try P256PublicKey(x: x, y: y) }
        #expect(throws: CryptoError.self) { try P256PublicKey(x: [UInt8](repeating: 0, count: 32), y: [UInt8](repeating: 0, count: 32)) }
        // Coordinates at or above the field prime p are not field elements.
        #expect(throws: CryptoError.self) { try P256PublicKey(x: [UInt8](repeating: 0xff, count: 32), y: y) }
    }

    @Test(arguments: [(31, 32), (32, 31), (33, 32), (32, 33), (0, 0), (64, 0)])
    func coordinatesOfWrongLengthAreRejected(lengths: (Int, Int)) throws {
        let x = try #require(Hex.decode(KeyFixtures.rfc7515P256X)), y = try #require(Hex.decode(KeyFixtures.rfc7515P256Y))
        let resizedX = Array((x + x + x).prefix(lengths.0)), resizedY = Array((y + y + y).prefix(lengths.1))
        #expect(throws: CryptoError.malformedInput("P-256 coordinates must be 32 bytes each")) {
            try P256PublicKey(x: resizedX, y: resizedY)
        }
    }

    // One key shared by many threads: each operation has its own EVP_MD_CTX, so this must be safe.
    @Test func oneKeySignsAndVerifiesOnManyThreadsAtOnce() throws {
        let key = try P256PrivateKey.generate()
        let message = self.message
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<50 {
                guard let signature = try? key.signES256(message),
                      key.publicKey.verifyES256(signature: signature, message: message) else {
                    failures.increment()
                    continue
                }
            }
        }
        #expect(failures.value == 0)
    }
}
