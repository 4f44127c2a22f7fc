#if canImport(Glibc)
import Glibc
#endif

extension HTTPServer {
    /// Everything an `HTTPServer` can be tuned with; the defaults are the ones DESIGN.md "Limits" names.
    public struct Configuration: Sendable {
        /// A numeric IPv4 or IPv6 address to listen on.
        public var host: String = "127.0.0.1"
        /// 0 picks a free port; `HTTPServer.start()` reports the one it got.
        public var port: UInt16 = 8080
        /// Event-loop threads, each accepting from the one listening socket. Default: one per core.
        public var eventLoopCount: Int = Configuration.coreCount
        /// Threads for `.worker` handlers. Default: one per core.
        public var workerThreadCount: Int = Configuration.coreCount
        /// Added to the workers' nice value (up to 19): above 0 they yield the CPU to the event loops.
        public var workerNiceness: Int32 = 0
        /// Queued worker jobs allowed per worker thread before new ones get 503 `overloaded`.
        public var workerQueueDepthPerThread: Int = 64
        /// Open connections across all loops; past it new ones wait in the kernel backlog.
        public var maxConnections: Int = 10_000
        /// listen(2) backlog (the kernel caps it at net.core.somaxconn).
        public var backlog: Int32 = 4096
        /// Time allowed from a request's first byte (or a new connection) to its last (slowloris).
        public var requestReadTimeout: Duration = .seconds(10)
        /// How long a kept-alive connection may sit without a request.
        public var idleTimeout: Duration = .seconds(60)
        /// After a shutdown starts, in-flight requests get this long before their connections are closed.
        public var shutdownTimeout: Duration = .seconds(10)
        /// One JSON line per request on stderr.
        public var accessLog: Bool = true
        /// Collect SIGTERM/SIGINT and shut down gracefully; off for servers embedded in tests.
        public var handlesSignals: Bool = true
        /// Request-size limits the parser enforces.
        public var limits: HTTPLimits = HTTPLimits()
        /// Who the client is behind a proxy; nil: the socket peer, always.
        public var clientAddressResolver: (any ClientAddressResolver)?

        public init() {}

        /// Online CPUs, at least 1.
        public static var coreCount: Int {
            max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        }
    }
}
