import PosternCrypto
import Testing
@testable import PosternJOSE

@Suite struct JWTSignerTests {
    @Test func headerIsFixedAndCompact() throws {
        let signer = JWTSigner(key: .es256(try P256PrivateKey.generate()), keyID: "kid-1", type: "at+jwt")
        let token = try signer.sign(JWTClaims(issuer: "i", expiration: 1))
        let header = try Base64URL.decode(token.split(separator: ".")[0])
        #expect(String(decoding: header, as: UTF8.self) == #"{"alg":"ES256","kid":"kid-1","typ":"at+jwt"}"#)
    }

    @Test func claimsSerializeInFixedOrderWithExtrasSorted() throws {
        var claims = JWTClaims(issuer: "https://id.example.test", subject: "usr_1", audience: ["api"], expiration: 1_800_000_900,
                               notBefore: 1_800_000_000, issuedAt: 1_800_000_000, jwtID: "j\"1")
        claims.extra = ["scope": "openid email", "roles": ["admin", "user"], "auth_time": 1_799_999_000, "org_id": nil,
                        "iss": "ignored: the typed property wins"]
        #expect(String(decoding: claims.serialized(), as: UTF8.self)
                == #"{"iss":"https://id.example.test","sub":"usr_1","aud":"api","exp":1800000900,"nbf":1800000000,"iat":1800000000,"jti":"j\"1","auth_time":1799999000,"org_id":null,"roles":["admin","user"],"scope":"openid email"}"#)
        claims.audience = ["a", "b"]
        claims.extra = [:]
        #expect(String(decoding: claims.serialized(), as: UTF8.self).contains(#""aud":["a","b"]"#))
        #expect(String(decoding: JWTClaims().serialized(), as: UTF8.self) == "{}")
    }

    @Test func signedTokensValidateAndKeepExtraClaims() throws {
        for key in [JWSSigningKey.es256(try P256PrivateKey.generate()), .rs256(try RSAPrivateKey(pkcs8PEM: JOSEFixtures.rfc7515RSAPEM))] {
            let jwk = key.publicJWK
            let signer = JWTSigner(key: key, keyID: jwk.keyID!)
            var claims = JWTClaims(issuer: "https://id.example.test", subject: "usr_1", audience: ["cli_1"],
                                   expiration: 1_800_000_900, issuedAt: 1_800_000_000)
            claims.extra = ["nonce": "n-0S6_WzA2Mj", "amr": ["pwd", "otp"], "azp": "cli_1", "at_hash": "77QmUPtjPfzWtF2AnpK9RQ",
                            "email_verified": true, "ratio": .double(0.5)]
            let validator = JWTValidator(algorithms: [key.algorithm], keys: JWKSet(keys: [jwk]), issuer: "https://id.example.test",
                                         audience: "cli_1", requiredType: "JWT", now: { 1_800_000_100 })
            let verified = try validator.validate(try signer.sign(claims))
            #expect(verified.claims == claims)
            #expect(verified.header.algorithm == key.algorithm)
        }
    }
}
