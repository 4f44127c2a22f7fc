import Testing
@testable import PosternCrypto

@Suite struct PasswordHasherTests {
    /// Small parameters so the suite stays fast; the format and logic are the same as in production.
    static let fast = try! ScryptParameters(logN: 4, blockSize: 1, parallelism: 1)

    struct Vector: Sendable, CustomTestStringConvertible {
        let password: String, salt: String, logN: UInt64, r: UInt64, p: UInt64, hex: String
        var testDescription: String { "N=2^\(logN) r=\(r) p=\(p)" }
    }

    // RFC 7914 §12, vectors 1–3 (vector 4 needs 1 GiB and is skipped). Vector 3 is N=16384, r=8, p=1.
    static let vectors = [
        Vector(password: "", salt: "", logN: 4, r: 1, p: 1,
               hex: "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"),
        Vector(password: "password", salt: "NaCl", logN: 10, r: 8, p: 16,
               hex: "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"),
        Vector(password: "pleaseletmein", salt: "SodiumChloride", logN: 14, r: 8, p: 1,
               hex: "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"),
    ]

    @Test(arguments: vectors) func rfc7914Vectors(_ v: Vector) throws {
        let parameters = try ScryptParameters(logN: Int(v.logN), blockSize: Int(v.r), parallelism: Int(v.p))
        let out = try Scrypt.derive(password: Array(v.password.utf8), salt: Array(v.salt.utf8), parameters: parameters, length: 64)
        #expect(Hex.encode(out) == v.hex)
    }

    @Test func hashHasPHCShapeAndVerifies() throws {
        let hasher = PasswordHasher(parameters: Self.fast)
        let phc = try hasher.hash("correct horse battery staple")
        let fields = phc.split(separator: "$", omittingEmptySubsequences: false)
        #expect(fields.count == 5 && fields[0].isEmpty && fields[1] == "scrypt" && fields[2] == "ln=4,r=1,p=1")
        // 16 bytes → 22 base64 characters, 32 bytes → 43, no padding.
        #expect(fields[3].count == 22 && fields[4].count == 43 && !(fields[3] + fields[4]).contains("="))
        #expect(try hasher.verify("correct horse battery staple", against: phc) == .valid(needsRehash: false))
        #expect(try hasher.verify("correct horse battery stapl", against: phc) == .invalid)
        #expect(try hasher.verify("", against: phc) == .invalid)
    }

    @Test func saltsAreFresh() throws {
        let hasher = PasswordHasher(parameters: Self.fast)
        #expect(try hasher.hash("same") != hasher.hash("same"))
    }

    @Test func productionParametersRoundTrip() throws {
        // The recommended parameters need 32 MiB, over OpenSSL's default maxmem: this proves maxmem is passed.
        let hasher = PasswordHasher()
        let phc = try hasher.hash("pw")
        #expect(phc.hasPrefix("$scrypt$ln=15,r=8,p=1$"))
        #expect(try hasher.verify("pw", against: phc) == .valid(needsRehash: false))
    }

    @Test func knownPHCStringVerifies() throws {
        // Built from RFC 7914 vector 2's first 32 bytes: independent of this code's encoder.
        let salt = PHCBase64.encode(Array("NaClNaClNaClNaCl".utf8))
        let key = try Scrypt.derive(password: Array("password".utf8), salt: Array("NaClNaClNaClNaCl".utf8),
                                    parameters: Self.fast, length: 32)
        let phc = "$scrypt$ln=4,r=1,p=1$\(salt)$\(PHCBase64.encode(key))"
        #expect(salt == "TmFDbE5hQ2xOYUNsTmFDbA")
        #expect(try PasswordHasher(parameters: Self.fast).verify("password", against: phc) == .valid(needsRehash: false))
    }

    @Test func changedParametersAskForRehash() throws {
        let old = try PasswordHasher(parameters: ScryptParameters(logN: 5, blockSize: 1, parallelism: 1)).hash("pw")
        let hasher = PasswordHasher(parameters: Self.fast)
        #expect(try hasher.verify("pw", against: old) == .valid(needsRehash: true))
        #expect(try hasher.verify("nope", against: old) == .invalid)
    }

    @Test func unicodePasswordsAreNormalised() throws {
        let hasher = PasswordHasher(parameters: Self.fast)
        let phc = try hasher.hash("caf\u{E9}")          // precomposed é
        #expect(try hasher.verify("cafe\u{301}", against: phc) == .valid(needsRehash: false))  // e + combining acute
    }

    @Test func unknownAccountIsAlwaysInvalid() throws {
        let hasher = PasswordHasher(parameters: Self.fast)
        #expect(try hasher.verifyUnknownAccount("anything") == .invalid)
        #expect(try hasher.verifyUnknownAccount("") == .invalid)
    }

    static let salt = "c2FsdHNhbHRzYWx0c2FsdA"          // 16 bytes
    static let hash = "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"  // 32 bytes

