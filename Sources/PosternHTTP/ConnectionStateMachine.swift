/// The life of one HTTP/1.1 connection as a pure value: its mutating methods take what happened (bytes read,
/// the peer closed, a response was queued) and return what to do next. It makes no syscall, so every path is
/// testable without a socket; `Connection` performs its actions.
///
/// Requests on a connection are handled one at a time, in arrival order: pipelined requests wait in the parser's
/// buffer until the previous response is queued. RFC 9112 §9.3.2: "A server MUST send its responses to those
/// requests in the same order that the requests were received", and this way a slow worker-pool request cannot
/// be overtaken, and a pipelining client cannot make the server hold more than one response per connection.
struct ConnectionStateMachine {
    /// What the driver must do next.
    enum Action: Equatable {
        /// The parser needs more bytes: read, or wait for the socket to become readable.
        case readMore
        /// Nothing to do until a handler completes or the socket becomes writable.
        case wait
        /// RFC 9110 §10.1.1: the client sent `Expect: 100-continue` and waits for `100 Continue` before the body.
        case sendContinue
        /// Run the handler on the loop thread and call `responseQueued(keepAlive:)` with its response.
        case runInline(HTTPRequest)
        /// Hand the request to the worker pool; call `responseQueued(keepAlive:)` when its response arrives.
        case dispatchToWorker(HTTPRequest)
        /// The request was malformed or over a limit: answer with the error's status, then close.
        case rejectRequest(HTTPParseError)
        /// Flush what is queued, then close the connection.
        case close
    }

    /// Which clock runs against the connection right now.
    enum Timeout: Equatable {
        /// A request has started (or the connection is new) and must arrive whole in time (slowloris).
        case requestRead
        /// Kept alive between requests.
        case idle
        /// A handler is running: the server is the slow party, so no client timeout applies.
        case none
    }

    private enum State: Equatable {
        /// Between requests or receiving one.
        case reading
        /// A request is with its handler.
        case processing
        /// The last response is queued; close once it is written.
        case closing
    }

    private var parser: RequestParser
    private var state = State.reading
    private var peerClosed = false
    private var draining = false
    private var servedRequests = 0
    /// Bumped whenever the current timeout starts afresh, so the driver knows to restart the clock even when the
    /// kind did not change (idle → request → idle in one read).
    private(set) var timeoutEpoch: UInt32 = 0

    init(limits: HTTPLimits) {
        parser = RequestParser(limits: limits)
    }

    var timeout: Timeout {
        switch state {
        case .processing, .closing: .none
        case .reading: servedRequests > 0 && !parser.hasPartialRequest ? .idle : .requestRead
        }
    }

    /// Bytes arrived from the peer.
    mutating func received(_ bytes: UnsafeRawBufferPointer) {
        let wasIdle = !parser.hasPartialRequest
        parser.append(bytes)
        // The read timeout runs from a request's first byte; later bytes do not extend it, or a client sending
        // one byte every few seconds would hold the connection forever (slowloris).
        if wasIdle, servedRequests > 0, state == .reading { timeoutEpoch &+= 1 }
    }

    /// The peer shut down its sending side (read returned 0).
    mutating func peerClosedInput() {
        peerClosed = true
    }

    /// The server is shutting down: finish the request in hand, then close.
    /// Returns true when the connection is idle and can be closed right away.
    mutating func beginDraining() -> Bool {
        draining = true
        return state == .reading && !parser.hasPartialRequest
    }

    /// The next thing to do; `execution` says where a request's handler runs.
    mutating func nextAction(execution: (HTTPRequest) -> HandlerExecution) -> Action {
        switch state {
        case .processing:
            return .wait
        case .closing:
            return .close
        case .reading:
            break
        }
        if draining, !parser.hasPartialRequest {
            state = .closing
            return .close
        }
        switch parser.nextEvent() {
        case .request(let request):
            state = .processing
            timeoutEpoch &+= 1
            switch execution(request) {
            case .inline: return .runInline(request)
            case .worker: return .dispatchToWorker(request)
            }
        case .expectContinue:
            return .sendContinue
        case .error(let error):
            state = .closing
            return .rejectRequest(error)
        case nil:
            if peerClosed {
                state = .closing
                return .close
            }
            return .readMore
        }
    }

    /// Whether the response to `request` may leave the connection open. RFC 9112 §9.3: HTTP/1.1 persists unless
    /// either side says `Connection: close`; HTTP/1.0 persistence is legacy (§C.2.2), so the server closes.
    func keepAlive(after request: HTTPRequest, responseCloses: Bool) -> Bool {
        !(responseCloses || draining || peerClosed || request.version != .http1_1 || request.wantsClose)
    }

    /// The response to the current request is queued for writing.
    mutating func responseQueued(keepAlive: Bool) {
        servedRequests += 1
        timeoutEpoch &+= 1
        state = keepAlive ? .reading : .closing
    }
}
