extension PosternError {
    /// The `error` value on the wire: one case per row of API.md "Errors", plus the authorization
    /// response codes of RFC 6749 §4.1.2.1 and OIDC Core §3.1.2.6 that `/oauth/authorize` returns.
    public enum Code: String, CaseIterable, Sendable {
        case invalidRequest = "invalid_request"
        case invalidGrant = "invalid_grant"
        case unsupportedGrantType = "unsupported_grant_type"
        case invalidScope = "invalid_scope"
        case unauthorizedClient = "unauthorized_client"
        case invalidClient = "invalid_client"
        case invalidCredentials = "invalid_credentials"
        case invalidToken = "invalid_token"
        case tokenExpired = "token_expired"
        case tokenRevoked = "token_revoked"
        case insufficientScope = "insufficient_scope"
        case accountDisabled = "account_disabled"
        case emailNotVerified = "email_not_verified"
        case notFound = "not_found"
        case methodNotAllowed = "method_not_allowed"
        case emailTaken = "email_taken"
        case usernameTaken = "username_taken"
        case payloadTooLarge = "payload_too_large"
        case unsupportedMediaType = "unsupported_media_type"
        case rateLimited = "rate_limited"
        case overloaded = "overloaded"
        case serverError = "server_error"
        case unsupportedResponseType = "unsupported_response_type"
        case requestNotSupported = "request_not_supported"
        case requestURINotSupported = "request_uri_not_supported"
        case loginRequired = "login_required"
        case consentRequired = "consent_required"
        case accessDenied = "access_denied"
        /// RFC 8707 §2: the `resource` parameter names a target the client may not have.
        case invalidTarget = "invalid_target"

        /// The HTTP status, as API.md "Errors" gives it.
        public var status: Int {
            switch self {
            case .invalidRequest, .invalidGrant, .unsupportedGrantType, .invalidScope, .unauthorizedClient, .invalidTarget: 400
            // RFC 6749 §4.1.2.1 / OIDC Core §3.1.2.6 codes normally travel in a redirect; when they
            // cannot (no valid redirect URI) the error page is a client error.
            case .unsupportedResponseType, .requestNotSupported, .requestURINotSupported,
                 .loginRequired, .consentRequired: 400
            case .invalidClient, .invalidCredentials, .invalidToken, .tokenExpired, .tokenRevoked: 401
            case .insufficientScope, .accountDisabled, .emailNotVerified, .accessDenied: 403
            case .notFound: 404
            case .methodNotAllowed: 405
            case .emailTaken, .usernameTaken: 409
            case .payloadTooLarge: 413
            case .unsupportedMediaType: 415
            case .rateLimited: 429
            case .serverError: 500
            case .overloaded: 503
            }
        }

        /// The `error_description` used when the thrower gives none: safe to show anyone.
        public var defaultDescription: String {
            switch self {
            case .invalidRequest: "The request is malformed"
            case .invalidGrant: "The grant is invalid, expired or revoked"
            case .unsupportedGrantType: "The grant type is not supported"
            case .invalidScope: "The requested scope is invalid"
            case .unauthorizedClient: "The client is not authorized to use this grant type"
            case .invalidClient: "Client authentication failed"
            case .invalidCredentials: "Invalid email or password"
            case .invalidToken: "The access token is invalid"
            case .tokenExpired: "The access token has expired"
            case .tokenRevoked: "The access token has been revoked"
            case .insufficientScope: "The access token does not grant the required scope"
            case .accountDisabled: "The account is disabled"
            case .emailNotVerified: "The email address is not verified"
            case .notFound: "Not found"
            case .methodNotAllowed: "Method not allowed"
            case .emailTaken: "An account with this email already exists"
            case .usernameTaken: "This username is taken"
            case .payloadTooLarge: "The request body is too large"
            case .unsupportedMediaType: "Unsupported content type"
            case .rateLimited: "Too many attempts; retry later"
            case .overloaded: "The server is busy; retry later"
            case .serverError: "Internal server error"
            case .unsupportedResponseType: "Only response_type=code is supported"
            case .requestNotSupported: "The request parameter is not supported"
            case .requestURINotSupported: "The request_uri parameter is not supported"
            case .loginRequired: "The user must log in"
            case .consentRequired: "The user must consent"
            case .accessDenied: "The request was denied"
            case .invalidTarget: "The requested resource is invalid"
            }
        }
    }
}