    static let malformed: [String] = [
        "",
        "$",
        "$scrypt",
        "scrypt$ln=4,r=1,p=1$\(salt)$\(hash)",
        "$argon2id$ln=4,r=1,p=1$\(salt)$\(hash)",
        "$SCRYPT$ln=4,r=1,p=1$\(salt)$\(hash)",
        "$scrypt$ln=4,r=1,p=1$\(salt)",
        "$scrypt$ln=4,r=1,p=1$\(salt)$\(hash)$",
        "$scrypt$ln=4,r=1,p=1$$\(hash)",
        "$scrypt$ln=4,r=1,p=1$\(salt)$",
        "$scrypt$$\(salt)$\(hash)",
        "$scrypt$ln=4,r=1$\(salt)$\(hash)",
        "$scrypt$r=1,ln=4,p=1$\(salt)$\(hash)",
        "$scrypt$ln=4,r=1,p=1,x=2$\(salt)$\(hash)",
        "$scrypt$ln=,r=1,p=1$\(salt)$\(hash)",
        "$scrypt$ln=04,r=1,p=1$\(salt)$\(hash)",
        "$scrypt$ln=-4,r=1,p=1$\(salt)$\(hash)",
        "$scrypt$ln=+4,r=1,p=1$\(salt)$\(hash)",
        "$scrypt$ln=4 ,r=1,p=1$\(salt)$\(hash)",
        "$scrypt$ln=0,r=1,p=1$\(salt)$\(hash)",
        "$scrypt$ln=21,r=1,p=1$\(salt)$\(hash)",            // ln over 20
        "$scrypt$ln=4,r=33,p=1$\(salt)$\(hash)",            // r over 32
        "$scrypt$ln=4,r=1,p=17$\(salt)$\(hash)",            // p over 16
        "$scrypt$ln=4,r=0,p=1$\(salt)$\(hash)",
        "$scrypt$ln=4,r=1,p=0$\(salt)$\(hash)",
        "$scrypt$ln=20,r=8,p=1$\(salt)$\(hash)",            // 1 GiB: over the memory cap
        "$scrypt$ln=18,r=8,p=16$\(salt)$\(hash)",           // over the work cap
        "$scrypt$ln=99999999999999999999999,r=1,p=1$\(salt)$\(hash)",
        "$scrypt$ln=18446744073709551617,r=1,p=1$\(salt)$\(hash)",
        "$scrypt$ln=4,r=1,p=1$\(salt)==$\(hash)",          // padding
        "$scrypt$ln=4,r=1,p=1$\(salt)$\(hash)=",
        "$scrypt$ln=4,r=1,p=1$c2Fsd_Nh-HRzYWx0c2FsdA$\(hash)", // base64url alphabet
        "$scrypt$ln=4,r=1,p=1$c2FsdHNhbHRzYWx0c2Fsd B$\(hash)",
        "$scrypt$ln=4,r=1,p=1$c2FsdHNhbHRzYWx0c2FsdB$\(hash)", // non-zero trailing bits
        "$scrypt$ln=4,r=1,p=1$c2FsdHNhbHRzYWx0c2Fsd$\(hash)",  // length 4k+1
        "$scrypt$ln=4,r=1,p=1$c2FsdA$\(hash)",                 // 4-byte salt
        "$scrypt$ln=4,r=1,p=1$\(salt)$aGFzaA",                 // 4-byte hash
        "$scrypt$ln=4,r=1,p=1$\(salt)$" + String(repeating: "A", count: 600),
        "$scrypt$ln=4,r=1,p=1$\(salt)$\(hash)\u{0}",
        "$scrypt$ln=٤,r=1,p=1$\(salt)$\(hash)",              // Arabic-Indic digit
    ]

    @Test(arguments: malformed) func malformedStoredStringsAreInvalid(_ phc: String) throws {
        #expect(throws: CryptoError.self) { try PHCString(parsing: phc) }
        #expect(try PasswordHasher(parameters: Self.fast).verify("password", against: phc) == .invalid)
    }

    @Test func wellFormedStringParsesAndReencodes() throws {
        let text = "$scrypt$ln=4,r=1,p=1$\(Self.salt)$\(Self.hash)"
        let phc = try PHCString(parsing: text)
        #expect(phc.parameters == Self.fast && phc.salt.count == 16 && phc.hash.count == 32)
        #expect(phc.encoded == text)
    }

    @Test func parameterBounds() throws {
        #expect(throws: CryptoError.self) { try ScryptParameters(logN: 21, blockSize: 1, parallelism: 1) }
        #expect(throws: CryptoError.self) { try ScryptParameters(logN: 15, blockSize: 8, parallelism: 17) }
        #expect(throws: CryptoError.self) { try ScryptParameters(logN: Int.max, blockSize: Int.max, parallelism: Int.max) }
        let largest = try ScryptParameters(logN: 20, blockSize: 1, parallelism: 1)
        #expect(largest.memoryBytes <= ScryptParameters.maximumMemoryBytes)
        #expect(ScryptParameters.recommended == (try ScryptParameters(logN: 15, blockSize: 8, parallelism: 1)))
    }
}
