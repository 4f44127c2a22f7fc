import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
@testable import PosternHTTP

struct Teapot: HTTPResponseRepresentableError {
    var response: HTTPResponse { .error(status: 418, code: "teapot", description: "short and stout") }
}

struct Secret: Error {}

@Suite struct RouterTests {
    var router: Router {
        var r = Router()
        r.add(.get, "/healthz") { _, _ in HTTPResponse(status: 200, body: Array("ok".utf8)) }
        r.add(.post, "/oauth/token", execution: .worker) { _, _ in HTTPResponse(status: 200) }
        r.add(.get, "/api/v1/clients/{id}") { _, c in HTTPResponse(status: 200, body: Array((c.pathParameters["id"] ?? "").utf8)) }
        r.add(.delete, "/api/v1/clients/{id}") { _, _ in HTTPResponse(status: 204) }
        r.add(.get, "/teapot") { _, _ in throw Teapot() }
        r.add(.get, "/boom") { _, _ in throw Secret() }
        return r
    }

    func respond(_ method: HTTPMethod, _ target: String) -> HTTPResponse {
        router.respond(to: HTTPRequest(method: method, target: target), context: RequestContext())
    }

    @Test func literalAndPatternedRoutes() {
        #expect(respond(.get, "/healthz").body == Array("ok".utf8))
        #expect(respond(.get, "/api/v1/clients/cli_a%2Fb").body == Array("cli_a/b".utf8))
        #expect(respond(.delete, "/api/v1/clients/x").status.code == 204)
        #expect(router.execution(for: HTTPRequest(method: .post, target: "/oauth/token")) == .worker)
        #expect(router.routePattern(for: HTTPRequest(method: .get, target: "/api/v1/clients/x?y")) == "/api/v1/clients/{id}")
        // 405: the path matched a route, so its pattern labels the request; 404 has none.
        #expect(router.routePattern(for: HTTPRequest(method: .put, target: "/api/v1/clients/x")) == "/api/v1/clients/{id}")
        #expect(router.routePattern(for: HTTPRequest(method: .delete, target: "/healthz")) == "/healthz")
        #expect(router.routePattern(for: HTTPRequest(method: .get, target: "/nope")) == nil)
    }

    @Test func aRouteCanChooseItsExecutionPerRequest() {
        var r = Router()
        r.add(.post, "/token", executionFor: { $0.body == Array("slow".utf8) ? .worker : .inline }) { _, _ in HTTPResponse(status: 200) }
        #expect(r.execution(for: HTTPRequest(method: .post, target: "/token", body: Array("slow".utf8))) == .worker)
        #expect(r.execution(for: HTTPRequest(method: .post, target: "/token", body: Array("fast".utf8))) == .inline)
        #expect(r.execution(for: HTTPRequest(method: .post, target: "/elsewhere", body: Array("slow".utf8))) == .inline)
    }

    @Test func headMatchesGet() {
        #expect(respond(.head, "/healthz").status.code == 200)
    }

    @Test func notFoundAndMethodNotAllowedUseTheErrorShape() {
        let nf = respond(.get, "/nope")
        #expect(nf.status.code == 404 && String(decoding: nf.body, as: UTF8.self).contains("\"error\":\"not_found\""))
        #expect(respond(.get, "/api/v1/clients/").status.code == 404)
        #expect(respond(.get, "/api/v1/clients/a/b").status.code == 404)
        let na = respond(.put, "/api/v1/clients/x")
        #expect(na.status.code == 405)
        #expect(na.headers.first("Allow") == "GET, DELETE, HEAD")
        #expect(String(decoding: na.body, as: UTF8.self).contains("method_not_allowed"))
    }

    @Test func errorsRenderThemselvesOrBecomeOpaque500s() {
        #expect(respond(.get, "/teapot").status.code == 418)
        let boom = respond(.get, "/boom")
        #expect(boom.status.code == 500)
        #expect(!String(decoding: boom.body, as: UTF8.self).contains("Secret"))
    }

    @Test func badPercentEncodingInAParameterIsNotFound() {
        #expect(respond(.get, "/api/v1/clients/%zz").status.code == 404)
    }

