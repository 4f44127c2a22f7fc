import Testing
@testable import PosternJOSE

@Suite struct Base64URLTests {
    // RFC 4648 §10 test vectors, in the URL alphabet without padding.
    @Test(arguments: [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")])
    func rfc4648Vectors(plain: String, encoded: String) throws {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(try Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test func usesTheURLAlphabet() throws {
        #expect(Base64URL.encode([0xfb, 0xff, 0xbf]) == "-_-_")
        #expect(try Base64URL.decode("-_-_") == [0xfb, 0xff, 0xbf])
    }

    @Test func everyByteValueRoundTrips() throws {
        let all = (0...255).map { UInt8($0) }
        for length in [0, 1, 2, 3, 100, 256] {
            let bytes = Array(all.prefix(length))
            #expect(try Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
    }

    @Test(arguments: [
        "Zg==", "Zm8=",          // padding
        "Zm9v\n", " Zm9v", "Zm 9v", // whitespace
        "Zm9v+", "Zm9v/", "Zm9v*", "Zm9vé", // characters outside the URL alphabet
        "Z", "Zm9vY",            // a length no encoding produces
        "Zh", "Zm9", "Zm9vYh",   // non-zero trailing bits (canonical: "Zg", "Zm8", "Zm9vYg")
    ])
    func strictDecodingRejects(text: String) {
        #expect(throws: JOSEError.invalidBase64URL) { try Base64URL.decode(text) }
    }
}

/// Standard padded base64 (RFC 4648 §4), as HTTP Basic credentials carry it.
@Suite struct Base64Tests {
    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
                      ("foobar", "Zm9vYmFy"), ("\u{fb}\u{ff}", "w7vDvw==")])
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64.decode(padded: Array(encoded.utf8)[...]) == Array(plain.utf8))
    }

    @Test func usesTheStandardAlphabet() {
        #expect(Base64.decode(padded: Array("+/+/".utf8)[...]) == [0xfb, 0xff, 0xbf])
    }

    @Test(arguments: [
        "Zg", "Zm8", "Zg=", "Zm9vYg=",  // padding missing or short
        "Z===", "Zg===", "====",        // too much padding
        "Zg==Zg==", "Z=g=",             // padding inside the text
        "-_-_", "Zm9v\n", "Zm 9v", " Zm9v", // URL alphabet, whitespace
        "Zh==", "Zm9=",                  // non-zero pad bits (canonical: "Zg==", "Zm8=")
    ])
    func strictDecodingRejects(text: String) {
        #expect(Base64.decode(padded: Array(text.utf8)[...]) == nil)
    }
}
