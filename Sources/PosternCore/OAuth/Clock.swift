import Foundation

/// The time source of the domain, injected so tests can move time (STYLE.md habit 8).
public protocol Clock: Sendable {
    /// Seconds since the Unix epoch.
    func now() -> Int64
}

/// The wall clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