    /// The response hides the cause of a 500; stderr gets it, with the request id (fd 2 is pointed at a file for the
    /// moment of the call, and the line is found by its unique id).
    @Test func theCauseOfA500IsLoggedWithTheRequestId() throws {
        let path = "/tmp/postern-router-stderr-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let file = open(path, O_CREAT | O_RDWR | O_TRUNC, 0o600)
        #expect(file >= 0)
        defer { close(file); unlink(path) }
        let saved = dup(STDERR_FILENO)
        dup2(file, STDERR_FILENO)
        let id = "boom-\(UInt32.random(in: 0...UInt32.max))"
        let response = router.respond(to: HTTPRequest(method: .get, target: "/boom"), context: RequestContext(requestID: id))
        let teapot = router.respond(to: HTTPRequest(method: .get, target: "/teapot"), context: RequestContext(requestID: id + "-418"))
        dup2(saved, STDERR_FILENO)
        close(saved)
        #expect(response.status.code == 500 && teapot.status.code == 418)
        let logged = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let line = logged.split(separator: "\n").first { $0.contains(id) }.map(String.init) ?? ""
        #expect(line.contains(#""request_id":"\#(id)""#) && line.contains(#""route":"/boom""#) && line.contains("Secret"))
        // A 4xx is the client's doing, not a failure to log.
        #expect(!logged.contains(id + "-418"))
    }
}

@Suite struct FormDecoderTests {
    @Test func decodesPairsInOrderWithDuplicates() throws {
        let pairs = try FormDecoder.decode(Array("a=1&b=x+y%21&a=2&flag&&c=".utf8))
        #expect(pairs.map(\.name) == ["a", "b", "a", "flag", "c"])
        #expect(pairs.map(\.value) == ["1", "x y!", "2", "", ""])
        #expect(try FormDecoder.decode(Array("n=%C3%A9".utf8)).first?.value == "é")
        // Raw UTF-8 is taken as it is; `+` is a space in forms only.
        #expect(try FormDecoder.decode(Array("n=é+ü".utf8)).first?.value == "é ü")
        #expect(try FormDecoder.percentDecode(Array("a+b%2B".utf8)[...], plusIsSpace: false) == "a+b+")
        #expect(try FormDecoder.decode(Array("&&a=1&".utf8)).map(\.name) == ["a"])
    }

    @Test(arguments: [[UInt8(ascii: "a"), UInt8(ascii: "="), 0xff], [UInt8(ascii: "a"), UInt8(ascii: "="), 0],
                      [0xc3, UInt8(ascii: "="), UInt8(ascii: "1")]])
    func rawInvalidUTF8OrNulIsRejected(bytes: [UInt8]) {
        #expect(throws: FormDecoder.DecodingError.self) { try FormDecoder.decode(bytes) }
    }

    @Test(arguments: ["a=%zz", "a=%4", "a=%", "%FF=1", "a=%C3", "a=%00"])
    func rejectsMalformed(_ text: String) {
        #expect(throws: FormDecoder.DecodingError.self) { try FormDecoder.decode(Array(text.utf8)) }
    }
}

@Suite struct ResponseSerializationTests {
    func text(_ r: HTTPResponse, head: Bool = false, keepAlive: Bool = true) -> String {
        var out: [UInt8] = []
        r.serialize(into: &out, forHEAD: head, keepAlive: keepAlive, date: "Mon, 23 Nov 2026 08:00:00 GMT")
        return String(decoding: out, as: UTF8.self)
    }

    @Test func statusLineHeadersLengthAndBody() {
        let s = text(.json(200, Array("{}".utf8)))
        #expect(s == "HTTP/1.1 200 OK\r\nDate: Mon, 23 Nov 2026 08:00:00 GMT\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
    }

