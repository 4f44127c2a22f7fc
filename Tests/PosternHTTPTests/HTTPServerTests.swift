#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import PosternHTTP
import PosternTestSupport

@Suite struct HTTPServerTests {
    private static let get = "GET / HTTP/1.1\r\nHost: t\r\n\r\n"

    private static let routes: [String: (HandlerExecution, HTTPHandler)] = [
        "/": (.inline, { _, _ in TestServer.text("root") }),
        "/healthz": (.inline, { _, _ in TestServer.text(#"{"status":"ok"}"#) }),
        "/slow": (.worker, { _, _ in
            usleep(300_000)
            return TestServer.text("slow")
        }),
        "/echo": (.inline, { request, _ in HTTPResponse(status: 200, body: request.body) }),
        "/thread": (.inline, { _, _ in
            TestServer.text((try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "")
        }),
        "/client": (.inline, { _, context in TestServer.text(context.clientAddress) }),
        "/client-on-worker": (.worker, { _, context in TestServer.text(context.clientAddress) }),
    ]

    /// Names the peer and the header it was handed, so a test sees that both reached it.
    private struct EchoingResolver: ClientAddressResolver {
        func clientAddress(peer: String, headers: HTTPHeaders) -> String {
            "\(peer) for \(headers.first("X-Forwarded-For") ?? "-")"
        }
    }

    /// Inline handlers run on an event loop that the kernel knows by name (top -H, perf).
    @Test func eventLoopsCarryTheirNameToTheKernel() throws {
        let fixture = try TestServer(routes: Self.routes)
        defer { #expect(fixture.stop()) }
        let client = try RawClient(port: fixture.port)
        try client.send("GET /thread HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().bodyText.hasPrefix("postern-loop-"))
    }

    @Test func keepAliveServesTwoRequestsOnOneConnection() throws {
        let fixture = try TestServer(routes: Self.routes)
        defer { #expect(fixture.stop()) }
        let client = try RawClient(port: fixture.port)
        try client.send(Self.get)
        #expect(try client.readResponse().bodyText == "root")
        try client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        let second = try client.readResponse()
        #expect(second.status == 200)
        #expect(second.bodyText == #"{"status":"ok"}"#)
        #expect(second.header("Date") != nil)
    }

    @Test func pipelinedResponsesKeepRequestOrderAroundASlowWorkerHandler() throws {
        let fixture = try TestServer(routes: Self.routes)
        defer { #expect(fixture.stop()) }
        let client = try RawClient(port: fixture.port)
        try client.send(Self.get + "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n" + "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().bodyText == "root")
        #expect(try client.readResponse().bodyText == "slow")
        #expect(try client.readResponse().bodyText == #"{"status":"ok"}"#)
    }

    @Test func expectContinueGetsInterimResponseBeforeTheBody() throws {
        let fixture = try TestServer(routes: Self.routes)
        defer { #expect(fixture.stop()) }
        let client = try RawClient(port: fixture.port)
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        let interim = try client.readResponse()
        #expect(interim.status == 100)
        try client.send("hello")
        let final = try client.readResponse()
        #expect(final.status == 200)
        #expect(final.bodyText == "hello")
    }

    @Test func headGetsHeadersButNoBody() throws {
        let fixture = try TestServer(routes: Self.routes)
        defer { #expect(fixture.stop()) }
        let client = try RawClient(port: fixture.port)
        try client.send("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try client.readResponse(head: true)
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == "4")
        // Had the server sent the body anyway, this would read "root" as the next status line.
        try client.send(Self.get)
        #expect(try client.readResponse().bodyText == "root")
    }

    @Test func http10RequestIsAnsweredThenClosed() throws {
        let fixture = try TestServer(routes: Self.routes)
        defer { #expect(fixture.stop()) }
        let client = try RawClient(port: fixture.port)
        try client.send("GET / HTTP/1.0\r\n\r\n")
        #expect(try client.readResponse().bodyText == "root")
        #expect(client.isClosedByServer())
    }

    @Test(arguments: [
        ("GARBAGE\r\n\r\n", 400),
        // Bare LFs: answered at once, not at the read timeout (no CRLFCRLF ever comes).
        ("GET / HTTP/1.1\nHost: t\n\n", 400),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n", 413),
    ])
    func badRequestGetsItsStatusAsJSONThenClose(request: String, status: Int) throws {
        let fixture = try TestServer(routes: Self.routes)
        defer { #expect(fixture.stop()) }
        let client = try RawClient(port: fixture.port)
        try client.send(request)
        let response = try client.readResponse()
        #expect(response.status == status)
        #expect(response.bodyText.hasPrefix(#"{"error":"#))
        #expect(client.isClosedByServer())
    }

    @Test func oversizedBodyAlreadySentStillGets413() throws {
        let fixture = try TestServer(routes: Self.routes)
        defer { #expect(fixture.stop()) }
        let client = try RawClient(port: fixture.port)
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: 100_000)
        try client.send(Array("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n".utf8) + body)
        #expect(try client.readResponse().status == 413)
        #expect(client.isClosedByServer())
    }

    @Test func slowlorisClientIsCutAtTheRequestReadTimeout() throws {
        let fixture = try TestServer(routes: Self.routes) { $0.requestReadTimeout = .seconds(1) }
        defer { #expect(fixture.stop()) }
        let client = try RawClient(port: fixture.port)
        let started = ContinuousClock.now
        try client.send("GET / HTTP/1.1\r\nHost: t\r\n")
        // One header byte every 200 ms: each byte would reset a naive per-read timeout.
        var cut = false
        for _ in 0..<100 {
            usleep(200_000)
            if (try? client.send("X")) == nil { cut = true; break }
            if client.hasInput(within: 0) { cut = client.isClosedByServer(); if cut { break } }
        }
        let elapsed = ContinuousClock.now - started
        #expect(cut)
        #expect(elapsed >= .milliseconds(900))
        #expect(elapsed < .seconds(15))
    }

    @Test func keptAliveConnectionOutlivesItsFirstRequestReadDeadline() throws {
        // The entry filed at accept for the 1 s read deadline fires while the connection is idle with a later
        // deadline; the loop must re-file it, not close the connection (nor trip over its own timer wheel).
        let fixture = try TestServer(routes: Self.routes) {
            $0.requestReadTimeout = .seconds(1)
            $0.idleTimeout = .seconds(30)
        }
        defer { #expect(fixture.stop()) }
        let client = try RawClient(port: fixture.port)
        try client.send(Self.get)
        #expect(try client.readResponse().status == 200)
        usleep(1_600_000)
        try client.send(Self.get)
        #expect(try client.readResponse().bodyText == "root")
    }

    @Test func thousandConcurrentConnectionsEachGetTheirAnswer() throws {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < 4096 {
            limit.rlim_cur = min(4096, limit.rlim_max)
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        let fixture = try TestServer(routes: Self.routes)
        defer { #expect(fixture.stop()) }
        let clients = try (0..<1000).map { _ in try RawClient(port: fixture.port) }
        for (index, client) in clients.enumerated() {
            try client.send("GET /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(String(index).utf8.count)\r\n\r\n\(index)")
        }
        for (index, client) in clients.enumerated() {
            #expect(try client.readResponse().bodyText == String(index))
        }
    }

    @Test func shutdownLetsAnInFlightWorkerRequestFinish() throws {
        let started = DispatchSemaphore(value: 0)
        let routes: [String: (HandlerExecution, HTTPHandler)] = [
            "/slow": (.worker, { _, _ in
                started.signal()
                usleep(500_000)
                return TestServer.text("finished")
            }),
        ]
        let fixture = try TestServer(routes: routes)
        let client = try RawClient(port: fixture.port)
        let idle = try RawClient(port: fixture.port)
        try client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(started.wait(timeout: .now() + 20) == .success)
        fixture.server.shutdown()
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.bodyText == "finished")
        #expect(response.header("Connection")?.lowercased() == "close")
        #expect(client.isClosedByServer())
        #expect(idle.isClosedByServer())
        #expect(fixture.stop())
    }

    @Test func fullWorkerQueueAnswers503AtOnce() throws {
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let routes: [String: (HandlerExecution, HTTPHandler)] = [
            "/block": (.worker, { _, _ in
                started.signal()
                release.wait()
                return TestServer.text("done")
            }),
        ]
        let fixture = try TestServer(routes: routes, middleware: [RequestIDMiddleware(), SecurityHeadersMiddleware()]) {
            $0.workerThreadCount = 1
            $0.workerQueueDepthPerThread = 1
        }
        defer {
            for _ in 0..<2 { release.signal() }
            #expect(fixture.stop())
        }
        let running = try RawClient(port: fixture.port)
        try running.send("GET /block HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(started.wait(timeout: .now() + 20) == .success)
        let queued = try RawClient(port: fixture.port)
        try queued.send("GET /block HTTP/1.1\r\nHost: t\r\n\r\n")
        for _ in 0..<400 where fixture.server.workers.queuedCount < 1 { usleep(50_000) }
        #expect(fixture.server.workers.queuedCount == 1)
        let refused = try RawClient(port: fixture.port)
        try refused.send("GET /block HTTP/1.1\r\nHost: t\r\nX-Request-Id: trace-503\r\n\r\n")
        let response = try refused.readResponse()
        #expect(response.status == 503)
        #expect(response.header("Retry-After") == "1")
        #expect(response.bodyText.contains(#""error":"overloaded""#))
        // API.md: every response carries its request id and `Cache-Control: no-store`, this one too.
        #expect(response.header("X-Request-Id") == "trace-503")
        #expect(response.header("Cache-Control") == "no-store")
    }

    /// Bytes that never became a request still get the headers every response carries, with a new request id.
    @Test func refusedRequestsCarryTheRequestIdAndSecurityHeaders() throws {
        let fixture = try TestServer(routes: Self.routes, middleware: [RequestIDMiddleware(), SecurityHeadersMiddleware()])
        defer { #expect(fixture.stop()) }
        let heads = ["NOT A REQUEST\r\n\r\n", "GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
                     "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999\r\n\r\n"]
        var ids: Set<String> = []
        for head in heads {
            let client = try RawClient(port: fixture.port)
            try client.send(head)
            let response = try client.readResponse()
            #expect(response.status >= 400 && response.status < 500, "\(head)")
            let id = response.header("X-Request-Id") ?? ""
            #expect(RequestIDMiddleware.isSafe(id) && id.count == 20, "\(head)")
            ids.insert(id)
            #expect(response.header("Cache-Control") == "no-store", "\(head)")
            #expect(response.header("X-Content-Type-Options") == "nosniff", "\(head)")
        }
        #expect(ids.count == heads.count)
    }

    @Test func metricsCountRequestsByRouteAndStatus() throws {
        let fixture = try TestServer(routes: Self.routes)
        defer { #expect(fixture.stop()) }
        let client = try RawClient(port: fixture.port)
        for _ in 0..<3 {
            try client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try client.readResponse()
        }
        let text = fixture.server.metrics.render()
        #expect(text.contains(#"postern_http_requests_total{method="GET",route="/healthz",status="200"} 3"#))
        #expect(text.contains(#"postern_http_request_duration_seconds_count{route="/healthz"} 3"#))
        #expect(text.contains("postern_http_open_connections 1"))
    }

    /// RFC 9110 §9: any token is a method. Labelled as sent, each new one would be a series kept for the life of the
    /// process, so a client could grow the registry (and every scrape) without limit, as raw paths would.
    @Test func unregisteredMethodTokensShareOneMetricsLabel() throws {
        let fixture = try TestServer(routes: Self.routes)
        defer { #expect(fixture.stop()) }
        let client = try RawClient(port: fixture.port)
        for i in 0..<20 {
            try client.send("M\(i)ETHOD /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().status == 405)
        }
        try client.send("DELETE /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try client.readResponse()
        let text = fixture.server.metrics.render()
        #expect(!text.contains("ETHOD"))
        #expect(text.contains(#"postern_http_requests_total{method="OTHER",route="/healthz",status="405"} 20"#))
        #expect(text.contains(#"postern_http_requests_total{method="DELETE",route="/healthz",status="405"} 1"#))
    }

    /// A 405 is counted under the route its path matched (literal or patterned, never the raw path); only a path no
    /// route matches is counted under "-".
    @Test func methodNotAllowedIsCountedUnderTheMatchedRoute() throws {
        var routes = Self.routes
        routes["/clients/{id}"] = (.inline, { _, _ in TestServer.text("client") })
        let fixture = try TestServer(routes: routes)
        defer { #expect(fixture.stop()) }
        let client = try RawClient(port: fixture.port)
        for request in ["DELETE /healthz", "PUT /clients/cli_a", "PUT /clients/cli_b", "GET /clients/cli_a", "DELETE /nowhere"] {
            try client.send("\(request) HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try client.readResponse()
        }
        let text = fixture.server.metrics.render()
        #expect(text.contains(#"postern_http_requests_total{method="DELETE",route="/healthz",status="405"} 1"#), "\(text)")
        #expect(text.contains(#"postern_http_requests_total{method="PUT",route="/clients/{id}",status="405"} 2"#), "\(text)")
        #expect(text.contains(#"postern_http_requests_total{method="GET",route="/clients/{id}",status="200"} 1"#), "\(text)")
        #expect(text.contains(#"postern_http_requests_total{method="DELETE",route="-",status="404"} 1"#), "\(text)")
        #expect(!text.contains("cli_a") && !text.contains("nowhere"))
        #expect(text.contains(#"postern_http_request_duration_seconds_count{route="/clients/{id}"} 3"#), "\(text)")
    }

    @Test func connectionsPastTheLimitWaitInTheBacklogUntilASlotFrees() throws {
        let fixture = try TestServer(routes: Self.routes) { $0.maxConnections = 2 }
        defer { #expect(fixture.stop()) }
        let first = try RawClient(port: fixture.port)
        let second = try RawClient(port: fixture.port)
        for client in [first, second] {
            try client.send(Self.get)
            #expect(try client.readResponse().status == 200)
        }
        // The kernel completes the handshake into the backlog, but the server must not accept a third connection.
        let third = try RawClient(port: fixture.port)
        try third.send(Self.get)
        #expect(!third.hasInput(within: 500))
        try first.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        #expect(try first.readResponse().status == 200)
        #expect(try third.readResponse().bodyText == "root")
    }

    /// The socket peer is the client unless a resolver is configured; then its answer is, for inline and worker
    /// handlers alike (and for the access log, which reads the same context).
    @Test func clientAddressIsThePeerUnlessAResolverAnswers() throws {
        let request = { (path: String) in "GET \(path) HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 198.51.100.1\r\n\r\n" }
        let plain = try TestServer(routes: Self.routes)
        defer { #expect(plain.stop()) }
        let direct = try RawClient(port: plain.port)
        for path in ["/client", "/client-on-worker"] {
            try direct.send(request(path))
            #expect(try direct.readResponse().bodyText == "127.0.0.1", "\(path)")
        }
        let resolving = try TestServer(routes: Self.routes) { $0.clientAddressResolver = EchoingResolver() }
        defer { #expect(resolving.stop()) }
        let proxied = try RawClient(port: resolving.port)
        for path in ["/client", "/client-on-worker"] {
            try proxied.send(request(path))
            #expect(try proxied.readResponse().bodyText == "127.0.0.1 for 198.51.100.1", "\(path)")
        }
    }

    @Test func listensOnIPv6Loopback() throws {
        let fixture = try TestServer(routes: Self.routes) { $0.host = "::1" }
        defer { #expect(fixture.stop()) }
        let client = try RawClient(port: fixture.port, ipv6: true)
        try client.send(Self.get)
        #expect(try client.readResponse().bodyText == "root")
    }

    /// A server asked for a port that another server listens on fails to start, rather than silently sharing it
    /// (with SO_REUSEPORT the kernel would have split the connections between them), and the first keeps serving.
    @Test(arguments: [("127.0.0.1", "127.0.0.1"), ("127.0.0.1", "0.0.0.0"), ("::1", "::1")])
    func aSecondServerOnATakenPortFailsAndTheFirstKeepsServing(first: String, second: String) throws {
        let fixture = try TestServer(routes: Self.routes) { $0.host = first }
        defer { #expect(fixture.stop()) }
        var configuration = HTTPServer.Configuration()
        configuration.host = second
        configuration.port = fixture.port
        configuration.eventLoopCount = 2
        configuration.handlesSignals = false
        let intruder = HTTPServer(configuration: configuration, router: Router())
        #expect(throws: SystemError(call: "bind", errno: EADDRINUSE)) { try intruder.start() }
        // Every new connection reaches the first server (and each of its loops accepts from the one socket).
        for _ in 0..<8 {
            let client = try RawClient(port: fixture.port, ipv6: first.contains(":"))
            try client.send(Self.get)
            #expect(try client.readResponse().bodyText == "root")
        }
    }

    @Test func unknownHostIsAnErrorNotACrash() {
        var configuration = HTTPServer.Configuration()
        configuration.host = "not-an-address"
        configuration.port = 0
        configuration.handlesSignals = false
        let server = HTTPServer(configuration: configuration, router: Router())
        #expect(throws: SystemError.self) { try server.start() }
    }

    @Test func resetsAndGarbageFromManyClientsLeaveTheServerServing() throws {
        let fixture = try TestServer(routes: Self.routes)
        defer { #expect(fixture.stop()) }
        var generator = SystemRandomNumberGenerator()
        for index in 0..<60 {
            let client = try RawClient(port: fixture.port)
            switch index % 3 {
            case 0:
                try client.send((0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) })
            case 1:
                // Reset while a worker-pool handler is still running for this connection.
                try client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
            default:
                try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nhalf")
            }
            client.reset()
        }
        let client = try RawClient(port: fixture.port)
        try client.send(Self.get)
        #expect(try client.readResponse().bodyText == "root")
    }
}
