import PosternCore
import PosternHTTP

/// `/oauth/token`, `/oauth/introspect`, `/oauth/revoke` (RFC 6749, RFC 7662, RFC 7009).
enum OAuthRoutes {
    static func register(_ service: AuthorizationService, metrics registry: MetricsRegistry, on router: inout Router) {
        let metrics = OAuthMetrics(registry)
        // Worker pool: these wait for a durable commit (and the password grant hashes).
        router.add(.post, "/oauth/token", execution: .worker) { request, context in
            let tokenRequest = try OAuthRequestDecoding.tokenRequest(request, context: context, allowJSON: true)
            let response: TokenResponse
            do {
                response = try service.token.handle(tokenRequest)
            } catch let error as PosternError {
                metrics.recordFailure(error)
                throw error
            }
            metrics.recordIssued(grant: tokenRequest.parameters.first { $0.name == "grant_type" }?.value)
            // RFC 6749 §5.1: "Cache-Control: no-store" and "Pragma: no-cache".
            var http = HTTPResponse.json(200, response.json)
            http.headers.add("Pragma", "no-cache")
            return http
        }
        router.add(.post, "/oauth/introspect", execution: .worker) { request, context in
            .json(200, try service.introspection.handle(OAuthRequestDecoding.tokenRequest(request, context: context, allowJSON: false)))
        }
        router.add(.post, "/oauth/revoke", execution: .worker) { request, context in
            try service.revocation.handle(OAuthRequestDecoding.tokenRequest(request, context: context, allowJSON: false))
            return HTTPResponse(status: 200)
        }
    }
}
