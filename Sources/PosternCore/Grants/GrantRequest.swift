/// A token request after the shared steps: the authenticated client and only the parameters the grant may read.
public struct GrantRequest: Sendable {
    public let client: Client
    public let parameters: [String: String]
    public let now: Int64
    public let clientIP: String
    public let requestID: String

    public init(client: Client, parameters: [String: String], now: Int64, clientIP: String, requestID: String) {
        self.client = client
        self.parameters = parameters
        self.now = now
        self.clientIP = clientIP
        self.requestID = requestID
    }

    /// The requested scope: RFC 6749 §3.3 syntax, every token registered for the client;
    /// when absent, the client's whole registered scope (the "pre-defined default value").
    public func grantedScope(limit: Scope) throws(PosternError) -> Scope {
        guard let text = parameters["scope"] else { return limit }
        guard let requested = Scope(parsing: text) else {
            throw PosternError(.invalidScope, description: "The scope parameter is malformed")
        }
        // RFC 6749 §5.2 invalid_scope: "The requested scope is invalid, unknown, malformed,
        // or exceeds the scope granted by the resource owner."
        guard requested.isSubset(of: limit) else {
            throw PosternError(.invalidScope, description: "The requested scope exceeds what the client may ask for")
        }
        return requested
    }
}
