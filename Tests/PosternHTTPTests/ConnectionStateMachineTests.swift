import Testing
@testable import PosternHTTP

@Suite struct ConnectionStateMachineTests {
    private enum Step: Equatable {
        case readMore, wait, sendContinue, inline, worker, reject, close
    }

    private static func step(_ action: ConnectionStateMachine.Action) -> Step {
        switch action {
        case .readMore: .readMore
        case .wait: .wait
        case .sendContinue: .sendContinue
        case .runInline: .inline
        case .dispatchToWorker: .worker
        case .rejectRequest: .reject
        case .close: .close
        }
    }

    private static func feed(_ machine: inout ConnectionStateMachine, _ text: String) {
        Array(text.utf8).withUnsafeBytes { machine.received($0) }
    }

    private static func next(_ machine: inout ConnectionStateMachine, worker: Bool = false) -> ConnectionStateMachine.Action {
        machine.nextAction { _ in worker ? .worker : .inline }
    }

    /// The request the next action hands to a handler, or nil (and a recorded issue) for any other action.
    private static func handedOut(_ machine: inout ConnectionStateMachine, worker: Bool = false) -> HTTPRequest? {
        switch next(&machine, worker: worker) {
        case .runInline(let request) where !worker, .dispatchToWorker(let request) where worker:
            return request
        case let other:
            Issue.record("expected a request for \(worker ? "the worker pool" : "an inline handler"), got \(step(other))")
            return nil
        }
    }

    @Test func newConnectionWaitsForARequestUnderTheReadTimeout() {
        var machine = ConnectionStateMachine(limits: HTTPLimits())
        #expect(Self.step(Self.next(&machine)) == .readMore)
        #expect(machine.timeout == .requestRead)
    }

    @Test func pipelinedRequestsAreHandedOutOneAtATime() {
        var machine = ConnectionStateMachine(limits: HTTPLimits())
        Self.feed(&machine, "GET /a HTTP/1.1\r\nHost: t\r\n\r\nGET /b HTTP/1.1\r\nHost: t\r\n\r\n")
        guard let first = Self.handedOut(&machine, worker: true) else { return }
        // Until the worker's response is queued, the second request must wait (RFC 9112 §9.3.2 order).
        #expect(Self.step(Self.next(&machine)) == .wait)
        #expect(machine.timeout == .none)
        machine.responseQueued(keepAlive: machine.keepAlive(after: first, responseCloses: false))
        #expect(Self.step(Self.next(&machine)) == .inline)
    }

    @Test func keepAliveEndsForHTTP10CloseRequestsAndDraining() {
        var machine = ConnectionStateMachine(limits: HTTPLimits())
        Self.feed(&machine, "GET / HTTP/1.0\r\n\r\n")
        guard let request = Self.handedOut(&machine) else { return }
        #expect(!machine.keepAlive(after: request, responseCloses: false))
        machine.responseQueued(keepAlive: false)
        #expect(Self.step(Self.next(&machine)) == .close)
    }

    @Test func idleConnectionSwitchesToIdleTimeoutAndBackOnTheNextRequestsFirstByte() {
        var machine = ConnectionStateMachine(limits: HTTPLimits())
        Self.feed(&machine, "GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        guard let request = Self.handedOut(&machine) else { return }
        machine.responseQueued(keepAlive: machine.keepAlive(after: request, responseCloses: false))
        #expect(Self.step(Self.next(&machine)) == .readMore)
        #expect(machine.timeout == .idle)
        let epoch = machine.timeoutEpoch
        Self.feed(&machine, "GET / HT")
        #expect(machine.timeout == .requestRead)
        #expect(machine.timeoutEpoch != epoch)
        // Later bytes of the same request do not restart the clock (slowloris).
        let started = machine.timeoutEpoch
        Self.feed(&machine, "TP/1.1\r\n")
        #expect(machine.timeoutEpoch == started)
    }

    @Test func expectContinueComesBeforeTheRequest() {
        var machine = ConnectionStateMachine(limits: HTTPLimits())
        Self.feed(&machine, "POST /e HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n")
        #expect(Self.step(Self.next(&machine)) == .sendContinue)
        #expect(Self.step(Self.next(&machine)) == .readMore)
        Self.feed(&machine, "ok")
        #expect(Self.step(Self.next(&machine)) == .inline)
    }

    @Test(arguments: ["GARBAGE\r\n\r\n", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 999999999\r\n\r\n"])
    func malformedInputIsRejectedThenClosed(input: String) {
        var machine = ConnectionStateMachine(limits: HTTPLimits())
        Self.feed(&machine, input)
        #expect(Self.step(Self.next(&machine)) == .reject)
        machine.responseQueued(keepAlive: false)
        #expect(Self.step(Self.next(&machine)) == .close)
    }

    @Test func peerCloseMidRequestCloses() {
        var machine = ConnectionStateMachine(limits: HTTPLimits())
        Self.feed(&machine, "GET / HTTP/1.1\r\n")
        machine.peerClosedInput()
        #expect(Self.step(Self.next(&machine)) == .close)
    }

    @Test func drainingClosesIdleConnectionsAndFinishesBusyOnes() {
        var idle = ConnectionStateMachine(limits: HTTPLimits())
        let idleCloses = idle.beginDraining()
        #expect(idleCloses)

        var busy = ConnectionStateMachine(limits: HTTPLimits())
        Self.feed(&busy, "GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        guard let request = Self.handedOut(&busy, worker: true) else { return }
        let busyCloses = busy.beginDraining()
        #expect(!busyCloses)
        #expect(!busy.keepAlive(after: request, responseCloses: false))
        busy.responseQueued(keepAlive: false)
        #expect(Self.step(Self.next(&busy)) == .close)
    }
}
