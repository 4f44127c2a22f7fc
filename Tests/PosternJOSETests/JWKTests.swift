import PosternCrypto
import Testing
@testable import PosternJOSE

@Suite struct JWKTests {
    private func jwk(_ text: String) throws -> JWK { try JWK(json: Array(text.utf8)) }

    // RFC 7638 §3.1: "the resulting JWK Thumbprint value is NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs".
    @Test func rfc7638Thumbprint() throws {
        let key = try jwk(JOSEFixtures.rfc7638JWK)
        #expect(key.thumbprint == JOSEFixtures.rfc7638Thumbprint)
        #expect(key.keyID == "2011-04-29")
        #expect(key.algorithm == "RS256")
    }

    @Test func thumbprintIgnoresOptionalMembersAndMemberOrder() throws {
        let a = try jwk(JOSEFixtures.rfc7515ES256JWK)
        let b = try jwk(#"{"y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","use":"sig","kid":"k","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","kty":"EC"}"#)
        #expect(a.thumbprint == b.thumbprint)
        #expect(a.key == b.key)
    }

    @Test func serializesPublicMembersOnlyAndRoundTrips() throws {
        let signing = JWSSigningKey.es256(try P256PrivateKey.generate())
        let published = signing.publicJWK
        #expect(published.keyID == published.thumbprint)
        let text = String(decoding: published.json, as: UTF8.self)
        #expect(text.contains(#""kty":"EC""#) && text.contains(#""crv":"P-256""#) && text.contains(#""use":"sig""#)
                && text.contains(#""alg":"ES256""#))
        #expect(!text.contains(#""d""#))
        #expect(try JWK(json: published.json) == published)
    }

    @Test(arguments: ["d", "p", "q", "dp", "dq", "qi", "k"])
    func privateMembersAreRejected(member: String) throws {
        var members = try JSONParser.parseObject(Array(JOSEFixtures.rfc7515ES256JWK.utf8))
        members[member] = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"
        #expect(throws: JOSEError.invalidKey("private member \"\(member)\" in a public JWK")) { try JWK(members: members) }
    }

    @Test(arguments: [
        #"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"}"#,           // no y
        #"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a1"}"#, // off the curve (and non-canonical)
        #"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVE","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#, // 31-byte x
        #"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU=","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#, // padding
        #"{"kty":"EC","crv":"P-256","x":1,"y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#,
        #"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#,                                                     // tiny modulus
        #"{"crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#, // no kty
        #"{"kty":"EC","crv":"P-256","kid":7,"x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#,
        "[]", "{", "",
    ])
    func malformedKeysAreRejected(text: String) {
        #expect(throws: JOSEError.self) { try jwk(text) }
    }

    @Test func unsupportedKeyTypesAreNamed() {
        #expect(throws: JOSEError.unsupportedKey("kty oct")) { try jwk(#"{"kty":"oct","kid":"h"}"#) }
        #expect(throws: JOSEError.unsupportedKey("curve P-384")) { try jwk(#"{"kty":"EC","crv":"P-384","x":"AA","y":"AA"}"#) }
    }

    @Test func setSkipsUnknownKeyTypesAndFindsByKeyID() throws {
        let text = #"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"ed"},"#
            + JOSEFixtures.rfc7638JWK + "]}"
        let set = try JWKSet(json: Array(text.utf8))
        #expect(set.keys.count == 1)
        #expect(set.key(withID: "2011-04-29")?.thumbprint == JOSEFixtures.rfc7638Thumbprint)
        #expect(set.key(withID: "ed") == nil)
        #expect(try JWKSet(json: set.json) == set)
    }

    @Test(arguments: [
        #"{"keys":{}}"#, #"{}"#, #"{"keys":[1]}"#,
        // A repeated kid makes the lookup ambiguous.
        "{\"keys\":[" + JOSEFixtures.rfc7638JWK + "," + JOSEFixtures.rfc7638JWK + "]}",
        // A private key anywhere in the set fails the whole set.
        #"{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}"#,
    ])
    func badSetsAreRejected(text: String) {
        #expect(throws: JOSEError.self) { try JWKSet(json: Array(text.utf8)) }
    }
}
