/// The server's validated settings: built only by `Config.load`, so a `Config` that exists is a whole, valid one.
///
/// API.md "Configuration": it never starts half-configured.
public struct Config: Equatable, Sendable {
    public let listen: ListenAddress
    /// Exactly as configured (no trailing slash): compared byte for byte as `iss`. What `serve` uses is
    /// `issuer(boundPort:)`, which differs from this default only when the listen address does.
    public let issuer: String
    public let dataDirectory: String
    /// Seconds.
    public let accessTokenTTL: Int
    /// Seconds.
    public let refreshTokenTTL: Int
    /// 32 bytes, or nil to use the key generated into the data dir.
    public let encryptionKey: [UInt8]?
    public let bootstrapAdminEmail: String?
    public let bootstrapAdminPassword: String?
    /// Set when GitHub login is on (client id and secret both given).
    public let github: UpstreamApp?
    /// Set when LinkedIn login is on.
    public let linkedIn: UpstreamApp?
    public let smtpURL: String?
    public let mailFrom: String?
    public let trustedProxies: [IPNetwork]
    /// Seconds, 0...300.
    public let refreshGraceSeconds: Int
    public let auditRetentionDays: Int
    /// Password checks, and failed client authentications, per minute per client IP (`POSTERN_LOGIN_RATE_PER_IP`).
    public let loginRatePerIP: Int
    public let logLevel: LogLevel
    /// Insecure or odd settings that `serve` logs at start-up (STYLE.md habit 9); they do not stop it. The issuer's
    /// own warning is `issuerWarning(_:)`, given once the issuer is known.
    public internal(set) var warnings: [String]
    /// The settings given by a flag, the environment or the config file, by key (`issuer`, `listen`, …); the
    /// others are defaults. Without a given issuer, `serve` derives it from the listen address: `issuer(boundPort:)`.
    public let givenSettings: Set<String>

    /// An upstream identity provider's app registration and endpoints.
    public struct UpstreamApp: Equatable, Sendable {
        public let clientID: String
        public let clientSecret: String
        /// No trailing slash.
        public let baseURL: String
        /// No trailing slash.
        public let apiURL: String
    }
}
