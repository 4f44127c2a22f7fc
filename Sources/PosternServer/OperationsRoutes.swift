import PosternCore
import PosternHTTP

/// `/healthz` (process up), `/readyz` (store open, keys loaded), `/metrics` (Prometheus text), `/openapi.json`.
enum OperationsRoutes {
    static func register(_ service: AuthorizationService, metrics: MetricsRegistry, on router: inout Router) {
        router.add(.get, "/healthz") { _, _ in .json(200, Array("{\"status\":\"ok\"}".utf8)) }
        router.add(.get, "/readyz") { _, _ in
            service.keys.published.accessTokenSigner == nil
                ? .json(503, Array("{\"status\":\"starting\"}".utf8))
                : .json(200, Array("{\"status\":\"ready\"}".utf8))
        }
        router.add(.get, "/metrics") { _, _ in
            HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "text/plain; version=0.0.4")]),
                         body: Array(metrics.render().utf8))
        }
        router.add(.get, "/openapi.json") { _, _ in .json(200, OpenAPIDocument.body) }
    }
}
