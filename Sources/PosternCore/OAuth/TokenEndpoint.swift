/// `POST /oauth/token`: the steps every grant shares, then the grant itself.
///
/// node-oidc-provider's order: parse, refuse duplicate parameters, authenticate the client,
/// check it may use the grant, strip parameters the grant does not read, dispatch; then sign
/// outside the store lock.
public struct TokenEndpoint: Sendable {
    private let store: any AuthStore
    private let grants: [GrantType: any Grant]
    private let signer: AccessTokenSigner
    private let authenticator: ClientAuthenticator
    private let clock: any Clock
    private static let authenticationParameters: Set<String> = ["grant_type", "client_id", "client_secret"]

    public init(store: any AuthStore, grants: [any Grant], signer: AccessTokenSigner, authenticator: ClientAuthenticator,
                clock: any Clock) {
        self.store = store
        self.authenticator = authenticator
        self.grants = Dictionary(uniqueKeysWithValues: grants.map { (type(of: $0).grantType, $0) })
        self.signer = signer
        self.clock = clock
    }

    /// Throws what is refused before any state changes; otherwise the signed answer (or the error decided with the
    /// commit), to be sent once the commit is durable.
    public func handle(_ request: TokenRequest) throws(PosternError) -> Committed<TokenResponse> {
        let parameters = try request.uniqueParameters()
        guard let name = parameters["grant_type"] else {
            throw .invalidRequest("grant_type is required", field: "grant_type")
        }
        // RFC 6749 §5.2: "unsupported_grant_type: The authorization grant type is not supported by the authorization server."
        guard let type = GrantType(rawValue: name), let grant = grants[type] else {
            throw PosternError(.unsupportedGrantType, debug: "grant_type \(name)")
        }
        // One snapshot per request (each is a trip through the store lock): client authentication and the
        // grant's validation read it; the grant's decision re-checks under the lock.
        let snapshot = store.snapshot()
        let client = try authenticator.authenticate(request, parameters: parameters, in: snapshot)
        // RFC 6749 §5.2: "unauthorized_client: The authenticated client is not authorized to use this authorization grant type."
        guard client.allows(type) else { throw PosternError(.unauthorizedClient) }
        let allowed = Swift.type(of: grant).allowedParameters
        let granted = try grant.run(
            GrantRequest(client: client, parameters: parameters.filter { allowed.contains($0.key) }, now: clock.now(),
                         clientIP: request.clientIP, requestID: request.requestID),
            snapshot: snapshot, store: store)
        // Signed while the commit's fsync is under way.
        return granted.map { granted throws(PosternError) in
            TokenResponse(accessToken: try signer.sign(granted.accessToken), expiresIn: granted.expiresIn,
                          scope: granted.scope, refreshToken: granted.refreshToken, isReplay: granted.isReplay)
        }
    }
}
