internal import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// The driver of one accepted socket: performs what its `ConnectionStateMachine` asks (read, write, run a
/// handler, dispatch to the worker pool, close), on its event loop's thread only.
final class Connection {
    /// RFC 9110 §15.2.1.
    private static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    /// Past this many unwritten bytes the driver stops handling requests until the socket drains, so a client
    /// that pipelines without reading cannot grow the buffer without bound.
    private static let outputHighWater = 256 * 1024

    let descriptor: Int32
    let generation: UInt32
    /// The socket peer's numeric address; a request's client address may differ (`ClientAddressResolver`).
    let peer: String
    private var machine: ConnectionStateMachine
    private var output: [UInt8] = []
    private var outputOffset = 0
    /// Edge-triggered readiness: set by an event, cleared by EAGAIN.
    private var mayRead = true
    private var mayWrite = true
    /// The peer's FIN has been signalled (EPOLLRDHUP): reads must go on until they return 0.
    private var peerHungUp = false
    /// After the last response: our side is shut down and input is read and dropped until EOF or the deadline,
    /// so the peer sees the response rather than a reset caused by unread request bytes.
    private var lingering = false
    private var seenTimeout: (ConnectionStateMachine.Timeout, UInt32, Bool)?
    /// Monotonic nanoseconds when the connection times out, `.max` for never.
    var deadline = UInt64.max
    /// The wheel tick of this connection's live timer entry, if one is filed.
    var scheduledTick: UInt64?
    /// The request being handled: its start time for the latency figures.
    private var requestStart: UInt64 = 0

    init(descriptor: Int32, generation: UInt32, peer: String, limits: HTTPLimits) {
        self.descriptor = descriptor
        self.generation = generation
        self.peer = peer
        machine = ConnectionStateMachine(limits: limits)
    }

    // MARK: Events

