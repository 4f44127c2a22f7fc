import Testing
@testable import PosternServer

/// RFC 6749 §2.3.1 Basic credentials: base64 of the form-encoded id and secret, joined by a colon.
@Suite struct OAuthRequestDecodingTests {
    private static func basic(_ raw: String) -> String { "Basic " + base64(raw) }

    private static func base64(_ raw: String) -> String {
        let digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        let bytes = Array(raw.utf8)
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let chunk = Array(bytes[start..<min(start + 3, bytes.count)]) + [0, 0]
            let n = Int(chunk[0]) << 16 | Int(chunk[1]) << 8 | Int(chunk[2])
            let quad = [n >> 18, n >> 12 & 63, n >> 6 & 63, n & 63].map { digits[$0] }
            out += quad.prefix(bytes.count - start + 1) + Array(repeating: UInt8(ascii: "="), count: max(0, start + 3 - bytes.count))
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func decodesIdAndSecretWithTheirFormEncoding() throws {
        let (plain, attempted) = try OAuthRequestDecoding.basicCredentials(Self.basic("cli_1:s3cret"))
        #expect(plain?.id == "cli_1" && plain?.secret == "s3cret" && attempted)
        // The id and secret are form-encoded before joining, so a colon or space inside either survives.
        let (escaped, _) = try OAuthRequestDecoding.basicCredentials(Self.basic("a%3Ab:x+y%25"))
        #expect(escaped?.id == "a:b" && escaped?.secret == "x y%")
        // The scheme is case-insensitive and blanks around the credentials are ignored.
        let (loose, _) = try OAuthRequestDecoding.basicCredentials("bAsIc   " + Self.base64("id:pw") + " \t")
        #expect(loose?.id == "id" && loose?.secret == "pw")
        let (emptySecret, _) = try OAuthRequestDecoding.basicCredentials(Self.basic("id:"))
        #expect(emptySecret?.id == "id" && emptySecret?.secret == "")
    }

    @Test(arguments: ["Basic " + "aWQ6cHc", "Basic !!!!", "Basic aWQ=", "Basic OnB3", "Basic aWQ6JXp6", "Basic aWQ6AA==",
                      "Basic "])
    func malformedCredentialsAreAnAttemptThatFails(header: String) throws {
        // Unpadded base64, not base64, no colon, an empty id, a bad escape (%zz), a NUL, nothing after the scheme.
        let (credentials, attempted) = try OAuthRequestDecoding.basicCredentials(header)
        #expect(credentials == nil)
        #expect(attempted == (header.utf8.count > 6))
    }

    @Test(arguments: [nil, "Bearer abc", "Basic", "Basi aWQ6cHc=", "Basic\taWQ6cHc=", "Basic\u{0}aWQ6cHc=", "basic_aWQ6cHc="])
    func otherSchemesAreNotBasic(header: String?) throws {
        let (credentials, attempted) = try OAuthRequestDecoding.basicCredentials(header)
        #expect(credentials == nil && !attempted)
    }

    @Test(arguments: [("application/x-www-form-urlencoded", true), ("Application/X-WWW-Form-URLEncoded; charset=UTF-8", true),
                      (" \tapplication/x-www-form-urlencoded ;x=1", true), ("application/x-www-form-urlencodedx", false),
                      ("application/x-www-form", false), ("text/plain", false), ("", false), (";", false)])
    func mediaTypeIgnoresCaseParametersAndBlanks(header: String, isForm: Bool) {
        #expect(OAuthRequestDecoding.hasMediaType(header, "application/x-www-form-urlencoded") == isForm)
        #expect(!OAuthRequestDecoding.hasMediaType(nil, "application/x-www-form-urlencoded"))
    }
}
