import Synchronization

/// A Prometheus histogram with fixed upper bounds: an observation is two atomic adds and one CAS, no lock.
public final class Histogram: Sendable {
    /// Upper bounds in seconds, suited to request latency from 100 µs to 10 s.
    public static let latencyBuckets: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// Sorted finite upper bounds; `+Inf` is implied.
    public let upperBounds: [Double]
    /// One non-cumulative count per bound plus the `+Inf` overflow; cumulated at render time.
    private let buckets: [Counter]
    private let total = Counter()
    /// The sum as the bit pattern of a Double, updated by compare-and-swap.
    private let sumBits = Atomic<UInt64>(0)

    public init(upperBounds: [Double] = Histogram.latencyBuckets) {
        self.upperBounds = upperBounds.sorted()
        self.buckets = (0...upperBounds.count).map { _ in Counter() }
    }

    public func observe(_ value: Double) {
        var index = 0
        while index < upperBounds.count, value > upperBounds[index] { index += 1 }
        buckets[index].increment()
        total.increment()
        var current = sumBits.load(ordering: .relaxed)
        while true {
            let next = (Double(bitPattern: current) + value).bitPattern
            let (exchanged, original) = sumBits.compareExchange(expected: current, desired: next, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    public var count: UInt64 { total.value }
    public var sum: Double { Double(bitPattern: sumBits.load(ordering: .relaxed)) }

    /// Cumulative counts per bound, `+Inf` last, as the exposition format wants them.
    public var cumulativeCounts: [UInt64] {
        var running: UInt64 = 0
        return buckets.map { running &+= $0.value; return running }
    }
}
