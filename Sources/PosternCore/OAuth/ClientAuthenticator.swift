import PosternCrypto

/// Finds and authenticates the client of a token, introspection or revocation request.
///
/// Client secrets are high-entropy, so they are compared as SHA-256 hashes in constant time
/// (API.md "Abuse protection"), not with a slow hash. A confidential client may use either
/// `client_secret_basic` or `client_secret_post`: its registered method is what discovery
/// advertises, and both carry the same secret over the same TLS channel.
///
/// Failed authentications are throttled per client at the caller's address and per address (`Throttle.Kind.secrets`):
/// 5 failures back that client off at that address (even its right secret is refused until the backoff ends), and an
/// address past its budget of failures gets 429 for each further failure while right secrets still pass. The token,
/// introspection and revocation endpoints share one authenticator, so they share one budget.
public struct ClientAuthenticator: Sendable {
    let throttle: Throttle

    /// `throttle` should be of kind `.secrets`: a `.passwords` one would also cap how often a correct client may ask.
    public init(throttle: Throttle) {
        self.throttle = throttle
    }

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

        // API.md "Abuse protection": a correct secret during a backoff is still refused until it ends.
        let ipKey = Throttle.key(forIP: request.clientIP)
        if let wait = throttle.admit(account: presented.id, ipKey: ipKey) {
            throw .rateLimited(retryAfter: Int(wait), debug: "client authentication for \(presented.id) throttled")
        }
        do {
            let client = try check(presented, basicAttempted: request.basicAttempted, in: state)
            throttle.record(account: presented.id, ipKey: ipKey, succeeded: true)
            return client
        } catch {
            // Past the address's budget of failures, a failure is told to slow down; a right secret still passes.
            if let wait = throttle.record(account: presented.id, ipKey: ipKey, succeeded: false) {
                throw .rateLimited(retryAfter: Int(wait), debug: "failed client authentications from \(ipKey) throttled")
            }
            throw error
        }
    }

    /// The client named by `presented`, if its secret (or, for a public client, the absence of one) matches.
    private func check(_ presented: (id: String, secret: String?), basicAttempted: Bool,
                       in state: AuthState) throws(PosternError) -> Client {
        guard let client = state.clients[presented.id] else {
            // Spend the same hash-and-compare as a real check so timing does not reveal which ids exist.
            _ = ConstantTime.equals(SHA256.hash(presented.secret ?? ""), ClientAuthenticator.unknownClientHash)
            throw .invalidClient(basicAttempted: basicAttempted, debug: "unknown client \(presented.id)")
        }
        switch (client.secretHash, presented.secret) {
        case (nil, nil):
            return client
        case (nil, .some):
            throw .invalidClient(basicAttempted: basicAttempted, debug: "secret sent for a public client")
        case (.some, nil):
            throw .invalidClient(basicAttempted: basicAttempted, debug: "no secret for a confidential client")
        case let (.some(stored), .some(secret)):
            guard ConstantTime.equals(SHA256.hash(secret), stored) else {
                throw .invalidClient(basicAttempted: basicAttempted, debug: "wrong secret for \(client.id)")
            }
            return client
        }
    }

    private static let unknownClientHash = SHA256.hash("postern-unknown-client")
}
