/// What the server knows about a request beyond its bytes, passed to middleware and handlers.
public struct RequestContext: Sendable {
    /// `X-Request-Id`: echoed from the client when safe, else generated (RequestIDMiddleware).
    public var requestID: String
    /// `{name}` segments of the matched route, percent-decoded.
    public var pathParameters: [String: String]
    /// The socket peer's address (the proxy's, behind one; trusted forwarding is the application's call).
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
