/// What presenting a refresh token to its family means, decided without side effects.
public enum RefreshDecision: Sendable, Equatable {
    /// The live token: issue its one successor.
    case rotate
    /// The immediate predecessor, inside the grace window: answer the same successor again.
    case replayWithinGrace
    /// A retired token (or the predecessor after the window): revoke the family, `invalid_grant`, audit.
    case reuseDetected
    /// Expired (idle or absolute), or the family is already revoked: `invalid_grant`.
    case expired
    case revoked
}

extension RefreshFamily {
    /// API.md "Tokens": within a per-client window presenting the *immediate* predecessor
    /// again returns the same successor pair; any other retired token, or the predecessor
    /// after the window, revokes the whole family.
    public func decide(presentedHash: [UInt8], at now: Int64, graceSeconds: Int64) -> RefreshDecision {
        if isRevoked { return .revoked }
        if presentedHash == currentHash {
            if now >= idleExpiresAt || now >= absoluteExpiresAt { return .expired }
            return .rotate
        }
        // A window of 0 is no grace at all: even a replay in the second of the rotation is reuse.
        if let predecessor, presentedHash == predecessor.tokenHash, graceSeconds > 0,
           now - predecessor.rotatedAt <= graceSeconds, now < absoluteExpiresAt {
            return .replayWithinGrace
        }
        return .reuseDetected
    }

    /// Whether `presentedHash` is the family's live token at `now`: the one a refresh would rotate, with no grace
    /// (introspection calls it active; revocation by another client is refused for it).
    public func isLive(_ presentedHash: [UInt8], at now: Int64) -> Bool {
        decide(presentedHash: presentedHash, at: now, graceSeconds: 0) == .rotate
    }
}
