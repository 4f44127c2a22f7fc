import Testing
@testable import PosternHTTP

/// Feeds `text` in one piece (or `pieces`) and collects every event.
func parse(_ pieces: [[UInt8]], limits: HTTPLimits = HTTPLimits()) -> [RequestParser.Event] {
    var parser = RequestParser(limits: limits)
    var events: [RequestParser.Event] = []
    for piece in pieces {
        parser.append(piece)
        while let e = parser.nextEvent() { events.append(e) }
    }
    return events
}

func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) -> [RequestParser.Event] {
    parse([Array(text.utf8)], limits: limits)
}

func requests(_ events: [RequestParser.Event]) -> [HTTPRequest] {
    events.compactMap { if case .request(let r) = $0 { r } else { nil } }
}

func errorStatus(_ events: [RequestParser.Event]) -> Int? {
    for e in events { if case .error(let err) = e { return err.status.code } }
    return nil
}

@Suite struct RequestParserTests {
    @Test func simpleGet() throws {
        let r = try #require(requests(parse("GET /a/b?x=1&y=%20 HTTP/1.1\r\nHost: h\r\nX-Thing:  v  \r\n\r\n")).first)
        #expect(r.method == .get && r.path == "/a/b" && r.query == "x=1&y=%20" && r.version == .http1_1)
        #expect(r.headers.first("x-thing") == "v")
        #expect(r.queryItems?.map(\.value) == ["1", " "])
        for (target, path, query) in [("/p?", "/p", ""), ("/?a?b", "/", "a?b"), ("/no-query", "/no-query", nil)] as [(String, String, String?)] {
            let request = HTTPRequest(method: .get, target: target)
            #expect(request.path == path && request.query == query)
        }
        #expect(!r.wantsClose)
    }

    @Test func contentLengthAndChunkedBodies() throws {
        let cl = requests(parse("POST /t HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"))
        #expect(cl.first?.body == Array("hello".utf8))
        // RFC 9110 §8.6: a list of identical values (or repeated fields) is one length; blanks around items are OWS.
        let listed = requests(parse("POST /t HTTP/1.1\r\nHost: h\r\nContent-Length: 5 ,\t5\r\ncontent-length: 5\r\n\r\nhello"))
        #expect(listed.first?.body == Array("hello".utf8))
        let empty = requests(parse("POST /t HTTP/1.1\r\nHost: h\r\nContent-Length: 000\r\n\r\n"))
        #expect(empty.first?.body == [])
        let chunked = requests(parse("POST /t HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"))
        #expect(chunked.first?.body == Array("hello world".utf8))
        #expect(chunked.first?.headers.first("X-Trailer") == nil)
    }

    @Test func splitAtEveryByteOffsetGivesTheSameRequests() {
        let text = Array("POST /p?q=1 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nGET /two HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok".utf8)
        let whole = requests(parse([text]))
        #expect(whole.count == 2)
        for cut in 1..<text.count {
            let split = requests(parse([Array(text[..<cut]), Array(text[cut...])]))
            #expect(split.map(\.target) == whole.map(\.target) && split.map(\.body) == whole.map(\.body), "cut at \(cut)")
        }
        // One byte at a time.
        #expect(requests(parse(text.map { [$0] })).map(\.body) == whole.map(\.body))
    }

    @Test func threePipelinedRequestsInOneFeed() {
        let r = requests(parse("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\nPOST /3 HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx"))
        #expect(r.map(\.path) == ["/1", "/2", "/3"])
    }

    @Test func keepAliveRules() {
        #expect(requests(parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"))[0].wantsClose)
        #expect(requests(parse("GET / HTTP/1.0\r\n\r\n"))[0].wantsClose)
        #expect(!requests(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"))[0].wantsClose)
        #expect(requests(parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, close\r\n\r\n"))[0].wantsClose)
    }

    @Test func absoluteAndAsteriskForms() {
        #expect(requests(parse("GET http://example.com/x?y=1 HTTP/1.1\r\nHost: example.com\r\n\r\n"))[0].target == "/x?y=1")
        #expect(requests(parse("GET https://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n"))[0].target == "/")
        #expect(requests(parse("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n"))[0].target == "*")
        #expect(errorStatus(parse("GET * HTTP/1.1\r\nHost: h\r\n\r\n")) == 400)
    }

