import PosternCrypto
import Testing
@testable import PosternJOSE

@Suite struct JWTValidatorTests {
    static let now: Int64 = 1_800_000_000
    static let issuer = "https://id.example.test"
    static let audience = "https://api.example.test"

    let ecKey: P256PrivateKey
    let rsaKey: RSAPrivateKey
    let ecKeyID: String
    let rsaKeyID: String
    let keys: JWKSet

    init() throws {
        ecKey = try P256PrivateKey.generate()
        rsaKey = try RSAPrivateKey(pkcs8PEM: JOSEFixtures.rfc7515RSAPEM)
        let ecJWK = JWSSigningKey.es256(ecKey).publicJWK, rsaJWK = JWSSigningKey.rs256(rsaKey).publicJWK
        ecKeyID = ecJWK.keyID!
        rsaKeyID = rsaJWK.keyID!
        keys = JWKSet(keys: [ecJWK, rsaJWK])
    }

    private func validator(_ algorithms: Set<JWSAlgorithm> = [.es256], type: String? = "at+jwt", leeway: Int64 = 0,
                           audience: String? = JWTValidatorTests.audience) -> JWTValidator {
        JWTValidator(algorithms: algorithms, keys: keys, issuer: JWTValidatorTests.issuer, audience: audience,
                     requiredType: type, leeway: leeway, now: { JWTValidatorTests.now })
    }

    private func claims(expiresIn: Int64 = 300, notBefore: Int64? = nil) -> JWTClaims {
        JWTClaims(issuer: JWTValidatorTests.issuer, subject: "usr_1", audience: [JWTValidatorTests.audience],
                  expiration: JWTValidatorTests.now + expiresIn, notBefore: notBefore, issuedAt: JWTValidatorTests.now,
                  jwtID: "j1", extra: ["scope": "openid", "client_id": "cli_1"])
    }

    private func signed(_ claims: JWTClaims, type: String = "at+jwt") throws -> String {
        try JWTSigner(key: .es256(ecKey), keyID: ecKeyID, type: type).sign(claims)
    }

