import Testing
@testable import PosternHTTP

@Suite struct MetricsRegistryTests {
    @Test func rendersCountersAndGaugesInTextFormat() {
        let registry = MetricsRegistry()
        registry.counter("requests_total", help: "Requests.", labels: ["route": "/a", "status": "200"]).increment(by: 3)
        registry.counter("requests_total", help: "Requests.", labels: ["status": "200", "route": "/a"]).increment()
        registry.gauge("open", help: "Open.").set(7)
        let text = registry.render()
        #expect(text == """
        # HELP requests_total Requests.
        # TYPE requests_total counter
        requests_total{route="/a",status="200"} 4
        # HELP open Open.
        # TYPE open gauge
        open 7

        """)
    }

    @Test func histogramBucketsAreCumulativeWithInfSumAndCount() {
        let registry = MetricsRegistry()
        let histogram = registry.histogram("latency_seconds", help: "Latency.", labels: ["route": "/x"], upperBounds: [0.1, 1])
        histogram.observe(0.05)
        histogram.observe(0.5)
        histogram.observe(5)
        let text = registry.render()
        #expect(text.contains(#"latency_seconds_bucket{route="/x",le="0.1"} 1"#))
        #expect(text.contains(#"latency_seconds_bucket{route="/x",le="1"} 2"#))
        #expect(text.contains(#"latency_seconds_bucket{route="/x",le="+Inf"} 3"#))
        #expect(text.contains(#"latency_seconds_sum{route="/x"} 5.55"#))
        #expect(text.contains(#"latency_seconds_count{route="/x"} 3"#))
    }

    @Test func hostileLabelValuesAreEscaped() {
        let registry = MetricsRegistry()
        registry.counter("c", help: "Back\\slash\nnewline", labels: ["route": "a\"b\\c\nd"]).increment()
        let text = registry.render()
        #expect(text.contains(#"# HELP c Back\\slash\nnewline"#))
        #expect(text.contains(#"c{route="a\"b\\c\nd"} 1"#))
        #expect(text.split(separator: "\n").count == 3)
    }

    @Test func concurrentIncrementsAreNotLost() async {
        let registry = MetricsRegistry()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let counter = registry.counter("hits", help: "Hits.")
                    let histogram = registry.histogram("h", help: "H.")
                    for _ in 0..<10_000 {
                        counter.increment()
                        histogram.observe(0.001)
                    }
                }
            }
        }
        #expect(registry.counter("hits", help: "Hits.").value == 80_000)
        #expect(registry.histogram("h", help: "H.").count == 80_000)
        #expect(abs(registry.histogram("h", help: "H.").sum - 80) < 1e-6)
    }
}