    @Test func expectContinueIsSignalledOnceBeforeTheBody() {
        var parser = RequestParser()
        parser.append(Array("POST /u HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        guard case .expectContinue? = parser.nextEvent() else { Issue.record("no 100-continue"); return }
        #expect(parser.nextEvent() == nil)
        parser.append(Array("abc".utf8))
        guard case .request(let r)? = parser.nextEvent() else { Issue.record("no request"); return }
        #expect(r.body == Array("abc".utf8))
        // HTTP/1.0 does not know 100-continue.
        var old = RequestParser()
        old.append(Array("POST /u HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        #expect(old.nextEvent() == nil)
    }

    @Test(arguments: [
        // Smuggling: both framings, bad TE, differing or malformed lengths.
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, identity\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding : chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: ,chunked\r\n\r\n", 400),
        ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 4\r\n\r\nabcd", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3,\r\n\r\nabc", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: ,3\r\n\r\nabc", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3 3\r\n\r\nabc", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +5\r\n\r\nhello", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1e3\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0x10\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 65537\r\n\r\n", 413),
        // Chunk sizes.
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\n", 413),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n10001\r\n", 413),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXY0\r\n\r\n", 400),
        // Request line and headers.
        ("GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505),
        ("GET / HTTP/1.2\r\nHost: h\r\n\r\n", 505),
        ("GET / FTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET /a b HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("G@T / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET relative HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nNoColonHere\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n folded\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nBad Name: v\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\n: v\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{0}b\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{1}b\r\n\r\n", 400),
        ("GET / HTTP/1.1\nHost: h\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        // Framing fields are recognised whatever their case, and the request line has exactly three parts.
        ("GET / HTTP/1.1\r\nHOST: a\r\nhost: b\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\ncontent-length: 3\r\nTRANSFER-ENCODING: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\ntRaNsFeR-eNcOdInG: gzip\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: h\r\nCONTENT-LENGTH: 3\r\ncontent-length: 4\r\n\r\nabcd", 400),
        ("GET / HTTP/1.1 extra\r\nHost: h\r\n\r\n", 400),
        ("GET / HTTP/1.1 \r\nHost: h\r\n\r\n", 400),
        ("GET /\r\nHost: h\r\n\r\n", 400),
        ("GET /\u{0} HTTP/1.1\r\nHost: h\r\n\r\n", 400),
    ])
    func malformedRequestsGetTheirStatus(_ text: String, _ status: Int) {
        #expect(errorStatus(parse(text)) == status, "\(text.debugDescription)")
    }

    @Test func limitsAtAndOnePastTheBoundary() {
        var limits = HTTPLimits()
        limits.requestLine = 100
        limits.headerBytes = 200
        limits.headerFields = 3
        limits.body = 10
        func line(_ n: Int) -> String { "GET /" + String(repeating: "a", count: n - 14) + " HTTP/1.1" }
        #expect(line(100).utf8.count == 100)
        #expect(errorStatus(parse(line(100) + "\r\nHost: h\r\n\r\n", limits: limits)) == nil)
        #expect(errorStatus(parse(line(101) + "\r\nHost: h\r\n\r\n", limits: limits)) == 414)
        // Without the end of the line yet: refused as soon as it is too long.
        #expect(errorStatus(parse(line(150), limits: limits)) == 414)
        let three = "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n"
        #expect(errorStatus(parse(three, limits: limits)) == nil)
        #expect(errorStatus(parse("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: limits)) == 431)
        let big = "GET / HTTP/1.1\r\nHost: h\r\nA: " + String(repeating: "v", count: 200) + "\r\n\r\n"
        #expect(errorStatus(parse(big, limits: limits)) == 431)
        #expect(errorStatus(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789", limits: limits)) == nil)
        #expect(errorStatus(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", limits: limits)) == 413)
        let chunks = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n012345\r\n5\r\n01234\r\n0\r\n\r\n"
        #expect(errorStatus(parse(chunks, limits: limits)) == 413)
        // Trailers are bounded like headers.
        let trailers = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: " + String(repeating: "t", count: 300) + "\r\n\r\n"
        #expect(errorStatus(parse(trailers, limits: limits)) == 431)
    }

    @Test func endlessHeadWithoutTerminatorIsCut() {
        var text = "GET / HTTP/1.1\r\nHost: h\r\n"
        for i in 0..<2000 { text += "X-\(i): value\r\n" }
        #expect(errorStatus(parse(text)) == 431)
    }

    /// A head with bare LFs never holds CRLFCRLF: it is refused as soon as the bad line end arrives, in any
    /// fragmentation, instead of waiting for the read timeout. So is a CR followed by anything but LF.
    @Test func bareLineEndsInAnUnfinishedHeadAreRefusedAtOnce() {
        for text in ["GET / HTTP/1.1\nHost: h\n\n", "GET / HTTP/1.1\r\nHost: h\n", "\nGET / HTTP/1.1\r\n",
                     "GET / HTTP/1.1\r\nHost: a\rb", "GET / HTTP/1.1\r\r\n"] {
            let bytes = Array(text.utf8)
            #expect(errorStatus(parse([bytes])) == 400, "\(text.debugDescription)")
            #expect(errorStatus(parse(bytes.map { [$0] })) == 400, "\(text.debugDescription) byte by byte")
        }
        // A CR that ends one read and an LF that starts the next are one CRLF.
        let pieces = [Array("GET / HTTP/1.1\r".utf8), Array("\nHost: h\r".utf8), Array("\n\r".utf8), Array("\n".utf8)]
        #expect(requests(parse(pieces)).map(\.target) == ["/"])
        // The check follows a consumed head: the second request's bare LF is refused too.
        #expect(errorStatus(parse([Array("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\n".utf8)])) == 400)
    }

    @Test func afterAnErrorNothingMoreIsParsed() {
        var parser = RequestParser()
        parser.append(Array("BAD\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8))
        guard case .error? = parser.nextEvent() else { Issue.record("no error"); return }
        #expect(parser.nextEvent() == nil)
    }

    @Test func idleStateIsVisible() {
        var parser = RequestParser()
        #expect(!parser.hasPartialRequest)
        parser.append(Array("GET / HT".utf8))
        #expect(parser.nextEvent() == nil && parser.hasPartialRequest)
        parser.append(Array("TP/1.1\r\nHost: h\r\n\r\n".utf8))
        _ = parser.nextEvent()
        #expect(!parser.hasPartialRequest)
    }
}

extension RequestParser.Event: Equatable {
    public static func == (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case (.expectContinue, .expectContinue): true
        case (.error(let x), .error(let y)): x == y
        case (.request(let x), .request(let y)): x.target == y.target && x.body == y.body
        default: false
        }
    }
}
