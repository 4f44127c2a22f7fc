import PosternCore
import PosternHTTP
import PosternStore

/// `/oauth/token`, `/oauth/introspect`, `/oauth/revoke` (RFC 6749, RFC 7662, RFC 7009).
///
/// DESIGN.md "Request path": issuing a token is one SHA-256 and one ES256 signature, so it runs inline on the event
/// loop and its response waits for the durable commit behind a `ResponseGate`, with no thread parked; introspection
/// (one signature check) runs inline too. Only the password grant (a bounded scrypt) goes to the worker pool.
enum OAuthRoutes {
    static func register(_ service: AuthorizationService, metrics registry: MetricsRegistry, on router: inout Router) {
        let metrics = OAuthMetrics(registry)
        router.add(.post, "/oauth/token", executionFor: tokenExecution) { request, context in
            let tokenRequest = try OAuthRequestDecoding.tokenRequest(request, context: context, allowJSON: true)
            let grant = tokenRequest.parameters.first { $0.name == "grant_type" }?.value
            let committed: Committed<TokenResponse>
            do throws(PosternError) {
                committed = try service.token.handle(tokenRequest)
            } catch {
                metrics.recordFailure(error, grant: grant)
                throw error
            }
            // Counted once durable (before the gate opens: it registers later).
            metrics.recordWhenDurable(committed, grant: grant)
            var http: HTTPResponse
            switch committed.outcome {
            case .success(let response):
                // RFC 6749 §5.1: "Cache-Control: no-store" and "Pragma: no-cache".
                http = HTTPResponse.json(200, response.json)
                http.headers.add("Pragma", "no-cache")
            case .failure(let error):
                http = error.response
            }
            http.gate = ResponseGate(committed.durability)
            return http
        }
        router.add(.post, "/oauth/introspect") { request, context in
            .json(200, try service.introspection.handle(OAuthRequestDecoding.tokenRequest(request, context: context, allowJSON: false)))
        }
        router.add(.post, "/oauth/revoke") { request, context in
            let durability = try service.revocation.handle(OAuthRequestDecoding.tokenRequest(request, context: context, allowJSON: false))
            var http = HTTPResponse(status: 200)
            http.gate = ResponseGate(durability)
            return http
        }
    }

    /// The password grant hashes (scrypt, ~100 ms): the worker pool. Every other request, including one whose body
    /// does not even decode (it is answered with an error at once), runs inline.
    @Sendable static func tokenExecution(_ request: HTTPRequest) -> HandlerExecution {
        // Decoding changes only `%XX`, `+` and JSON's `\` escapes: a body with none of them and without the bytes
        // "password" cannot name the password grant, and skips a full decode (~2 % of a client_credentials request).
        if !request.body.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "\\") }),
           !contains(request.body, password) {
            return .inline
        }
        let parameters = try? OAuthRequestDecoding.bodyParameters(request, allowJSON: true)
        let grants = parameters?.filter { $0.name == "grant_type" }.map(\.value) ?? []
        return grants.contains(GrantType.password.rawValue) ? .worker : .inline
    }

    private static let password = Array(GrantType.password.rawValue.utf8)

    /// A plain scan: the standard library's generic subsequence search allocates, and cost more than it saved.
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}

extension ResponseGate {
    /// Opens when the store has made the commit durable, or reports failure if the store stopped first.
    convenience init(_ durability: Durability) {
        self.init { open in durability.whenDone { failure in open(failure == nil) } }
    }
}
