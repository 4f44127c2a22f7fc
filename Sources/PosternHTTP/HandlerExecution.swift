/// Where a route's handler runs.
public enum HandlerExecution: Sendable {
    /// On the event loop: cheap, non-blocking work only (precomputed bytes, one signature).
    case inline
    /// On the bounded worker pool: password hashing, libcurl, waiting for a durable commit.
    case worker
}

/// A route handler.
public typealias HTTPHandler = @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse
