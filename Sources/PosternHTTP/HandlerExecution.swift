/// Where a route's handler runs.
public enum HandlerExecution: Sendable {
    /// On the event loop: cheap, non-blocking work only (precomputed bytes, one signature).
    case inline
    /// On the bounded worker pool: password hashing, libcurl, waiting for a durable commit.
    case worker
}

/// How a route picks its `HandlerExecution`: most routes always run in one place; the token endpoint runs inline
/// except for the grant that hashes a password, which it can tell only from the request's body.
public typealias ExecutionChooser = @Sendable (HTTPRequest) -> HandlerExecution

/// A route handler.
public typealias HTTPHandler = @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse
