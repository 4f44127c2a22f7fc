import Synchronization

/// A Prometheus gauge: a level that goes up and down (open connections, queue depth), lock-free.
public final class Gauge: Sendable {
    private let level = Atomic<Int64>(0)

    public init() {}

    public func increment(by amount: Int64 = 1) {
        level.wrappingAdd(amount, ordering: .relaxed)
    }

    public func decrement(by amount: Int64 = 1) {
        level.wrappingSubtract(amount, ordering: .relaxed)
    }

    public func set(_ value: Int64) {
        level.store(value, ordering: .relaxed)
    }

    public var value: Int64 { level.load(ordering: .relaxed) }
}