    @Test func lengthsInDecimalAndStatusLinesForEveryCode() {
        for n in [0, 1, 9, 10, 99, 100, 385, 1_000, 65_536, 1_048_576] {
            #expect(text(HTTPResponse(status: 200, body: [UInt8](repeating: 0x61, count: n)), head: true)
                .contains("\r\nContent-Length: \(n)\r\n"))
        }
        #expect(text(HTTPResponse(status: 503)).hasPrefix("HTTP/1.1 503 Service Unavailable\r\nDate: Mon"))
        // Past the prebuilt lines the status line is formatted as it comes.
        #expect(text(HTTPResponse(status: 999)).hasPrefix("HTTP/1.1 999 "))
        // Appending after what the buffer already holds (pipelined responses share it).
        var out = Array("previous".utf8)
        HTTPResponse(status: 404).serialize(into: &out, forHEAD: false, keepAlive: true, date: "d")
        #expect(String(decoding: out, as: UTF8.self).hasPrefix("previousHTTP/1.1 404 Not Found\r\nDate: d\r\n"))
    }

    @Test func headKeepsTheLengthButNotTheBody() {
        let s = text(.json(200, Array("{}".utf8)), head: true)
        #expect(s.hasSuffix("Content-Length: 2\r\n\r\n"))
    }

    @Test func closeAndBodylessStatuses() {
        #expect(text(HTTPResponse(status: 204), keepAlive: false).hasSuffix("Connection: close\r\n\r\n"))
        #expect(!text(HTTPResponse(status: 304)).contains("Content-Length"))
        // A handler cannot forge framing headers.
        var r = HTTPResponse(status: 200, body: [1])
        r.headers.add("Content-Length", "999")
        #expect(!text(r).contains("999"))
    }
}

@Suite struct MiddlewareTests {
    func run(_ m: any HTTPMiddleware, _ request: HTTPRequest) throws -> (HTTPResponse, RequestContext) {
        var seen = RequestContext()
        let response = try m.respond(to: request, context: RequestContext()) { _, c in seen = c; return HTTPResponse(status: 200) }
        return (response, seen)
    }

    @Test func requestIDEchoesSafeValuesAndReplacesOthers() throws {
        var h = HTTPHeaders()
        h.add("X-Request-Id", "abc-123_X.y")
        let (r, c) = try run(RequestIDMiddleware(), HTTPRequest(method: .get, target: "/", headers: h))
        #expect(c.requestID == "abc-123_X.y" && r.headers.first("X-Request-Id") == "abc-123_X.y")
        for bad in ["", String(repeating: "a", count: 65), "a b", "x\"y", "ümlaut"] {
            var h = HTTPHeaders()
            h.add("X-Request-Id", bad)
            let (r, c) = try run(RequestIDMiddleware(), HTTPRequest(method: .get, target: "/", headers: h))
            #expect(c.requestID != bad && c.requestID.count == 20 && r.headers.first("X-Request-Id") == c.requestID)
        }
    }

    @Test func generatedRequestIDsAreDistinctBase32From2Threads() {
        let alphabet = Set("0123456789abcdefghijklmnopqrstuv")
        let drawn = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let mine = (0..<50_000).map { _ in RequestIDMiddleware.generate() }
            drawn.withLock { $0 += mine }
        }
        let all = drawn.withLock { $0 }
        #expect(Set(all).count == 100_000)
        #expect(all.allSatisfy { $0.count == 20 && $0.allSatisfy(alphabet.contains) })
        // Every character position takes every symbol: the bits are spread, not a visible counter.
        for position in 0..<20 {
            #expect(Set(all.prefix(2_000).map { Array($0)[position] }).count == 32)
        }
    }

    @Test func securityHeadersDefaultButDoNotOverride() throws {
        let (r, _) = try run(SecurityHeadersMiddleware(), HTTPRequest(method: .get, target: "/"))
        #expect(r.headers.first("Cache-Control") == "no-store")
        #expect(r.headers.first("X-Content-Type-Options") == "nosniff")
        #expect(r.headers.first("X-Frame-Options") == "DENY")
        let cached = try SecurityHeadersMiddleware().respond(to: HTTPRequest(method: .get, target: "/"), context: RequestContext()) { _, _ in
            HTTPResponse(status: 200, headers: HTTPHeaders([("Cache-Control", "public, max-age=300")]))
        }
        #expect(cached.headers.values("Cache-Control") == ["public, max-age=300"])
    }
}
