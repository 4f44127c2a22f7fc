#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Synchronization

/// An HTTP/1.1 server on epoll: event loops that own their connections, a bounded worker pool for slow
/// handlers, graceful shutdown on SIGTERM/SIGINT, an access log and Prometheus metrics (DESIGN.md "Request path").
///
/// ```swift
/// let server = HTTPServer(configuration: configuration, router: router, middleware: [RequestIDMiddleware()])
/// let port = try server.start()   // bound; port 0 in the configuration picks a free one
/// try server.run()                // returns once SIGTERM/SIGINT or shutdown() has drained the server
/// ```
public final class HTTPServer: Sendable {
    public let configuration: Configuration
    /// Where the server records its own metrics; render it from a `/metrics` route.
    public let metrics: MetricsRegistry
    /// The routes it serves (read-only after start: `Router.routes` lists them).
    public let router: Router
    let middleware: [any HTTPMiddleware]
    let workers: WorkerPool

    private enum Phase: Sendable {
        case created
        case running(loops: [EventLoop], signals: ShutdownSignal?)
        case stopped
    }

    private let phase = Mutex(Phase.created)
    private let openConnections = Atomic<Int>(0)
    private let pausedLoops = Mutex<[EventLoop]>([])
    private let loopsFinished = DispatchSemaphore(value: 0)

    public init(configuration: Configuration = Configuration(), router: Router, middleware: [any HTTPMiddleware] = [],
                metrics: MetricsRegistry = MetricsRegistry()) {
        // Before any thread exists (the worker pool starts its threads right below), so every thread of the
        // server inherits the mask and only the signal thread ever sees SIGTERM/SIGINT.
        if configuration.handlesSignals { ShutdownSignal.blockSignals() }
        self.configuration = configuration
        self.router = router
        self.middleware = middleware
        self.metrics = metrics
        workers = WorkerPool(threads: configuration.workerThreadCount,
                             capacity: configuration.workerThreadCount * configuration.workerQueueDepthPerThread,
                             niceness: configuration.workerNiceness)
    }

    deinit {
        // A server that was never run still owns worker threads.
        workers.shutdown()
    }

    /// Binds the listening socket, starts the loops that share it and returns the bound port. Throws `EADDRINUSE`
    /// (from `bind`) when another socket, in this process or any other, already listens on the address.
    ///
    /// With `handlesSignals`, `init` blocked SIGTERM and SIGINT in its thread: create the server on the main thread
    /// before starting other threads, so that no thread of the process takes those signals by default.
    @discardableResult
    public func start() throws(SystemError) -> UInt16 {
        try phase.withLock { phase throws(SystemError) -> UInt16 in
            if case .running(let loops, _) = phase, let first = loops.first { return first.port }
            guard case .created = phase else { throw SystemError(call: "HTTPServer.start", errno: EALREADY) }
            let listener = try Listener(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
            var loops: [EventLoop] = []
            for index in 0..<max(1, configuration.eventLoopCount) {
                loops.append(try EventLoop(index: index, server: self, listener: listener))
            }
            for loop in loops {
                NamedThread.start("postern-loop-\(loop.index)") { loop.run() }
            }
            let signals = configuration.handlesSignals ? ShutdownSignal { [weak self] _ in self?.shutdown() } : nil
            phase = .running(loops: loops, signals: signals)
            return listener.port
        }
    }

    /// Starts the server if needed and blocks until it has shut down: every loop drained, every worker job done.
    public func run() throws(SystemError) {
        try start()
        let (loops, signals): ([EventLoop], ShutdownSignal?) = phase.withLock { phase in
            guard case .running(let loops, let signals) = phase else { return ([], nil) }
            return (loops, signals)
        }
        for _ in loops { loopsFinished.wait() }
        workers.shutdown()
        signals?.stop()
        phase.withLock { $0 = .stopped }
    }

    /// Starts a graceful shutdown and returns at once: no new connections, idle ones closed, in-flight requests
    /// finished (then their connections closed), everything closed after `shutdownTimeout`. Safe from any thread.
    public func shutdown() {
        let loops: [EventLoop] = phase.withLock { phase in
            guard case .running(let loops, _) = phase else { return [] }
            return loops
        }
        for loop in loops { loop.execute { $0.beginShutdown() } }
    }

    // MARK: For the loops

    func loopFinished() {
        loopsFinished.signal()
    }

    /// Takes one of the `maxConnections` slots; false at the limit.
    func reserveConnection() -> Bool {
        let (_, open) = openConnections.wrappingAdd(1, ordering: .relaxed)
        if open <= configuration.maxConnections { return true }
        openConnections.wrappingSubtract(1, ordering: .relaxed)
        return false
    }

    /// Frees a slot and wakes the loops that paused accepting at the limit.
    func releaseConnection() {
        openConnections.wrappingSubtract(1, ordering: .relaxed)
        releasePaused()
    }

    /// Records that `loop` stopped accepting; if a slot freed up in the meantime it resumes at once, so a
    /// release between the failed reservation and this call cannot leave the loop paused forever.
    func pauseAccepting(on loop: EventLoop) {
        pausedLoops.withLock { $0.append(loop) }
        if openConnections.load(ordering: .relaxed) < configuration.maxConnections {
            releasePaused()
        }
    }

    private func releasePaused() {
        let paused: [EventLoop] = pausedLoops.withLock { loops in
            defer { loops.removeAll() }
            return loops
        }
        for loop in paused { loop.execute { $0.resumeAccepting() } }
    }
}
