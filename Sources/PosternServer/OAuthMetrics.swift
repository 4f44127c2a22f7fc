import PosternCore
import PosternHTTP

/// Token-endpoint metrics (issue: tokens issued by grant, failures by error), registered once at start-up.
struct OAuthMetrics: Sendable {
    private let issued: [String: Counter]
    private let failed: [String: Counter]

    init(_ registry: MetricsRegistry) {
        issued = Dictionary(uniqueKeysWithValues: GrantType.allCases.map {
            ($0.rawValue, registry.counter("postern_tokens_issued_total", help: "Access tokens issued, by grant type.",
                                           labels: ["grant": $0.rawValue]))
        })
        failed = Dictionary(uniqueKeysWithValues: PosternError.Code.allCases.map {
            ($0.rawValue, registry.counter("postern_token_errors_total", help: "Token-endpoint requests refused, by error code.",
                                           labels: ["error": $0.rawValue]))
        })
    }

    func recordIssued(grant: String?) {
        if let grant { issued[grant]?.increment() }
    }

    func recordFailure(_ error: PosternError) {
        failed[error.code.rawValue]?.increment()
    }
}
