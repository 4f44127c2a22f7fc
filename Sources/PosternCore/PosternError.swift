/// The one error type on the wire: every failure a client sees is one of these, with its API.md code, status and public text.
///
/// The public `description` and the private `debugText` are kept apart (fosite's RFC6749Error):
/// only the former is ever rendered; the latter and `underlying` go to the log with the request id.
/// Errors of the lower modules (`CryptoError`, `StoreError`, …) become a `PosternError` in one
/// place at the server edge; PosternCore knows nothing of HTTP types, so header data is plain values.
public struct PosternError: Error, CustomStringConvertible {
    /// The wire `error` code, which fixes the status.
    public let code: Code
    /// The `error_description`: shown to the caller, so never internals, never whether an account exists.
    public let publicDescription: String
    /// What really happened, for the log only; never sent.
    public let debugText: String?
    /// The lower-level error that caused this one, for the log only.
    public let underlying: (any Error)?
    /// API.md: `"field": "email"` where one field of the request is at fault (`invalid_request`).
    public let field: String?
    /// Seconds for `Retry-After` (`rate_limited`, `overloaded`).
    public let retryAfterSeconds: Int?
    /// Methods for `Allow` (`method_not_allowed`).
    public let allowedMethods: [String]
    /// The scope a Bearer token lacked, for `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"`.
    public let requiredScope: String?
    /// True when the client tried HTTP Basic, so `invalid_client` answers with a Basic challenge (RFC 6749 §5.2).
    public let basicAuthenticationAttempted: Bool

    /// An error of `code`. `server_error` always uses its default text, whatever `description` says:
    /// API.md "never with internals in the text".
    public init(_ code: Code, description: String? = nil, debug: String? = nil, underlying: (any Error)? = nil,
                field: String? = nil, retryAfterSeconds: Int? = nil, allowedMethods: [String] = [],
                requiredScope: String? = nil, basicAuthenticationAttempted: Bool = false) {
        self.code = code
        self.publicDescription = code == .serverError ? code.defaultDescription : (description ?? code.defaultDescription)
        self.debugText = debug
        self.underlying = underlying
        self.field = field
        self.retryAfterSeconds = retryAfterSeconds.map { max($0, 1) }
        self.allowedMethods = allowedMethods
        self.requiredScope = requiredScope
        self.basicAuthenticationAttempted = basicAuthenticationAttempted
    }

    /// The HTTP status of `code`.
    public var status: Int { code.status }

    /// The log line: code, debug text and underlying error. Never rendered to the client.
    public var description: String {
        var text = "\(code.rawValue): \(debugText ?? publicDescription)"
        if let underlying { text += " (\(String(reflecting: underlying)))" }
        return text
    }
}
