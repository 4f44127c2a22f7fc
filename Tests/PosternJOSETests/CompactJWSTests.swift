import PosternCrypto
import Testing
@testable import PosternJOSE

@Suite struct CompactJWSTests {
    // RFC 7515 Appendix A.3: the ES256 example verifies with its published JWK.
    @Test func rfc7515ES256ExampleVerifies() throws {
        let key = try JWK(json: Array(JOSEFixtures.rfc7515ES256JWK.utf8))
        let jws = try CompactJWS(parsing: JOSEFixtures.rfc7515ES256Token)
        #expect(jws.header == JWSHeader(algorithm: .es256))
        #expect(jws.signature.count == 64)
        #expect(key.verifies(jws.signature, of: jws.signingInput, algorithm: .es256))
        #expect(String(decoding: jws.payload, as: UTF8.self).hasPrefix("{\"iss\":\"joe\",\r\n \"exp\":1300819380"))
        var tampered = jws.signingInput
        tampered[tampered.count - 1] ^= 0x01
        #expect(!key.verifies(jws.signature, of: tampered, algorithm: .es256))
        // The same key may not verify under another algorithm.
        #expect(!key.verifies(jws.signature, of: jws.signingInput, algorithm: .rs256))
    }

    // RFC 7515 Appendix A.2: the RS256 example verifies, and re-signing gives the identical signature.
    @Test func rfc7515RS256ExampleVerifiesAndReproduces() throws {
        let privateKey = try RSAPrivateKey(pkcs8PEM: JOSEFixtures.rfc7515RSAPEM)
        #expect(Base64URL.encode(privateKey.publicKey.n) == JOSEFixtures.rfc7515RSAModulus)
        let jws = try CompactJWS(parsing: JOSEFixtures.rfc7515RS256Token)
        let key = JWK(.rsa(try RSAPublicKey(n: Base64URL.decode(JOSEFixtures.rfc7515RSAModulus), e: [1, 0, 1])))
        #expect(key.verifies(jws.signature, of: jws.signingInput, algorithm: .rs256))
        #expect(try privateKey.signRS256(jws.signingInput) == jws.signature)
    }

    @Test func signThenParseAndVerify() throws {
        for key in [JWSSigningKey.es256(try P256PrivateKey.generate()), .rs256(try RSAPrivateKey(pkcs8PEM: JOSEFixtures.rfc7515RSAPEM))] {
            try signThenParseAndVerify(key: key)
        }
    }

    private func signThenParseAndVerify(key: JWSSigningKey) throws {
        let payload = Array(#"{"hello":"world"}"#.utf8)
        let token = try CompactJWS.sign(payload: payload, header: JWSHeader(algorithm: .rs256, type: "JWT", keyID: "k1"), key: key)
        let jws = try CompactJWS(parsing: token)
        // The header's alg always follows the key.
        #expect(jws.header == JWSHeader(algorithm: key.algorithm, type: "JWT", keyID: "k1"))
        #expect(jws.payload == payload)
        #expect(key.publicJWK.verifies(jws.signature, of: jws.signingInput, algorithm: key.algorithm))
    }

    @Test(arguments: [
        "", ".", "..", "a.b", "a.b.c.d", "a.b.c.d.e",
        "eyJhbGciOiJFUzI1NiJ9.e30.",                       // empty signature
        "eyJhbGciOiJFUzI1NiJ9=.e30.AAAA",                  // padded header
        "eyJhbGciOiJFUzI1NiJ9.e30=.AAAA",                  // padded payload
        "eyJhbGciOiJFUzI1NiJ9.e30.AA+A",                   // '+' is not base64url
        "eyJhbGciOiJFUzI1NiJ9 .e30.AAAA",                  // whitespace
        "bm90IGpzb24.e30.AAAA",                            // header is not JSON
        "WyJFUzI1NiJd.e30.AAAA",                           // header is an array
        "e30.e30.AAAA",                                    // header without alg
        "eyJhbGciOjI1Nn0.e30.AAAA",                        // alg is not a string
        "eyJhbGciOiJFUzI1NiIsImFsZyI6Im5vbmUifQ.e30.AAAA", // alg given twice
        "eyJhbGciOiJFUzI1NiIsImtpZCI6MX0.e30.AAAA",        // kid is not a string
    ])
    func malformedTokensAreRejected(token: String) {
        #expect(throws: JOSEError.self) { try CompactJWS(parsing: token) }
    }

    @Test func oversizedTokenIsRejected() {
        let token = "eyJhbGciOiJFUzI1NiJ9." + String(repeating: "A", count: CompactJWS.maximumLength) + ".AAAA"
        #expect(throws: JOSEError.malformedToken("token too large")) { try CompactJWS(parsing: token) }
    }

    @Test(arguments: ["none", "HS256", "HS384", "HS512", "ES384", "PS256", "RS512", "es256", ""])
    func unsupportedAlgorithmsAreRefusedByName(alg: String) {
        let header = Base64URL.encode(Array("{\"alg\":\"\(alg)\"}".utf8))
        #expect(throws: JOSEError.unsupportedAlgorithm(alg)) { try CompactJWS(parsing: header + ".e30.AAAA") }
    }

    @Test func refusedHeaderMembersAreDetected() throws {
        let header = Base64URL.encode(Array(#"{"alg":"ES256","crit":["exp"],"exp":1,"jku":"https://evil.example/jwks","x5c":[]}"#.utf8))
        let jws = try CompactJWS(parsing: header + ".e30.AAAA")
        #expect(jws.header.refusedMembersPresent == ["crit", "jku", "x5c"])
    }
}