    func handle(events: UInt32, on loop: EventLoop) {
        if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
            loop.remove(self)
            return
        }
        if events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue) != 0 { mayRead = true }
        if events & EPOLLRDHUP.rawValue != 0 { peerHungUp = true }
        if events & EPOLLOUT.rawValue != 0 { mayWrite = true }
        drive(on: loop)
    }

    func timedOut(on loop: EventLoop) {
        loop.remove(self)
    }

    func drain(on loop: EventLoop) {
        if machine.beginDraining() { loop.remove(self) }
    }

    /// A worker-pool handler finished, or a gate opened; we are back on the loop thread.
    func completed(_ request: HTTPRequest, _ response: HTTPResponse, context: RequestContext, on loop: EventLoop) {
        deliver(response, for: request, context: context, on: loop)
        drive(on: loop)
    }

    /// Queues `response`, unless a gate holds it: then the machine stays in `processing` (no later pipelined request
    /// is started) until the gate opens and the loop gets the response back through `completed`.
    private func deliver(_ response: HTTPResponse, for request: HTTPRequest, context: RequestContext, on loop: EventLoop) {
        guard let gate = response.gate else {
            queue(response, for: request, context: context, on: loop)
            return
        }
        let descriptor = descriptor, generation = generation
        gate.whenOpen { succeeded in
            var opened = succeeded ? response : response.failedGateReplacement
            opened.gate = nil
            let released = opened
            loop.execute { loop in
                loop.connection(descriptor: descriptor, generation: generation)?
                    .completed(request, released, context: context, on: loop)
            }
        }
    }

    // MARK: Driving the state machine

    /// Performs actions until the machine needs something that has not happened yet.
    func drive(on loop: EventLoop) {
        if lingering {
            linger(on: loop)
            return
        }
        driving: while true {
            if output.count - outputOffset > Self.outputHighWater {
                guard flush(on: loop) else { return }
                if output.count - outputOffset > Self.outputHighWater { break driving }
            }
            switch machine.nextAction(execution: { loop.server.router.execution(for: $0) }) {
            case .readMore:
                guard mayRead else { break driving }
                guard read(on: loop) else { return }
            case .wait:
                break driving
            case .sendContinue:
                output.append(contentsOf: Self.continueBytes)
            case .runInline(let request):
                requestStart = LoopClock.monotonicNanoseconds()
                let context = loop.server.context(for: request, peer: peer)
                let response = loop.server.respond(to: request, context: context)
                deliver(response, for: request, context: context, on: loop)
            case .dispatchToWorker(let request):
                requestStart = LoopClock.monotonicNanoseconds()
                dispatch(request, on: loop)
            case .rejectRequest(let error):
                requestStart = LoopClock.monotonicNanoseconds()
                // No request, so no headers to believe: the peer is the client.
                let response = loop.server.respondUnparsed(error)
                queue(response, forHEAD: false, keepAlive: false, method: "-", route: "-",
                      requestID: response.headers.first("X-Request-Id") ?? "-", client: peer, on: loop)
            case .close:
                guard flush(on: loop) else { return }
                guard output.count == outputOffset else { break driving }
                beginLingering(on: loop)
                return
            }
        }
        guard flush(on: loop) else { return }
        restartTimerIfNeeded(on: loop)
    }

    private func dispatch(_ request: HTTPRequest, on loop: EventLoop) {
        let server = loop.server
        let context = server.context(for: request, peer: peer)
        let descriptor = descriptor, generation = generation
        let accepted = server.workers.submit {
            let response = server.respond(to: request, context: context)
            loop.execute { loop in
                loop.connection(descriptor: descriptor, generation: generation)?
                    .completed(request, response, context: context, on: loop)
            }
        }
        if !accepted {
            // API.md "Errors": 503 `overloaded` when the bounded work queue is full, with `Retry-After`.
            queue(server.respond(to: request, context: context, with: .overloaded), for: request, context: context, on: loop)
        }
    }

    /// Serialises a handler's response behind whatever is already queued.
    private func queue(_ response: HTTPResponse, for request: HTTPRequest, context: RequestContext, on loop: EventLoop) {
        let keepAlive = machine.keepAlive(after: request, responseCloses: response.closesConnection)
        queue(response, forHEAD: request.method == .head, keepAlive: keepAlive, method: request.method.rawValue,
              route: context.routePattern ?? "-",
              // The middleware sets the id inside the chain; the response's header is where it comes back out.
              requestID: response.headers.first("X-Request-Id") ?? context.requestID, client: context.clientAddress,
              on: loop)
    }

    /// Serialises a response, tells the machine, counts it and writes its access-log line.
    private func queue(_ response: HTTPResponse, forHEAD: Bool, keepAlive: Bool, method: String, route: String,
                       requestID: String, client: String, on loop: EventLoop) {
        let start = output.count
        response.serialize(into: &output, forHEAD: forHEAD, keepAlive: keepAlive, date: loop.clock.httpDate)
        machine.responseQueued(keepAlive: keepAlive)
        let elapsed = LoopClock.monotonicNanoseconds() &- requestStart
        let status = response.status.code
        loop.metrics.record(route: route, method: method, status: status, seconds: Double(elapsed) / 1e9)
        guard loop.server.configuration.accessLog else { return }
        AccessLogLine.append(to: &loop.accessLog, time: loop.clock.logTimestamp, requestID: requestID, method: method,
                             route: route, status: status, bytes: output.count - start,
                             microseconds: elapsed / 1000, client: client)
    }

    // MARK: I/O

    /// Reads once into the loop's buffer and feeds the machine. False when the connection was closed.
    private func read(on loop: EventLoop) -> Bool {
        let buffer = loop.readBuffer
        do throws(SystemError) {
            let count = try SystemCall.retrying("read") { Glibc.read(descriptor, buffer.baseAddress, buffer.count) }
            if count == 0 {
                machine.peerClosedInput()
                mayRead = false
            } else {
                machine.received(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                // A short read emptied the socket, and with edge triggering any later byte brings a new event, so
                // the read that would only return EAGAIN is skipped: one syscall less per request. Unless the FIN
                // is already in: its edge has passed, so only reading on finds the end of input.
                if count < buffer.count, !peerHungUp { mayRead = false }
            }
        } catch where error.wouldBlock {
            mayRead = false
        } catch {
            loop.remove(self)
            return false
        }
        return true
    }

    /// Writes queued bytes until done or EAGAIN. False when the connection was closed.
    private func flush(on loop: EventLoop) -> Bool {
        while outputOffset < output.count, mayWrite {
            do throws(SystemError) {
                let offset = outputOffset
                // MSG_NOSIGNAL: a peer that went away must cost an EPIPE, not the process (SIGPIPE).
                let written = try SystemCall.retrying("send") {
                    output.withUnsafeBytes { send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
                }
                outputOffset += written
            } catch where error.wouldBlock {
                mayWrite = false
            } catch {
                loop.remove(self)
                return false
            }
        }
        if outputOffset == output.count {
            output.removeAll(keepingCapacity: true)
            outputOffset = 0
        }
        return true
    }

    private func beginLingering(on loop: EventLoop) {
        lingering = true
        _ = shutdown(descriptor, Int32(SHUT_WR))
        deadline = loop.clock.now + min(loop.server.configuration.requestReadTimeout.nanoseconds, 2_000_000_000)
        loop.schedule(self)
        linger(on: loop)
    }

    private func linger(on loop: EventLoop) {
        let buffer = loop.readBuffer
        while mayRead {
            do throws(SystemError) {
                let count = try SystemCall.retrying("read") { Glibc.read(descriptor, buffer.baseAddress, buffer.count) }
                if count == 0 { break }
            } catch where error.wouldBlock {
                mayRead = false
                return
            } catch {
                break
            }
        }
        loop.remove(self)
    }

    private func restartTimerIfNeeded(on loop: EventLoop) {
        let blocked = output.count > outputOffset
        let current = (machine.timeout, machine.timeoutEpoch, blocked)
        if let seenTimeout, seenTimeout == current { return }
        seenTimeout = current
        let configuration = loop.server.configuration
        switch current.0 {
        case .requestRead: deadline = loop.clock.now + configuration.requestReadTimeout.nanoseconds
        case .idle: deadline = loop.clock.now + configuration.idleTimeout.nanoseconds
        // A peer that stops reading our response gets the idle allowance, then is cut.
        case .none: deadline = blocked ? loop.clock.now + configuration.idleTimeout.nanoseconds : .max
        }
        if deadline != .max { loop.schedule(self) }
    }
}
