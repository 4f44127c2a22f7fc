import Foundation

/// A new local account's input (CLI `postern user add`, later the REST register and admin APIs), validated.
public struct UserRegistration: Sendable {
    public var email: String
    /// Nil for an account without a password yet: it cannot log in with one until it sets one (a reset, later).
    public var password: String?
    public var roles: [String]

    public init(email: String, password: String?, roles: [String] = []) {
        self.email = email
        self.password = password
        self.roles = roles
    }

    /// Passwords shorter than this are refused (NIST SP 800-63B §5.1.1.2: at least 8).
    public static let minimumPasswordLength = 8
    /// Longer ones are refused so a megabyte "password" cannot become a hashing cost (scrypt hashes it once, but parsing and NFC do not come free).
    public static let maximumPasswordBytes = 1024

    /// The user, with the password hashed by `passwords` (the bounded pool), or `invalid_request` / `email_taken`.
    public func user(in state: AuthState, passwords: PasswordChecker, now: Int64) throws(PosternError) -> User {
        let normalized = User.normalize(email: email)
        guard UserRegistration.isPlausibleEmail(normalized) else { throw .invalidRequest("email is not valid", field: "email") }
        if let password, let problem = UserRegistration.passwordProblem(password) {
            throw .invalidRequest(problem, field: "password")
        }
        guard state.user(email: normalized) == nil else { throw PosternError(.emailTaken) }
        let hash: String? = if let password { try passwords.hash(password) } else { nil }
        return User(id: Identifier.make(.user), email: normalized, roles: roles, passwordHash: hash, createdAt: now)
    }

    /// Why `password` is refused, or nil: one rule for every way an account gets a password (and the bootstrap
    /// admin's setting, checked when the configuration loads).
    static func passwordProblem(_ password: String) -> String? {
        if password.count < minimumPasswordLength { return "password must be at least \(minimumPasswordLength) characters" }
        if password.utf8.count > maximumPasswordBytes { return "password is too long" }
        return nil
    }

    /// One `@`, a non-empty local part, a dotted domain, no spaces or controls, ≤ 254 bytes (RFC 5321 §4.5.3.1.3).
    /// Deliverability is proven by the verification mail, not by a regular expression.
    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              email.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else { return false }
        return true
    }
}
