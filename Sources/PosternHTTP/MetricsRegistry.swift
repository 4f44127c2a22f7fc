import Synchronization

/// Holds every metric of the process and renders them for `/metrics` in the Prometheus text format 0.0.4.
///
/// Looking a series up takes a lock; updating it does not. Hot paths look a series up once and keep it.
public final class MetricsRegistry: Sendable {
    /// The Content-Type a `/metrics` route should answer with.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private enum Metric: Sendable {
        case counter(Counter)
        case gauge(Gauge)
        case histogram(Histogram)

        var typeName: String {
            switch self {
            case .counter: "counter"
            case .gauge: "gauge"
            case .histogram: "histogram"
            }
        }
    }

    private struct Family: Sendable {
        let name: String
        let help: String
        let typeName: String
        /// Series in creation order, keyed by their rendered label set.
        var series: [(labels: String, metric: Metric)] = []
        var index: [String: Int] = [:]
    }

    private struct State: Sendable {
        var families: [Family] = []
        var index: [String: Int] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// The counter `name{labels}`, created on first use.
    public func counter(_ name: String, help: String, labels: [String: String] = [:]) -> Counter {
        let metric = series(name, help: help, labels: labels, typeName: "counter") { .counter(Counter()) }
        guard case .counter(let counter) = metric else { preconditionFailure("metric \(name) is not a counter") }
        return counter
    }

    /// The gauge `name{labels}`, created on first use.
    public func gauge(_ name: String, help: String, labels: [String: String] = [:]) -> Gauge {
        let metric = series(name, help: help, labels: labels, typeName: "gauge") { .gauge(Gauge()) }
        guard case .gauge(let gauge) = metric else { preconditionFailure("metric \(name) is not a gauge") }
        return gauge
    }

    /// The histogram `name{labels}`, created on first use with `upperBounds`.
    public func histogram(_ name: String, help: String, labels: [String: String] = [:],
                          upperBounds: [Double] = Histogram.latencyBuckets) -> Histogram {
        let metric = series(name, help: help, labels: labels, typeName: "histogram") {
            .histogram(Histogram(upperBounds: upperBounds))
        }
        guard case .histogram(let histogram) = metric else { preconditionFailure("metric \(name) is not a histogram") }
        return histogram
    }

    private func series(_ name: String, help: String, labels: [String: String], typeName: String,
                        make: () -> Metric) -> Metric {
        let key = Self.render(labels: labels)
        return state.withLock { state in
            let familyIndex: Int
            if let existing = state.index[name] {
                familyIndex = existing
                // A name has one type for the whole process (exposition format 0.0.4: one TYPE line per family).
                precondition(state.families[existing].typeName == typeName, "metric \(name) registered with two types")
            } else {
                familyIndex = state.families.count
                state.families.append(Family(name: name, help: help, typeName: typeName))
                state.index[name] = familyIndex
            }
            if let seriesIndex = state.families[familyIndex].index[key] {
                return state.families[familyIndex].series[seriesIndex].metric
            }
            let metric = make()
            state.families[familyIndex].index[key] = state.families[familyIndex].series.count
            state.families[familyIndex].series.append((key, metric))
            return metric
        }
    }

    /// Every family as `# HELP`, `# TYPE` and one line per series (histograms: buckets, sum, count).
    public func render() -> String {
        let families = state.withLock { $0.families }
        var out = ""
        for family in families {
            out += "# HELP \(family.name) \(Self.escape(family.help, quotes: false))\n"
            out += "# TYPE \(family.name) \(family.typeName)\n"
            for (labels, metric) in family.series {
                switch metric {
                case .counter(let counter):
                    out += "\(family.name)\(Self.braced(labels)) \(counter.value)\n"
                case .gauge(let gauge):
                    out += "\(family.name)\(Self.braced(labels)) \(gauge.value)\n"
                case .histogram(let histogram):
                    let counts = histogram.cumulativeCounts
                    let prefix = labels.isEmpty ? "" : labels + ","
                    for (bound, count) in zip(histogram.upperBounds, counts) {
                        out += "\(family.name)_bucket{\(prefix)le=\"\(Self.format(bound))\"} \(count)\n"
                    }
                    out += "\(family.name)_bucket{\(prefix)le=\"+Inf\"} \(counts.last ?? 0)\n"
                    out += "\(family.name)_sum\(Self.braced(labels)) \(Self.format(histogram.sum))\n"
                    out += "\(family.name)_count\(Self.braced(labels)) \(histogram.count)\n"
                }
            }
        }
        return out
    }

    private static func braced(_ labels: String) -> String {
        labels.isEmpty ? "" : "{\(labels)}"
    }

    /// `a="1",b="2"` with keys sorted, so one label set always names one series.
    private static func render(labels: [String: String]) -> String {
        labels.sorted { $0.key < $1.key }
            .map { "\($0.key)=\"\(escape($0.value, quotes: true))\"" }
            .joined(separator: ",")
    }

    // Exposition format 0.0.4: "label_value can be any sequence of UTF-8 characters, but the backslash (\),
    // double-quote ("), and line feed (\n) characters have to be escaped"; HELP text escapes only the first and last.
    private static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"" where quotes: out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    private static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