    /// A token with any header and payload JSON, ES256-signed by the trusted key: the validator must
    /// refuse it for its content, since the signature is fine.
    private func crafted(header: String, payload: String) throws -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "." + Base64URL.encode(try ecKey.signES256(Array(input.utf8)))
    }

    private var validPayload: String { String(decoding: claims().serialized(), as: UTF8.self) }

    @Test func acceptsAValidES256Token() throws {
        let verified = try validator().validate(try signed(claims()))
        #expect(verified.claims == claims())
        #expect(verified.header == JWSHeader(algorithm: .es256, type: "at+jwt", keyID: ecKeyID))
        #expect(verified.key.keyID == ecKeyID)
    }

    @Test func acceptsAValidRS256TokenOnlyWhereAllowed() throws {
        let token = try JWTSigner(key: .rs256(rsaKey), keyID: rsaKeyID, type: "at+jwt").sign(claims())
        #expect(try validator([.rs256]).validate(token).claims == claims())
        #expect(throws: JOSEError.algorithmNotAllowed(.rs256)) { try validator([.es256]).validate(token) }
    }

    @Test func es256TokenPresentedToRS256OnlyValidatorIsRefused() throws {
        #expect(throws: JOSEError.algorithmNotAllowed(.es256)) { try validator([.rs256]).validate(try signed(claims())) }
    }

    // RFC 8725 §2.1: "alg": "none" must never be accepted, whatever the signature segment holds.
    @Test func algNoneIsRefused() throws {
        let input = Base64URL.encode(Array(#"{"alg":"none","kid":"x"}"#.utf8)) + "." + Base64URL.encode(Array(validPayload.utf8))
        #expect(throws: JOSEError.unsupportedAlgorithm("none")) { try validator().validate(input + ".") }
        #expect(throws: JOSEError.unsupportedAlgorithm("none")) { try validator().validate(input + ".AAAA") }
    }

    // RFC 8725 §2.1: HS256 "signed" with the server's public key as the HMAC secret.
    @Test func hs256WithThePublicKeyAsSecretIsRefused() throws {
        let header = "{\"alg\":\"HS256\",\"kid\":\"\(ecKeyID)\",\"typ\":\"at+jwt\"}"
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(validPayload.utf8))
        let secret = JWSSigningKey.es256(ecKey).publicJWK.json
        let mac = HMAC.authenticationCode(.sha256, key: secret, message: Array(input.utf8))
        #expect(throws: JOSEError.unsupportedAlgorithm("HS256")) {
            try validator([.es256, .rs256]).validate(input + "." + Base64URL.encode(mac))
        }
    }

    @Test func tamperedHeaderPayloadOrSignatureFails() throws {
        let token = try signed(claims())
        let parts = token.split(separator: ".").map(String.init)
        let otherHeader = Base64URL.encode(Array("{\"alg\":\"ES256\",\"kid\":\"\(ecKeyID)\",\"typ\":\"AT+JWT\"}".utf8))
        var otherClaims = claims()
        otherClaims.subject = "usr_admin"
        let otherPayload = Base64URL.encode(otherClaims.serialized())
        var signature = try Base64URL.decode(parts[2])
        signature[10] ^= 0x01
        for forged in [
            otherHeader + "." + parts[1] + "." + parts[2],
            parts[0] + "." + otherPayload + "." + parts[2],
            parts[0] + "." + parts[1] + "." + Base64URL.encode(signature),
            parts[0] + "." + parts[1] + "." + Base64URL.encode(try Base64URL.decode(parts[2]) + [0]),
            parts[0] + "." + parts[1] + "." + Base64URL.encode(Array(try Base64URL.decode(parts[2]).dropLast())),
        ] {
            #expect(throws: JOSEError.invalidSignature) { try validator().validate(forged) }
        }
    }

    @Test func nonCanonicalBase64SignatureIsRefused() throws {
        let token = try signed(claims())
        // 64 bytes encode to 86 characters whose last carries 4 zero pad bits; setting one changes nothing decoded by lax decoders.
        var characters = Array(token)
        let last = characters.count - 1
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        characters[last] = alphabet[alphabet.firstIndex(of: characters[last])! | 1]
        #expect(throws: JOSEError.invalidBase64URL) { try validator().validate(String(characters)) }
    }

    @Test func signatureIsCheckedBeforeClaims() throws {
        let token = try signed(claims(expiresIn: -1000))
        #expect(throws: JOSEError.invalidSignature) { try validator().validate(token.dropLast(2) + "AA") }
    }

    @Test(arguments: [(0, 1, true), (0, 0, false), (0, -1, false), (30, -29, true), (30, -30, false), (600, -59, true), (600, -60, false)])
    func expirationRespectsLeewayAndItsCap(leeway: Int64, expiresIn: Int64, valid: Bool) throws {
        let token = try signed(claims(expiresIn: expiresIn))
        if valid {
            #expect(throws: Never.self) { try validator(leeway: leeway).validate(token) }
        } else {
            #expect(throws: JOSEError.expired) { try validator(leeway: leeway).validate(token) }
        }
    }

    @Test(arguments: [(0, 0, true), (0, 1, false), (30, 30, true), (30, 31, false), (600, 61, false)])
    func notBeforeRespectsLeeway(leeway: Int64, startsIn: Int64, valid: Bool) throws {
        let token = try signed(claims(notBefore: JWTValidatorTests.now + startsIn))
        if valid {
            #expect(throws: Never.self) { try validator(leeway: leeway).validate(token) }
        } else {
            #expect(throws: JOSEError.notYetValid) { try validator(leeway: leeway).validate(token) }
        }
    }

    @Test func hostileExpirationDoesNotOverflow() throws {
        let token = try crafted(header: "{\"alg\":\"ES256\",\"kid\":\"\(ecKeyID)\",\"typ\":\"at+jwt\"}",
                                payload: "{\"iss\":\"\(JWTValidatorTests.issuer)\",\"aud\":\"\(JWTValidatorTests.audience)\",\"exp\":9223372036854775807,\"nbf\":-9223372036854775808}")
        #expect(throws: Never.self) { try validator(leeway: 60).validate(token) }
    }

    @Test func missingExpirationIsRefused() throws {
        var noExpiry = claims()
        noExpiry.expiration = nil
        #expect(throws: JOSEError.invalidClaim("missing \"exp\"")) { try validator().validate(try signed(noExpiry)) }
    }

    @Test func wrongIssuerAudienceOrTypeIsRefused() throws {
        var otherIssuer = claims()
        otherIssuer.issuer = JWTValidatorTests.issuer + "/"
        #expect(throws: JOSEError.issuerMismatch) { try validator().validate(try signed(otherIssuer)) }
        var otherAudience = claims()
        otherAudience.audience = ["https://other.example.test", "x"]
        #expect(throws: JOSEError.audienceMismatch) { try validator().validate(try signed(otherAudience)) }
        otherAudience.audience = []
        #expect(throws: JOSEError.audienceMismatch) { try validator().validate(try signed(otherAudience)) }
        #expect(throws: JOSEError.typeMismatch) { try validator().validate(try signed(claims(), type: "JWT")) }
        let untyped = try crafted(header: "{\"alg\":\"ES256\",\"kid\":\"\(ecKeyID)\"}", payload: validPayload)
        #expect(throws: JOSEError.typeMismatch) { try validator().validate(untyped) }
    }

    @Test func audienceArrayAndMediaTypeSpellingsAreAccepted() throws {
        var many = claims()
        many.audience = ["https://other.example.test", JWTValidatorTests.audience]
        #expect(throws: Never.self) { try validator().validate(try signed(many, type: "application/at+JWT")) }
        #expect(throws: Never.self) { try validator(audience: nil).validate(try signed(claims())) }
        #expect(throws: Never.self) { try validator(type: nil).validate(try signed(claims(), type: "anything")) }
    }

    @Test func unknownOrMissingKeyIDIsRefused() throws {
        let unknown = try crafted(header: #"{"alg":"ES256","kid":"nope","typ":"at+jwt"}"#, payload: validPayload)
        #expect(throws: JOSEError.unknownKeyID("nope")) { try validator().validate(unknown) }
        let missing = try crafted(header: #"{"alg":"ES256","typ":"at+jwt"}"#, payload: validPayload)
        #expect(throws: JOSEError.missingKeyID) { try validator().validate(missing) }
    }

    @Test(arguments: [
        (#""crit":["exp"],"exp":1"#, "crit"),
        (#""jwk":{"kty":"EC"}"#, "jwk"),
        (#""jku":"https://evil.example/jwks.json""#, "jku"),
        (#""x5u":"https://evil.example/cert.pem""#, "x5u"),
        (#""x5c":["MIIB"]"#, "x5c"),
    ])
    func refusedHeaderMembersFailValidation(member: String, name: String) throws {
        let token = try crafted(header: "{\"alg\":\"ES256\",\"kid\":\"\(ecKeyID)\",\"typ\":\"at+jwt\",\(member)}", payload: validPayload)
        #expect(throws: JOSEError.forbiddenHeader(name)) { try validator().validate(token) }
    }

    @Test func keyThatDoesNotFitTheAlgorithmIsRefused() throws {
        // An RS256 header naming the EC key's kid.
        let input = Base64URL.encode(Array("{\"alg\":\"RS256\",\"kid\":\"\(ecKeyID)\",\"typ\":\"at+jwt\"}".utf8))
            + "." + Base64URL.encode(Array(validPayload.utf8))
        let token = input + "." + Base64URL.encode(try rsaKey.signRS256(Array(input.utf8)))
        #expect(throws: JOSEError.keyMismatch) { try validator([.rs256, .es256]).validate(token) }
        // A JWK published for encryption only.
        var encryptionOnly = JWSSigningKey.es256(ecKey).publicJWK
        encryptionOnly.use = "enc"
        let restricted = JWTValidator(algorithms: [.es256], keys: JWKSet(keys: [encryptionOnly]), issuer: JWTValidatorTests.issuer,
                                      audience: JWTValidatorTests.audience, now: { JWTValidatorTests.now })
        #expect(throws: JOSEError.keyMismatch) { try restricted.validate(try signed(claims())) }
    }

    @Test(arguments: [
        #"{"iss":"https://id.example.test","aud":"https://api.example.test","exp":"1800000300"}"#,
        #"{"iss":7,"aud":"https://api.example.test","exp":1800000300}"#,
        #"{"iss":"https://id.example.test","aud":[1],"exp":1800000300}"#,
        #"{"iss":"https://id.example.test","aud":{},"exp":1800000300}"#,
        #"[1]"#,
        #"not json"#,
    ])
    func claimsOfTheWrongShapeAreRefused(payload: String) throws {
        let token = try crafted(header: "{\"alg\":\"ES256\",\"kid\":\"\(ecKeyID)\",\"typ\":\"at+jwt\"}", payload: payload)
        #expect(throws: JOSEError.self) { try validator().validate(token) }
    }

    @Test func duplicateClaimIsRefused() throws {
        let payload = #"{"iss":"https://id.example.test","aud":"https://api.example.test","exp":1800000300,"sub":"usr_1","sub":"usr_admin"}"#
        let token = try crafted(header: "{\"alg\":\"ES256\",\"kid\":\"\(ecKeyID)\",\"typ\":\"at+jwt\"}", payload: payload)
        #expect(throws: JOSEError.duplicateMember("sub")) { try validator().validate(token) }
    }

    @Test func fractionalNumericDatesAreAccepted() throws {
        let payload = #"{"iss":"https://id.example.test","aud":"https://api.example.test","exp":1800000300.75}"#
        let token = try crafted(header: "{\"alg\":\"ES256\",\"kid\":\"\(ecKeyID)\",\"typ\":\"at+jwt\"}", payload: payload)
        #expect(try validator().validate(token).claims.expiration == 1_800_000_300)
    }
}
