import Foundation

/// Time-based one-time passwords (RFC 6238) for the MFA step: HMAC-SHA-1, 6 digits, 30-second steps.
public struct TOTP: Sendable {
    /// The shared secret (20 bytes when generated here, RFC 4226 §4 R6 recommends 160 bits).
    public let secret: [UInt8]
    /// Code length; 6 by default (API.md "Tokens"), 8 for the RFC 6238 Appendix B vectors.
    public let digits: Int
    /// Step length in seconds (RFC 6238 §5.2 recommends 30).
    public let period: Int

    /// Bytes of a generated secret.
    public static let secretLength = 20
    /// The widest window `verify` accepts, in steps either side; RFC 6238 §5.2 recommends at most one.
    public static let maximumWindow = 10

    /// A TOTP over `secret`. `digits` is clamped to 6...8 and `period` to at least 1 second,
    /// the only values RFC 4226 §5.3 and RFC 6238 §4 make sense of.
    public init(secret: [UInt8], digits: Int = 6, period: Int = 30) {
        self.secret = secret
        self.digits = min(max(digits, 6), 8)
        self.period = max(period, 1)
    }

    /// A fresh random secret for enrolment.
    public static func generateSecret() -> [UInt8] {
        SecureRandom.bytes(secretLength)
    }

    /// RFC 6238 §4.2: T = floor((Current Unix time - T0) / X), T0 = 0. Times before 1970 map to
    /// step 0 and absurd far-future times to the last step, so no date can trap.
    public func timeStep(at time: Date) -> Int64 {
        let step = (time.timeIntervalSince1970 / Double(period)).rounded(.down)
        guard step.isFinite, step > 0 else { return 0 }
        return step >= 9.0e18 ? Int64.max : Int64(step)
    }

    /// The code valid at `time`.
    public func code(at time: Date) -> String {
        code(forStep: timeStep(at: time))
    }

    /// The code of one time step (RFC 4226 §5.3 HOTP with the step as the counter).
    public func code(forStep step: Int64) -> String {
        let counter = UInt64(bitPattern: step)
        let message = (0..<8).map { UInt8(truncatingIfNeeded: counter >> (56 - 8 * UInt64($0))) }
        let mac = HMAC.authenticationCode(.sha1, key: secret, message: message)
        // RFC 4226 §5.3 dynamic truncation: the low 4 bits of the last byte pick a 31-bit window.
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary = UInt32(mac[offset] & 0x7f) << 24 | UInt32(mac[offset + 1]) << 16
            | UInt32(mac[offset + 2]) << 8 | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let text = String(binary % modulus)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// Checks `code` against the steps `window` either side of `time` and returns the step it
    /// matched, or nil. Input that is not exactly `digits` ASCII digits is nil before any MAC runs.
    ///
    /// RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt of the OTP after the
    /// successful validation has been issued for the first OTP". The caller stores the returned step
    /// (consumed atomically in the store) and passes it back as `lastAcceptedStep`: that step and
    /// every earlier one are then refused.
    public func verify(_ code: String, at time: Date, window: Int = 1, lastAcceptedStep: Int64? = nil) -> Int64? {
        let input = Array(code.utf8)
        guard input.count == digits, input.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        let window = Int64(min(max(window, 0), Self.maximumWindow))
        let now = timeStep(at: time)
        var matched: Int64?
        // Every step in the window is computed and compared, so the time taken does not say which step matched.
        for delta in -window...window {
            let (step, overflow) = now.addingReportingOverflow(delta)
            guard !overflow, step >= 0 else { continue }
            let isMatch = ConstantTime.equals(Array(self.code(forStep: step).utf8), input)
            if isMatch, matched == nil, step > (lastAcceptedStep ?? -1) { matched = step }
        }
        return matched
    }
}
