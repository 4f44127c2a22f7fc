import Foundation

/// A local account (API.md "User object"); the password is kept only as a PHC scrypt string.
public struct User: Codable, Sendable, Equatable {
    /// `usr_…`.
    public let id: String
    /// Lower-cased at creation so look-ups are case-insensitive.
    public var email: String
    public var emailVerified: Bool
    public var username: String?
    public var name: String?
    public var firstName: String?
    public var lastName: String?
    public var roles: [String]
    /// `$scrypt$ln=…,r=…,p=…$salt$hash`; nil for accounts created through an upstream login only.
    public var passwordHash: String?
    public var disabled: Bool
    public let createdAt: Int64
    public var lastLoginAt: Int64?

    public init(id: String, email: String, emailVerified: Bool = false, username: String? = nil, name: String? = nil,
                firstName: String? = nil, lastName: String? = nil, roles: [String] = [], passwordHash: String?,
                disabled: Bool = false, createdAt: Int64, lastLoginAt: Int64? = nil) {
        self.id = id
        self.email = User.normalize(email: email)
        self.emailVerified = emailVerified
        self.username = username
        self.name = name
        self.firstName = firstName
        self.lastName = lastName
        self.roles = roles
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.createdAt = createdAt
        self.lastLoginAt = lastLoginAt
    }

    /// The form an email is stored and looked up in.
    public static func normalize(email: String) -> String {
        email.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The form an email-or-username login is looked up in: an email as `normalize(email:)`, a username lower-cased
    /// (usernames are unique without regard to case).
    public static func normalize(login: String) -> String {
        isEmail(login: login) ? normalize(email: login) : login.lowercased()
    }

    /// Whether a login names its account by email rather than by username.
    static func isEmail(login: String) -> Bool { login.contains("@") }
}
