/// A token-endpoint request as the server edge hands it over: parameters in order, with
/// duplicates kept so they can be refused, and HTTP Basic credentials already decoded.
public struct TokenRequest: Sendable {
    /// The `(name, value)` pairs of the form (or JSON) body, in order.
    public var parameters: [(name: String, value: String)]
    /// `client_id` and `client_secret` from `Authorization: Basic`, each already
    /// form-decoded as RFC 6749 §2.3.1 requires; nil when the header was absent.
    public var basicCredentials: (id: String, secret: String)?
    /// Whether an `Authorization: Basic` header was sent at all, even an undecodable one.
    public var basicAttempted: Bool
    public var clientIP: String
    public var requestID: String

    public init(parameters: [(name: String, value: String)], basicCredentials: (id: String, secret: String)? = nil,
                basicAttempted: Bool? = nil, clientIP: String = "", requestID: String = "") {
        self.parameters = parameters
        self.basicCredentials = basicCredentials
        self.basicAttempted = basicAttempted ?? (basicCredentials != nil)
        self.clientIP = clientIP
        self.requestID = requestID
    }

    /// The parameters as a dictionary, refusing any name sent twice.
    ///
    /// RFC 6749 §3.2: "Request and response parameters MUST NOT be included more than once."
    /// An empty value counts as absent (RFC 6749 §3.1), but still counts as sent: `token=&token=x` is a repeat, which
    /// a parser that keeps the first and one that keeps the last would read differently.
    public func uniqueParameters() throws(PosternError) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in parameters {
            guard result.updateValue(value, forKey: name) == nil else {
                throw .invalidRequest("Parameter \(name) was sent more than once", field: name)
            }
        }
        for (name, value) in parameters where value.isEmpty { result[name] = nil }
        return result
    }
}
