/// The pure next → active → retired state machine of the signing keys.
///
/// It decides; it does not generate keys or write files. `advance(now:)` returns the
/// transitions due at `now`, which the caller commits to the store and applies back
/// with `apply(_:)`, so replay after a restart reaches the same schedule.
public struct KeyRingSchedule: Codable, Sendable, Equatable {
    /// Timing rules, from configuration.
    public struct Policy: Codable, Sendable, Equatable {
        /// The JWKS `Cache-Control: max-age`: a new key waits this long before it signs.
        public var jwksMaxAge: Int64
        /// Automatic rotation period (API.md: every 90 days).
        public var rotationPeriod: Int64

        public init(jwksMaxAge: Int64 = 300, rotationPeriod: Int64 = 90 * 86_400) {
            self.jwksMaxAge = jwksMaxAge
            self.rotationPeriod = rotationPeriod
        }
    }

    /// How long a retired key stayed published when its activation record did not say: every log written before
    /// the removal time was recorded used this fixed value, so replaying such a log rebuilds the same schedule.
    static let unrecordedRetention: Int64 = 3600

    /// A change to the schedule; the store records these.
    public enum Transition: Codable, Sendable, Equatable {
        /// A new key is published. `activatesAt` is when it may sign.
        case publish(kid: String, at: Int64, activatesAt: Int64)
        /// `kid` starts signing; the previous active key (if any) retires at the same instant and leaves the JWKS
        /// at `retiredKeyRemoveAt` (nil in records written before it was recorded: `unrecordedRetention` after `at`).
        /// `tokenLifetime`, the lifetime configured then, stays with `kid` (`SigningKeyRecord.signedLifetime`).
        case activate(kid: String, at: Int64, retiredKeyRemoveAt: Int64?, tokenLifetime: Int64? = nil)
        /// The active `kid` signs tokens of up to `tokenLifetime` seconds from now on: the setting was raised while
        /// it was active, and its retention must count from the longest lifetime it ever signed under.
        case raiseLifetime(kid: String, tokenLifetime: Int64)
        /// `kid` leaves the JWKS.
        case remove(kid: String)
    }

    /// What the caller must do before `advance` can go on.
    public enum Need: Sendable, Equatable {
        /// Generate a key and commit `.publish` for it (first start: it activates at once).
        case newKey(activatesAt: Int64)
    }

    public private(set) var keys: [SigningKeyRecord] = []
    public var policy: Policy

    public init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// The key that signs at `now`, if any.
    public var activeKey: SigningKeyRecord? { keys.first { $0.state == .active } }

    /// Every key the JWKS must list: next, active and retired-but-not-removed.
    public var publishedKeys: [SigningKeyRecord] { keys }

    /// Whether a new key must be generated at `now`: on first start (no key at all) it
    /// signs at once, as no cache can hold an older JWKS; on a due automatic rotation
    /// it waits one JWKS max-age.
    public func need(at now: Int64) -> Need? {
        if keys.isEmpty { return .newKey(activatesAt: now) }
        if keys.contains(where: { $0.state == .next }) { return nil }
        if let active = activeKey, active.activatesAt + policy.rotationPeriod <= now {
            return .newKey(activatesAt: now + policy.jwksMaxAge)
        }
        return nil
    }

    /// A manual rotation (`postern keys rotate`, the admin API): the activation time of a
    /// new key, or nil when one is already waiting to activate.
    public func rotation(at now: Int64) -> Need? {
        if keys.isEmpty { return .newKey(activatesAt: now) }
        if keys.contains(where: { $0.state == .next }) { return nil }
        return .newKey(activatesAt: now + policy.jwksMaxAge)
    }

    /// The transitions due at `now`: activations whose time has come, a raised lifetime for the key that goes on
    /// signing, removals of keys whose last token has expired.
    ///
    /// `tokenLifetime` is the longest lifetime of a token the active key signs, as configured now. It is decided
    /// here and carried in the activation, not read when the record is applied: the configured lifetime may change
    /// between restarts, and replaying the log must rebuild the schedule the live server had.
    public func advance(now: Int64, tokenLifetime: Int64) -> [Transition] {
        var due: [Transition] = []
        if let next = keys.filter({ $0.state == .next && $0.activatesAt <= now }).max(by: { $0.activatesAt < $1.activatesAt }) {
            // API.md: a retired key stays published until every token it signed has expired. It signs until this
            // activation is committed, which maintenance does at `now`, up to a minute (or, if it keeps failing,
            // longer) after the planned time; and it may have signed under a longer lifetime than today's (the
            // setting was lowered since it started), which its own activation remembered.
            let signedFor = max(tokenLifetime, activeKey?.signedLifetime ?? 0)
            due.append(.activate(kid: next.kid, at: next.activatesAt,
                                 retiredKeyRemoveAt: max(now, next.activatesAt) + signedFor, tokenLifetime: tokenLifetime))
        } else if let active = activeKey, active.signedLifetime.map({ tokenLifetime > $0 }) ?? true {
            // It is about to sign longer-lived tokens than its activation remembered (or it never recorded any):
            // committed before it signs one, so lowering the setting again later cannot cut their keys' life short.
            due.append(.raiseLifetime(kid: active.kid, tokenLifetime: tokenLifetime))
        }
        for key in keys where key.state == .retired {
            if let removeAt = key.removeAt, removeAt <= now { due.append(.remove(kid: key.kid)) }
        }
        return due
    }

    /// Applies a committed transition. Transitions that no longer fit (a replayed duplicate) are ignored.
    public mutating func apply(_ transition: Transition) {
        switch transition {
        case let .publish(kid, at, activatesAt):
            guard !keys.contains(where: { $0.kid == kid }) else { return }
            keys.append(SigningKeyRecord(kid: kid, state: .next, publishedAt: at, activatesAt: activatesAt))
        case let .activate(kid, at, retiredKeyRemoveAt, tokenLifetime):
            guard let index = keys.firstIndex(where: { $0.kid == kid && $0.state == .next }) else { return }
            for i in keys.indices where keys[i].state == .active {
                keys[i].state = .retired
                keys[i].retiredAt = at
                keys[i].removeAt = retiredKeyRemoveAt ?? at + Self.unrecordedRetention
            }
            keys[index].state = .active
            keys[index].activatesAt = at
            keys[index].signedLifetime = tokenLifetime
        case let .raiseLifetime(kid, tokenLifetime):
            guard let index = keys.firstIndex(where: { $0.kid == kid && $0.state == .active }) else { return }
            keys[index].signedLifetime = max(keys[index].signedLifetime ?? 0, tokenLifetime)
        case let .remove(kid):
            keys.removeAll { $0.kid == kid && $0.state == .retired }
        }
    }
}
