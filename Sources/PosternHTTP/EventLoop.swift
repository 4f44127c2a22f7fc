internal import CLinux
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// One thread that owns every connection it accepted from the shared listening socket: it reads, parses, runs
/// inline handlers, writes and enforces timeouts, and never blocks (DESIGN.md "Request path").
///
/// epoll is edge-triggered for connections: each socket is registered once for input and output, so a request
/// costs no epoll_ctl call, not even when a write hits EAGAIN. The price is that the driver must read and write
/// until EAGAIN and remember readiness itself (`Connection.mayRead`/`mayWrite`). The listener is level-triggered
/// so that pausing accepts at the connection limit is just removing it from the set, and exclusive (EPOLLEXCLUSIVE)
/// so that a connection wakes one waiting loop, not all of them; a loop that loses the race gets EAGAIN.
final class EventLoop: @unchecked Sendable {
    // @unchecked: every stored `var` is touched only on the loop's own thread; other threads reach the loop only
    // through `execute(_:)`, which goes through the `tasks` Mutex and the eventfd.
    typealias Task = @Sendable (EventLoop) -> Void

    private static let listenerToken = UInt64.max
    private static let wakeToken = UInt64.max - 1
    private static let readBufferSize = 64 * 1024

    let index: Int
    let server: HTTPServer
    /// The port the listener is bound to.
    let port: UInt16
    private let epoll: Int32
    private let wakeDescriptor: Int32
    private var listener: Listener?
    private let tasks = Mutex<[Task]>([])
    private var runningTasks: [Task] = []

    /// Connections indexed by descriptor: a lookup per event is one array access.
    private var connections: [Connection?] = []
    private var liveConnections = 0
    private var nextGeneration: UInt32 = 0
    private var accepting = false
    private(set) var draining = false
    private var shutdownDeadline = UInt64.max
    private var finished = false

    var clock = LoopClock()
    private var wheel: TimerWheel
    private var dueTimers: [TimerWheel.Entry] = []
    /// Shared by every connection of this loop: a read lands here and is fed to the parser at once.
    let readBuffer: UnsafeMutableRawBufferPointer
    /// Access-log lines of this iteration, written to stderr in one write(2) at the end of it.
    var accessLog: [UInt8] = []
    let metrics: LoopMetrics

