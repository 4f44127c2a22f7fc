extension Grant {
    /// Validates against `snapshot` (the one the endpoint authenticated the client with), decides and
    /// commits under the store lock, and returns the tokens to sign (or the error decided with the commit).
    /// `token.issued` is added here, so no grant can forget it (a grace replay issues nothing new: it has its
    /// grant's own `token.refreshed` event, marked as a replay).
    ///
    /// The snapshot is consumed before the commit: a snapshot still alive while the store mutates the live state
    /// makes that mutation copy what the two share (see ShardedDictionary).
    func run(_ request: GrantRequest, snapshot: consuming AuthState, store: any AuthStore) throws(PosternError) -> Committed<TokenGrant> {
        let validated = try validate(request, snapshot: snapshot)
        _ = consume snapshot
        let origin = AuditOrigin(requestID: request.requestID, ip: request.clientIP)
        let (outcome, durability) = try store.submit(origin) { state in
            var decision = decide(validated, request: request, state: state)
            if case .success(let grant) = decision.outcome, !grant.isReplay {
                decision.audit.append(AuditEntry(type: "token.issued", clientID: request.client.id,
                                                 subject: grant.accessToken.subject,
                                                 detail: ["grant": Self.grantType.rawValue, "jti": grant.accessToken.jwtID ?? ""]))
            }
            return (decision.records, decision.audit, decision.outcome)
        }
        return Committed(outcome, durability: durability)
    }
}
