import PosternCore
import PosternHTTP
import PosternStore

/// Token-endpoint metrics, registered once at start-up: tokens issued by grant and failures by error (issue 5), and
/// from API.md "Operations" logins by result and store commit latency.
struct OAuthMetrics: Sendable {
    private let issued: [String: Counter]
    private let failed: [String: Counter]
    private let logins: [String: Counter]
    private let commitSeconds: Histogram

    init(_ registry: MetricsRegistry) {
        issued = Dictionary(uniqueKeysWithValues: GrantType.allCases.map {
            ($0.rawValue, registry.counter("postern_tokens_issued_total", help: "Access tokens issued, by grant type.",
                                           labels: ["grant": $0.rawValue]))
        })
        failed = Dictionary(uniqueKeysWithValues: PosternError.Code.allCases.map {
            ($0.rawValue, registry.counter("postern_token_errors_total", help: "Token-endpoint requests refused, by error code.",
                                           labels: ["error": $0.rawValue]))
        })
        logins = Dictionary(uniqueKeysWithValues: LoginResult.allCases.map {
            ($0.rawValue, registry.counter("postern_logins_total",
                                           help: "Password checks, by result: success, failure (wrong or unknown credentials), throttled.",
                                           labels: ["result": $0.rawValue]))
        })
        commitSeconds = registry.histogram("postern_store_commit_seconds",
                                           help: "From a request's state commit to its fsync (group commit included).")
    }

    /// Counts a refusal (and, for the password grant, the login it refused), when it is answered.
    func recordFailure(_ error: PosternError, grant: String?) {
        failed[error.code.rawValue]?.increment()
        if grant == GrantType.password.rawValue, let result = LoginResult(error) { logins[result.rawValue]?.increment() }
    }

    /// A commit that was lost: answered 500, so counted as `server_error`.
    private static let lostCommit = PosternError(.serverError)

    /// Counts the outcome once its commit is durable (a commit that fails is answered 500 and issued nothing), and
    /// how long the fsync took to come.
    func recordWhenDurable(_ committed: Committed<TokenResponse>, grant: String?) {
        let outcome: PosternError? = if case .failure(let error) = committed.outcome { error } else { nil }
        // A grace replay answers the pair issued before: nothing new to count.
        let replay = if case .success(let response) = committed.outcome { response.isReplay } else { false }
        let wroteSomething = committed.durability !== Durability.immediate
        committed.durability.whenDone { [self] failure in
            if wroteSomething {
                let elapsed = ContinuousClock.now - committed.committedAt
                commitSeconds.observe(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            if failure != nil {
                recordFailure(Self.lostCommit, grant: grant)
            } else if let outcome {
                recordFailure(outcome, grant: grant)
            } else if !replay {
                if let grant { issued[grant]?.increment() }
                if grant == GrantType.password.rawValue { logins[LoginResult.success.rawValue]?.increment() }
            }
        }
    }

    /// What a password check came to; other refusals (a missing parameter, a bad scope) checked no password.
    private enum LoginResult: String, CaseIterable {
        case success, failure, throttled

        init?(_ error: PosternError) {
            switch error.code {
            case .invalidGrant: self = .failure
            // Only the password grant's own throttle: a 429 from client authentication checked no password.
            case .rateLimited where error.debugText == PasswordGrant.throttledDebugText: self = .throttled
            default: return nil
            }
        }
    }
}