    init(index: Int, server: HTTPServer, listener: Listener) throws(SystemError) {
        self.index = index
        self.server = server
        self.listener = listener
        port = listener.port
        epoll = try SystemCall.retrying("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        do throws(SystemError) {
            wakeDescriptor = try SystemCall.retrying("eventfd") { eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)) }
        } catch {
            SystemCall.close(epoll)
            throw error
        }
        readBuffer = .allocate(byteCount: Self.readBufferSize, alignment: 16)
        wheel = TimerWheel(now: clock.now)
        metrics = LoopMetrics(registry: server.metrics)
        try control(EPOLL_CTL_ADD, wakeDescriptor, events: EPOLLIN.rawValue, token: Self.wakeToken)
        try startAccepting()
    }

    deinit {
        readBuffer.deallocate()
        SystemCall.close(wakeDescriptor)
        SystemCall.close(epoll)
    }

    // MARK: Cross-thread entry

    /// Runs `task` on the loop's thread at its next iteration (worker completions, shutdown steps).
    func execute(_ task: @escaping Task) {
        let wasEmpty = tasks.withLock { queue in
            queue.append(task)
            return queue.count == 1
        }
        // One wake-up per batch: later tasks find the eventfd already signalled.
        if wasEmpty {
            var one: UInt64 = 1
            _ = try? SystemCall.retrying("write") { write(wakeDescriptor, &one, 8) }
        }
    }

    // MARK: The loop

    /// Runs until the loop has drained after `beginShutdown()`.
    func run() {
        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        while !finished {
            // Timers only matter while connections exist; an empty loop sleeps until an accept or a task.
            let timeout: Int32 = liveConnections > 0 ? Int32(TimerWheel.tickNanoseconds / 1_000_000) : -1
            let count = (try? SystemCall.retrying("epoll_wait") { epoll_wait(epoll, events, Int32(capacity), timeout) }) ?? 0
            clock.update()
            for offset in 0..<Int(count) {
                let event = events[offset]
                switch event.data.u64 {
                case Self.listenerToken: acceptConnections()
                case Self.wakeToken: drainWakeups()
                default: handle(event.events, descriptor: Int32(truncatingIfNeeded: event.data.u64))
                }
            }
            runTasks()
            wheel.collectExpired(now: clock.now, into: &dueTimers)
            for entry in dueTimers { timerFired(entry) }
            dueTimers.removeAll(keepingCapacity: true)
            if draining, clock.now >= shutdownDeadline { closeAll() }
            flushAccessLog()
            if draining, liveConnections == 0 { finished = true }
        }
        stopAccepting()
        listener = nil
        server.loopFinished()
    }

    private func drainWakeups() {
        var value: UInt64 = 0
        _ = try? SystemCall.retrying("read") { read(wakeDescriptor, &value, 8) }
    }

    private func runTasks() {
        tasks.withLock { swap(&$0, &runningTasks) }
        for task in runningTasks { task(self) }
        runningTasks.removeAll(keepingCapacity: true)
    }

    private func control(_ operation: Int32, _ descriptor: Int32, events: UInt32, token: UInt64) throws(SystemError) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = token
        _ = try SystemCall.retrying("epoll_ctl") { epoll_ctl(epoll, operation, descriptor, &event) }
    }

    // MARK: Accepting

    private func startAccepting() throws(SystemError) {
        guard !accepting, !draining, let listener else { return }
        // EPOLLEXCLUSIVE allows only ADD and DEL, never MOD: pausing and resuming are exactly those.
        try control(EPOLL_CTL_ADD, listener.descriptor, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue,
                    token: Self.listenerToken)
        accepting = true
    }

    private func stopAccepting() {
        guard accepting, let listener else { return }
        try? control(EPOLL_CTL_DEL, listener.descriptor, events: 0, token: 0)
        accepting = false
    }

    /// Called (as a task) when a slot frees up after this loop paused at the connection limit.
    func resumeAccepting() {
        try? startAccepting()
        if accepting { acceptConnections() }
    }

    private func acceptConnections() {
        guard let listener else { return }
        // A bounded batch keeps one busy listener from starving the connections already open.
        for _ in 0..<64 {
            // DESIGN.md "Limits": at most 10,000 connections; new ones wait in the backlog. Not accepting (and
            // leaving the listener out of epoll) is what makes them wait there.
            guard server.reserveConnection() else {
                stopAccepting()
                server.pauseAccepting(on: self)
                return
            }
            guard let (descriptor, peer) = (try? listener.accept()) ?? nil else {
                server.releaseConnection()
                return
            }
            register(descriptor, peer: peer)
        }
    }

    private func register(_ descriptor: Int32, peer: String) {
        do throws(SystemError) {
            let events = EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue
            try control(EPOLL_CTL_ADD, descriptor, events: events, token: UInt64(descriptor))
        } catch {
            SystemCall.close(descriptor)
            server.releaseConnection()
            return
        }
        let slot = Int(descriptor)
        if slot >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: slot + 1 - connections.count))
        }
        nextGeneration &+= 1
        let connection = Connection(descriptor: descriptor, generation: nextGeneration, peer: peer,
                                    limits: server.configuration.limits)
        connections[slot] = connection
        liveConnections += 1
        metrics.openConnections.increment()
        connection.drive(on: self)
    }

    // MARK: Connections

    private func handle(_ events: UInt32, descriptor: Int32) {
        guard Int(descriptor) < connections.count, let connection = connections[Int(descriptor)] else { return }
        connection.handle(events: events, on: self)
    }

    /// The live connection for a completion that was started earlier, unless it was closed meanwhile.
    func connection(descriptor: Int32, generation: UInt32) -> Connection? {
        guard Int(descriptor) < connections.count, let connection = connections[Int(descriptor)],
              connection.generation == generation else { return nil }
        return connection
    }

    /// Forgets and closes a connection; frees its slot under the connection limit.
    func remove(_ connection: Connection) {
        guard connections[Int(connection.descriptor)] === connection else { return }
        connections[Int(connection.descriptor)] = nil
        SystemCall.close(connection.descriptor)
        liveConnections -= 1
        metrics.openConnections.decrement()
        server.releaseConnection()
    }

    /// Files `connection`'s deadline in the wheel unless an entry at or before it is already filed.
    func schedule(_ connection: Connection) {
        if let tick = connection.scheduledTick, tick <= TimerWheel.tick(of: connection.deadline) { return }
        connection.scheduledTick = wheel.schedule(descriptor: connection.descriptor, generation: connection.generation,
                                                  deadline: connection.deadline)
    }

    private func timerFired(_ entry: TimerWheel.Entry) {
        guard let connection = connection(descriptor: entry.descriptor, generation: entry.generation),
              connection.scheduledTick == entry.tick else { return }
        connection.scheduledTick = nil
        if connection.deadline <= clock.now {
            connection.timedOut(on: self)
        } else if connection.deadline != .max {
            schedule(connection)
        }
    }

    // MARK: Shutdown

    /// Stops accepting, closes idle connections and lets busy ones finish their current request.
    func beginShutdown() {
        guard !draining else { return }
        draining = true
        shutdownDeadline = clock.now + server.configuration.shutdownTimeout.nanoseconds
        stopAccepting()
        listener = nil
        for connection in connections.compactMap({ $0 }) { connection.drain(on: self) }
    }

    /// The shutdown deadline passed: close whatever is still open.
    private func closeAll() {
        for connection in connections.compactMap({ $0 }) { remove(connection) }
    }

    private func flushAccessLog() {
        guard !accessLog.isEmpty else { return }
        accessLog.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                guard let written = try? SystemCall.retrying("write", {
                    write(2, bytes.baseAddress! + offset, bytes.count - offset)
                }), written > 0 else { break }
                offset += written
            }
        }
        accessLog.removeAll(keepingCapacity: true)
    }
}
