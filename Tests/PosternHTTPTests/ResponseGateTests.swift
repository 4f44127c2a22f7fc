import Dispatch
import Foundation
import Synchronization
import Testing
@testable import PosternHTTP
import PosternTestSupport

/// A gated response is computed inline and sent from the loop once the gate opens, without a thread waiting.
@Suite struct ResponseGateTests {
    /// A gate the test opens by hand; `subscribed` tells when the handler has run.
    final class ManualGate: Sendable {
        private let opener = Mutex<ResponseGate.Opener?>(nil)
        let subscribed = DispatchSemaphore(value: 0)

        var gate: ResponseGate {
            ResponseGate { open in
                self.opener.withLock { $0 = open }
                self.subscribed.signal()
            }
        }

        func open(_ succeeded: Bool) {
            opener.withLock { $0 }?(succeeded)
        }
    }

    private func fixture(_ manual: ManualGate) throws -> TestServer {
        try TestServer(routes: [
            "/": (.inline, { _, _ in TestServer.text("root") }),
            "/gated": (.inline, { _, _ in
                var response = HTTPResponse.json(200, Array(#"{"done":true}"#.utf8))
                response.headers.add("X-Request-Id", "req-7")
                response.gate = manual.gate
                return response
            }),
        ])
    }

    /// Sends the gated request (plus `then`, pipelined) and waits until its handler has subscribed to the gate.
    private func sendGated(to fixture: TestServer, _ manual: ManualGate, then: String = "") throws -> RawClient {
        let client = try RawClient(port: fixture.port)
        try client.send("POST /gated HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n" + then)
        #expect(manual.subscribed.wait(timeout: .now() + 10) == .success)
        return client
    }

    @Test func theResponseWaitsForTheGateAndPipelinedRequestsWaitBehindIt() throws {
        let manual = ManualGate()
        let fixture = try fixture(manual)
        defer { #expect(fixture.stop()) }
        let client = try sendGated(to: fixture, manual, then: "GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        // Neither the gated answer nor the pipelined one behind it may leave before the gate opens.
        #expect(!client.hasInput(within: 300))
        // Meanwhile the loop serves other connections.
        let other = try RawClient(port: fixture.port)
        try other.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try other.readResponse().bodyText == "root")
        manual.open(true)
        let gated = try client.readResponse()
        #expect(gated.status == 200 && gated.bodyText == #"{"done":true}"#)
        #expect(try client.readResponse().bodyText == "root")
    }

    @Test func aFailedGateSendsA500InsteadKeepingTheMiddlewareHeaders() throws {
        let manual = ManualGate()
        let fixture = try fixture(manual)
        defer { #expect(fixture.stop()) }
        let client = try sendGated(to: fixture, manual)
        manual.open(false)
        let response = try client.readResponse()
        #expect(response.status == 500)
        #expect(response.bodyText == #"{"error":"server_error","error_description":"Internal server error"}"#)
        #expect(response.header("X-Request-Id") == "req-7")
        #expect(response.header("Content-Type") == "application/json")
        // The connection stays usable.
        try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().bodyText == "root")
    }

    @Test func aGateOpeningAfterTheClientLeftIsHarmless() throws {
        let manual = ManualGate()
        let fixture = try fixture(manual)
        defer { #expect(fixture.stop()) }
        try sendGated(to: fixture, manual).reset()
        usleep(100_000)
        manual.open(true)
        let next = try RawClient(port: fixture.port)
        try next.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try next.readResponse().bodyText == "root")
    }
}
