import Foundation

/// RFC 6749 §4.4: a confidential client gets an access token for itself; `sub` is the client id.
public struct ClientCredentialsGrant: Grant {
    /// Everything is known before the lock: nothing here depends on state a concurrent request could change, so
    /// the claims (and their random `jti`) are built outside it and `decide` only hands them over.
    public struct Validated: Sendable {
        let grant: TokenGrant
    }

    public static let grantType = GrantType.clientCredentials
    public static let allowedParameters: Set<String> = ["scope", "resource"]

    let accessTokens: AccessTokenPolicy

    public init(accessTokens: AccessTokenPolicy) {
        self.accessTokens = accessTokens
    }

    public func validate(_ request: GrantRequest, snapshot: AuthState) throws(PosternError) -> Validated {
        // RFC 6749 §4.4: "The client credentials grant type MUST only be used by confidential clients."
        guard !request.client.isPublic else {
            throw PosternError(.unauthorizedClient, description: "Public clients cannot use client_credentials")
        }
        let scope = try request.grantedScope(limit: request.client.scope)
        let audience = try ResourceIndicator.audience(request.parameters["resource"], for: request.client)
        let claims = accessTokens.claims(subject: request.client.id, client: request.client, audience: audience,
                                         scope: scope, now: request.now)
        return Validated(grant: TokenGrant(accessToken: claims, scope: scope, expiresIn: accessTokens.lifetime))
    }

    public func decide(_ validated: Validated, request: GrantRequest, state: AuthState) -> GrantDecision {
        GrantDecision(outcome: .success(validated.grant))
    }
}
