/// One loop's handles on the server's metrics: the loop finds a (route, status) counter in its own dictionary
/// without taking the registry lock, and the atomics underneath are shared, so `/metrics` sums nothing.
final class LoopMetrics {
    private struct SeriesKey: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    /// RFC 9110 §9.3's methods and PATCH (RFC 5789), the most frequent first.
    private static let labelledMethods = ["POST", "GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"]

    private let registry: MetricsRegistry
    let openConnections: Gauge
    private var requests: [SeriesKey: Counter] = [:]
    private var latencies: [String: Histogram] = [:]

    init(registry: MetricsRegistry) {
        self.registry = registry
        openConnections = registry.gauge("postern_http_open_connections", help: "HTTP connections currently open.")
    }

    /// Counts one answered request under its route pattern (never the raw path: unbounded label values
    /// would grow the registry without limit) and records its latency.
    func record(route: String, method: String, status: Int, seconds: Double) {
        // The method too: RFC 9110 §9 lets any token be one, so those it does not define (and PATCH) share a label.
        let method = LoopMetrics.labelledMethods.contains(method) ? method : "OTHER"
        let key = SeriesKey(route: route, method: method, status: status)
        let counter: Counter
        if let cached = requests[key] {
            counter = cached
        } else {
            counter = registry.counter("postern_http_requests_total", help: "HTTP requests answered, by route pattern, method and status.",
                                       labels: ["route": route, "method": method, "status": String(status)])
            requests[key] = counter
        }
        counter.increment()
        let histogram: Histogram
        if let cached = latencies[route] {
            histogram = cached
        } else {
            histogram = registry.histogram("postern_http_request_duration_seconds",
                                           help: "Time from a complete request to its response being queued, by route pattern.",
                                           labels: ["route": route])
            latencies[route] = histogram
        }
        histogram.observe(seconds)
    }
}
