extension PosternError {
    /// `invalid_request`, naming the field at fault when there is one.
    public static func invalidRequest(_ description: String, field: String? = nil, debug: String? = nil) -> PosternError {
        PosternError(.invalidRequest, description: description, debug: debug, field: field)
    }

    /// `invalid_client`; `basicAttempted` adds the Basic challenge RFC 6749 §5.2 requires.
    public static func invalidClient(basicAttempted: Bool, debug: String? = nil) -> PosternError {
        PosternError(.invalidClient, debug: debug, basicAuthenticationAttempted: basicAttempted)
    }

    /// `insufficient_scope` naming the scope the token lacked (RFC 6750 §3.1).
    public static func insufficientScope(required scope: String, debug: String? = nil) -> PosternError {
        PosternError(.insufficientScope, debug: debug, requiredScope: scope)
    }

    /// `method_not_allowed` with the methods the route does take (RFC 9110 §15.5.6: MUST send `Allow`).
    public static func methodNotAllowed(allowed: [String]) -> PosternError {
        PosternError(.methodNotAllowed, allowedMethods: allowed)
    }

    /// `rate_limited` with the seconds until the next attempt may succeed.
    public static func rateLimited(retryAfter seconds: Int, debug: String? = nil) -> PosternError {
        PosternError(.rateLimited, debug: debug, retryAfterSeconds: seconds)
    }

    /// `overloaded`: the bounded work queue is full (API.md "Abuse protection").
    public static func overloaded(retryAfter seconds: Int) -> PosternError {
        PosternError(.overloaded, retryAfterSeconds: seconds)
    }

    /// `server_error` carrying the real cause for the log only.
    public static func serverError(debug: String, underlying: (any Error)? = nil) -> PosternError {
        PosternError(.serverError, debug: debug, underlying: underlying)
    }
}
