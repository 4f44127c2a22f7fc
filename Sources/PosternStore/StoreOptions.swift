/// Tuning for `FlatFileStore`; the defaults suit the server.
public struct StoreOptions: Sendable {
    /// Take a snapshot after this many frames…
    public var snapshotEveryFrames: Int = 50_000
    /// …or this many bytes of log, whichever comes first.
    public var snapshotEveryBytes: Int = 64 << 20
    /// How long the writer waits for more commits when fewer are queued than it wrote last time (0: never). They
    /// are usually committers just woken by the last batch, and sharing the next fsync beats each waiting for one.
    /// With 64 committers here it took (b) of `bench store` from ~27k to ~30–35k commits/s.
    public var commitDelayMicroseconds: UInt32 = 100
    /// While fsyncs are shared, start one at most this often (0: as soon as the last one ends); see `CommitPacing`.
    /// Each fsync's CPU comes out of whatever else runs: the server sets 1 ms, which took client_credentials ~20 %
    /// higher in `bench/run.sh token` (interleaved runs; refresh moved within the noise). The default suits
    /// committers that park a thread each, where a window only lengthens every cycle (it cost (b) of `bench store`
    /// ~20 %).
    public var syncIntervalMicroseconds: UInt32 = 0
    /// Where recovery warnings go (a torn tail cut off).
    public var warn: @Sendable (String) -> Void = { _ in }
    /// The clock for audit times and snapshot expiry.
    public var now: @Sendable () -> Int64 = { Int64(time(nil)) }

    public init() {}
}

#if canImport(Glibc)
import Glibc
#endif
