/// What the server knows about a request beyond its bytes, passed to middleware and handlers.
public struct RequestContext: Sendable {
    /// `X-Request-Id`: echoed from the client when safe, else generated (RequestIDMiddleware).
    public var requestID: String
    /// `{name}` segments of the matched route, percent-decoded.
    public var pathParameters: [String: String]
    /// The client's address: the socket peer's, or the one a trusted proxy forwarded when the server's
    /// `Configuration.clientAddressResolver` believes it. The access log records this one too.
    public var clientAddress: String
    /// The matched route pattern (`/api/v1/clients/{id}`), for logs and metrics; never the raw path.
    public var routePattern: String?

    public init(requestID: String = "", pathParameters: [String: String] = [:], clientAddress: String = "",
                routePattern: String? = nil) {
        self.requestID = requestID
        self.pathParameters = pathParameters
        self.clientAddress = clientAddress
        self.routePattern = routePattern
    }
}
