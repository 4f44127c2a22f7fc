/// One OAuth grant type: its parameters, its checks, and the state change it decides.
///
/// STYLE.md habit 1: every grant has the same shape, and `TokenEndpoint` owns what they
/// share (client authentication, duplicate parameters, grant permission, the audit event,
/// signing), so no grant can forget it.
public protocol Grant: Sendable {
    /// What `validate` proved, carried to `decide`.
    associatedtype Validated: Sendable

    static var grantType: GrantType { get }

    /// The parameters this grant reads, besides `grant_type` and client authentication.
    /// Everything else is dropped before `validate` sees it (node-oidc-provider).
    static var allowedParameters: Set<String> { get }

    /// Checks the request without the store lock, against `snapshot` (a copy that may already be
    /// stale; `decide` re-checks what matters). Slow work (password hashing) happens here.
    func validate(_ request: GrantRequest, snapshot: AuthState) throws(PosternError) -> Validated

    /// Decides, under the store lock on the current state, what to commit and what to answer.
    /// Single-use things are consumed here, so two concurrent requests cannot both win.
    func decide(_ validated: Validated, request: GrantRequest, state: AuthState) -> GrantDecision
}
