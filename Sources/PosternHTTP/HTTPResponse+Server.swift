extension HTTPResponse {
    /// The answer to a request the parser refused, in the API.md "Errors" JSON shape with the error's own status.
    static func rejecting(_ error: HTTPParseError) -> HTTPResponse {
        .error(status: error.status.code, code: error.code, description: error.description)
    }

    /// API.md "Errors": 500 `server_error`, "never with internals in the text" (the cause goes to `ServerErrorLog`).
    static let serverError = HTTPResponse.error(status: 500, code: "server_error", description: "Internal server error")

    /// API.md "Errors": 503 `overloaded` when the bounded work queue is full, "with `Retry-After`".
    static let overloaded = HTTPResponse.error(status: 503, code: "overloaded",
                                               description: "The server is busy; retry in a moment",
                                               headers: [("Retry-After", "1")])
}
