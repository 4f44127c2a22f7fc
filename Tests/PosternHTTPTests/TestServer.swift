import Dispatch
import Foundation
import Synchronization
@testable import PosternHTTP

/// A real `HTTPServer` on 127.0.0.1 and a free port for one test; `run()` runs on its own thread and the
/// fixture checks that it returns after `shutdown()`.
final class TestServer: Sendable {
    let server: HTTPServer
    let port: UInt16
    private let returned = DispatchSemaphore(value: 0)

    init(routes: [String: (HandlerExecution, HTTPHandler)], middleware: [any HTTPMiddleware] = [],
         configure: (inout HTTPServer.Configuration) -> Void = { _ in }) throws {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.eventLoopCount = 2
        configuration.workerThreadCount = 2
        configuration.accessLog = false
        configuration.handlesSignals = false
        configure(&configuration)
        var router = Router()
        // The server tests are about connections, not routing: each path answers GET (and so HEAD) and POST.
        for (path, (execution, handler)) in routes {
            router.add(.get, path, execution: execution, handler)
            router.add(.post, path, execution: execution, handler)
        }
        server = HTTPServer(configuration: configuration, router: router, middleware: middleware)
        port = try server.start()
        let server = server, returned = returned
        let thread = Thread {
            try? server.run()
            returned.signal()
        }
        thread.start()
    }

    /// Shuts down and waits (generously) for `run()` to return; false if it did not.
    @discardableResult
    func stop(within seconds: Double = 30) -> Bool {
        server.shutdown()
        return returned.wait(timeout: .now() + seconds) == .success
    }

    static func text(_ body: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, body: Array(body.utf8))
    }
}
