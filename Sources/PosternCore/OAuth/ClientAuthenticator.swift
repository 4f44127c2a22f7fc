import PosternCrypto

/// Finds and authenticates the client of a token, introspection or revocation request.
///
/// Client secrets are high-entropy, so they are compared as SHA-256 hashes in constant time
/// (API.md "Abuse protection"), not with a slow hash. A confidential client may use either
/// `client_secret_basic` or `client_secret_post`: its registered method is what discovery
/// advertises, and both carry the same secret over the same TLS channel.
public struct ClientAuthenticator: Sendable {
    public init() {}

    /// The authenticated client, or `invalid_client` / `invalid_request`.
    public func authenticate(_ request: TokenRequest, parameters: [String: String],
                             in state: AuthState) throws(PosternError) -> Client {
        let postedSecret = parameters["client_secret"]
        // RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
        if request.basicAttempted && postedSecret != nil {
            throw .invalidRequest("Use one client authentication method, not two", field: "client_secret")
        }
        if request.basicAttempted && request.basicCredentials == nil {
            throw .invalidClient(basicAttempted: true, debug: "undecodable Basic credentials")
        }
        let presented: (id: String, secret: String?)
        if let basic = request.basicCredentials {
            // RFC 6749 §2.3.1 allows client_id in the body too; it must then name the same client.
            if let bodyID = parameters["client_id"], bodyID != basic.id {
                throw .invalidRequest("client_id does not match the authenticated client", field: "client_id")
            }
            presented = (basic.id, basic.secret)
        } else if let id = parameters["client_id"] {
            presented = (id, postedSecret)
        } else {
            throw .invalidClient(basicAttempted: false, debug: "no client identification")
        }

        guard let client = state.clients[presented.id] else {
            // Spend the same hash-and-compare as a real check so timing does not reveal which ids exist.
            _ = ConstantTime.equals(SHA256.hash(presented.secret ?? ""), ClientAuthenticator.unknownClientHash)
            throw .invalidClient(basicAttempted: request.basicAttempted, debug: "unknown client \(presented.id)")
        }
        switch (client.secretHash, presented.secret) {
        case (nil, nil):
            return client
        case (nil, .some):
            throw .invalidClient(basicAttempted: request.basicAttempted, debug: "secret sent for a public client")
        case (.some, nil):
            throw .invalidClient(basicAttempted: request.basicAttempted, debug: "no secret for a confidential client")
        case let (.some(stored), .some(secret)):
            guard ConstantTime.equals(SHA256.hash(secret), stored) else {
                throw .invalidClient(basicAttempted: request.basicAttempted, debug: "wrong secret for \(client.id)")
            }
            return client
        }
    }

    private static let unknownClientHash = SHA256.hash("postern-unknown-client")
}
