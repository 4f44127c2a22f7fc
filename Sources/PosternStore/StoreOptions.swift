/// Tuning for `FlatFileStore`; the defaults suit the server.
public struct StoreOptions: Sendable {
    /// Take a snapshot after this many frames…
    public var snapshotEveryFrames: Int = 50_000
    /// …or this many bytes of log, whichever comes first.
    public var snapshotEveryBytes: Int = 64 << 20
    /// Where recovery warnings go (a torn tail cut off).
    public var warn: @Sendable (String) -> Void = { _ in }
    /// The clock for audit times and snapshot expiry.
    public var now: @Sendable () -> Int64 = { Int64(time(nil)) }

    public init() {}
}

#if canImport(Glibc)
import Glibc
#endif
