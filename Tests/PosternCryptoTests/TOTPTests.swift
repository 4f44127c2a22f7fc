import Foundation
import Testing
@testable import PosternCrypto

@Suite struct TOTPTests {
    static let rfcSecret = Array("12345678901234567890".utf8)

    // RFC 6238 Appendix B, SHA-1 rows (8 digits).
    @Test(arguments: [
        (59.0, "94287082"), (1111111109, "07081804"), (1111111111, "14050471"),
        (1234567890, "89005924"), (2000000000, "69279037"), (20000000000, "65353130"),
    ]) func rfc6238Vectors(time: Double, code: String) {
        let totp = TOTP(secret: Self.rfcSecret, digits: 8)
        let at = Date(timeIntervalSince1970: time)
        #expect(totp.code(at: at) == code)
        #expect(totp.verify(code, at: at, window: 0) == totp.timeStep(at: at))
    }

    @Test func sixDigitCodeIsTheLowDigits() {
        // RFC 4226 §5.3: the 6-digit code is the 31-bit value mod 10^6, i.e. the last 6 digits of the 8-digit one.
        let eight = TOTP(secret: Self.rfcSecret, digits: 8), six = TOTP(secret: Self.rfcSecret)
        let at = Date(timeIntervalSince1970: 1111111109)
        #expect(six.code(at: at) == String(eight.code(at: at).suffix(6)))
        #expect(six.code(at: at) == "081804")
    }

    @Test func windowAcceptsOneStepEitherSide() {
        let totp = TOTP(secret: Self.rfcSecret)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let step = totp.timeStep(at: now)
        #expect(totp.verify(totp.code(forStep: step - 1), at: now) == step - 1)
        #expect(totp.verify(totp.code(forStep: step), at: now) == step)
        #expect(totp.verify(totp.code(forStep: step + 1), at: now) == step + 1)
        // Fixed secret and time, so these codes are fixed too (and differ from the three in the window).
        #expect(totp.verify(totp.code(forStep: step + 2), at: now) == nil)
        #expect(totp.verify(totp.code(forStep: step - 2), at: now) == nil)
        #expect(totp.verify(totp.code(forStep: step - 1), at: now, window: 0) == nil)
        #expect(totp.verify(totp.code(forStep: step + 2), at: now, window: 2) == step + 2)
    }

    @Test func replayIsRefused() {
        let totp = TOTP(secret: Self.rfcSecret)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let code = totp.code(at: now)
        let accepted = totp.verify(code, at: now)
        #expect(accepted == totp.timeStep(at: now))
        // RFC 6238 §5.2: the same code a second time is refused, also 30 s later while still in the window.
        #expect(totp.verify(code, at: now, lastAcceptedStep: accepted) == nil)
        #expect(totp.verify(code, at: now.addingTimeInterval(30), lastAcceptedStep: accepted) == nil)
        // The next step's code is still accepted.
        let next = now.addingTimeInterval(30)
        #expect(totp.verify(totp.code(at: next), at: next, lastAcceptedStep: accepted) == accepted! + 1)
    }

    @Test(arguments: ["", "12345", "1234567", "12345a", " 123456", "123456 ", "12 456", "-12345", "+12345",
                      "١٢٣٤٥٦", "１２３４５６", "123456\u{0}", String(repeating: "1", count: 10_000)])
    func malformedCodesAreRejected(_ code: String) {
        let totp = TOTP(secret: Self.rfcSecret)
        #expect(totp.verify(code, at: Date(timeIntervalSince1970: 1_800_000_000)) == nil)
    }

    @Test func wrongSecretFails() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let code = TOTP(secret: Self.rfcSecret).code(at: now)
        #expect(TOTP(secret: Array("12345678901234567891".utf8)).verify(code, at: now) == nil)
    }

    @Test func extremeTimesDoNotTrap() {
        let totp = TOTP(secret: Self.rfcSecret)
        #expect(totp.timeStep(at: Date(timeIntervalSince1970: -100)) == 0)
        #expect(totp.timeStep(at: .distantFuture) > 0)
        #expect(totp.timeStep(at: Date(timeIntervalSince1970: .infinity)) == 0)
        #expect(totp.code(at: Date(timeIntervalSince1970: 1e30)).count == 6)
        #expect(totp.verify(totp.code(forStep: 0), at: Date(timeIntervalSince1970: 0), window: 1) == 0)
        let farFuture = Date(timeIntervalSince1970: 1e30)
        #expect(totp.verify(totp.code(forStep: .max), at: farFuture, window: 99) == .max)
    }

    @Test func generatedSecretIs160Bits() {
        let a = TOTP.generateSecret(), b = TOTP.generateSecret()
        #expect(a.count == 20 && a != b)
    }

    // RFC 4648 §10.
    @Test(arguments: [("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="), ("foob", "MZXW6YQ="),
                      ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======")])
    func base32Vectors(plain: String, encoded: String) {
        #expect(Base32.encode(Array(plain.utf8), padding: true) == encoded)
        #expect(Base32.encode(Array(plain.utf8)) == encoded.replacingOccurrences(of: "=", with: ""))
        #expect(Base32.decode(encoded) == Array(plain.utf8))
        #expect(Base32.decode(encoded.replacingOccurrences(of: "=", with: "")) == Array(plain.utf8))
        #expect(Base32.decode(encoded.lowercased()) == Array(plain.utf8))
    }

    @Test(arguments: ["M", "MZX", "MZXW6Y", "MZXW6===x", "MY=====", "MZ======", "MY======MY======x", "MZXW1",
                      "MZXW6YT!", "MZ XW6YTB", "MY==MY==", "M=======", "MZXW6YTB\u{0}"])
    func base32RejectsMalformed(_ text: String) {
        #expect(Base32.decode(text) == nil)
    }

    @Test func base32RoundTripsRandomSecrets() {
        for length in 0...40 {
            let bytes = SecureRandom.bytes(length)
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
        }
    }

    @Test func provisioningURIIsPercentEncoded() {
        let totp = TOTP(secret: Self.rfcSecret)
        let uri = totp.provisioningURI(issuer: "Acme & Co: Login", account: "alice+mfa@example.com")
        #expect(uri == "otpauth://totp/Acme%20%26%20Co%3A%20Login:alice%2Bmfa%40example.com"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme%20%26%20Co%3A%20Login"
                + "&algorithm=SHA1&digits=6&period=30")
        #expect(TOTP(secret: [1, 2, 3]).provisioningURI(issuer: "Postern", account: "é?#=")
                == "otpauth://totp/Postern:%C3%A9%3F%23%3D?secret=AEBAG&issuer=Postern&algorithm=SHA1&digits=6&period=30")
    }

    @Test func nonsenseDigitsAndPeriodAreClamped() {
        let totp = TOTP(secret: Self.rfcSecret, digits: 4, period: 0)
        #expect(totp.digits == 6 && totp.period == 1)
        #expect(totp.code(at: Date(timeIntervalSince1970: 59)).count == 6)
        #expect(TOTP(secret: Self.rfcSecret, digits: 12).digits == 8)
    }
}
