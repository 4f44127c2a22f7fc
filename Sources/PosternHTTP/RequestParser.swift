/// An incremental HTTP/1.1 request parser (RFC 9112). Pure: bytes in, events out, no sockets.
///
/// Feed bytes in any fragmentation with `append(_:)`, then call `nextEvent()` until it
/// returns nil (more bytes needed). Pipelined requests in one buffer come out one by one.
/// After an `.error` the parser is finished: the connection must answer and close, because
/// nothing after a framing error can be trusted (request smuggling).
///
/// Line endings must be CRLF: a bare LF is refused rather than guessed at (RFC 9112 §2.2
/// allows either), so this server never frames a request differently from a strict proxy.
public struct RequestParser: Sendable {
    /// What the parser found.
    public enum Event: Sendable {
        case request(HTTPRequest)
        /// The head of a request with `Expect: 100-continue` is complete and its body is not
        /// here yet: the connection may send `100 Continue` (RFC 9110 §10.1.1). Sent once per request.
        case expectContinue
        case error(HTTPParseError)
    }

    private enum State: Sendable {
        case head
        case body(RequestHead, remaining: Int)
        case chunkSize(RequestHead)
        case chunkData(RequestHead, remaining: Int)
        case chunkDataEnd(RequestHead)
        case trailers(RequestHead)
        case failed
    }

    let limits: HTTPLimits
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the end of the head resumes, so a slow head is not rescanned from its start.
    private var scanned = 0
    /// Where the check of an unfinished head's line ends resumes (see `badLineEnd()`).
    private var lineEndsChecked = 0
    private var state = State.head
    private var body: [UInt8] = []
    private var continueSent = false

    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// True while bytes of an unfinished request are buffered (the connection is not idle).
    public var hasPartialRequest: Bool {
        if case .head = state { return start < buffer.count }
        return true
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 0 && (start == buffer.count || start >= 4096) {
            buffer.removeSubrange(0..<start)
            scanned -= start
            lineEndsChecked = max(0, lineEndsChecked - start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    public mutating func nextEvent() -> Event? {
        switch state {
        case .failed:
            return nil
        case .head:
            return parseHead()
        case .body(let head, let remaining):
            guard buffer.count - start >= remaining else { return continueIfExpected(head) }
            body.append(contentsOf: buffer[start..<(start + remaining)])
            start += remaining
            return finish(head)
        case .chunkSize(let head):
            return parseChunkSize(head)
        case .chunkData(let head, let remaining):
            let available = min(remaining, buffer.count - start)
            body.append(contentsOf: buffer[start..<(start + available)])
            start += available
            if available < remaining {
                state = .chunkData(head, remaining: remaining - available)
                return nil
            }
            state = .chunkDataEnd(head)
            return nextEvent()
        case .chunkDataEnd(let head):
            guard buffer.count - start >= 2 else { return nil }
            guard buffer[start] == CR, buffer[start + 1] == LF else { return fail(.bad("Chunk data not followed by CRLF")) }
            start += 2
            state = .chunkSize(head)
            return nextEvent()
        case .trailers(let head):
            return parseTrailers(head)
        }
    }

    // MARK: Head

    private mutating func parseHead() -> Event? {
        guard let end = findHeadEnd() else {
            // Without this, a head with bare LFs (which never has CRLFCRLF) would wait for the read timeout.
            if badLineEnd() { return fail(.bad("Bare CR or LF in request head")) }
            let pending = buffer.count - start
            if let lineEnd = firstCRLF(from: start) {
                if lineEnd - start > limits.requestLine { return fail(HTTPParseError(414, "Request line too long")) }
                if pending > limits.requestLine + limits.headerBytes + 4 {
                    return fail(HTTPParseError(431, "Request headers too large"))
                }
            } else if pending > limits.requestLine {
                return fail(HTTPParseError(414, "Request line too long"))
            }
            return nil
        }
        let headBytes = buffer[start..<end]
        start = end + 4
        scanned = start
        continueSent = false
        body = []
        switch RequestHead.parse(headBytes, limits: limits) {
        case .failure(let error):
            return fail(error)
        case .success(let head):
            switch head.framing {
            case .none:
                return finish(head)
            case .length(let n):
                state = .body(head, remaining: n)
                return nextEvent()
            case .chunked:
                state = .chunkSize(head)
                return nextEvent()
            }
        }
    }

    /// The index of the CRLFCRLF ending the head, scanning only bytes not scanned before.
    private mutating func findHeadEnd() -> Int? {
        var i = max(scanned, start)
        let n = buffer.count
        while i + 3 < n {
            if buffer[i] == CR && buffer[i + 1] == LF && buffer[i + 2] == CR && buffer[i + 3] == LF { return i }
            i += 1
        }
        scanned = max(start, n - 3)
        return nil
    }

    /// Whether the unfinished head holds an LF without its CR or a CR followed by anything but LF (RFC 9112 §2.2).
    /// Only the head's new bytes are looked at: a CR that ends the buffer is looked at again with what follows.
    /// A complete head is checked by `RequestHead.parse`, so the usual one-read request never comes here.
    private mutating func badLineEnd() -> Bool {
        var i = max(lineEndsChecked, start)
        let n = buffer.count
        while i < n {
            switch buffer[i] {
            case LF where i == start || buffer[i - 1] != CR: return true
            case CR where i + 1 < n && buffer[i + 1] != LF: return true
            case CR where i + 1 == n:
                lineEndsChecked = i
                return false
            default: i += 1
            }
        }
        lineEndsChecked = n
        return false
    }

    private func firstCRLF(from index: Int) -> Int? {
        var i = index
        while i + 1 < buffer.count {
            if buffer[i] == CR && buffer[i + 1] == LF { return i }
            i += 1
        }
        return nil
    }

    // MARK: Chunked body (RFC 9112 §7.1)

    private mutating func parseChunkSize(_ head: RequestHead) -> Event? {
        guard let lineEnd = firstCRLF(from: start) else {
            // A size line is a few hex digits; a long one is an attack (or extensions we refuse to buffer).
            if buffer.count - start > 1024 { return fail(.bad("Chunk size line too long")) }
            return continueIfExpected(head)
        }
        var size = 0
        var digits = 0
        var i = start
        while i < lineEnd, let v = hexValue(buffer[i]) {
            // RFC 9112 §7.1: recipients must anticipate huge sizes and guard against overflow.
            guard digits < 8 else { return fail(HTTPParseError(413, "Request body too large")) }
            size = size << 4 | Int(v)
            digits += 1
            i += 1
        }
        guard digits > 0 else { return fail(.bad("Invalid chunk size")) }
        // Anything after the digits must be a chunk extension (`;…`), which is ignored.
        if i < lineEnd {
            var j = i
            while j < lineEnd, buffer[j] == SP || buffer[j] == HTAB { j += 1 }
            guard j < lineEnd, buffer[j] == UInt8(ascii: ";") else { return fail(.bad("Invalid chunk size")) }
            for k in j..<lineEnd where buffer[k] < 0x20 && buffer[k] != HTAB { return fail(.bad("Invalid chunk extension")) }
        }
        start = lineEnd + 2
        if size == 0 {
            state = .trailers(head)
            return nextEvent()
        }
        guard body.count + size <= limits.body else { return fail(HTTPParseError(413, "Request body too large")) }
        state = .chunkData(head, remaining: size)
        return nextEvent()
    }

    /// Trailer fields are read and dropped (never merged into the headers), bounded like headers.
    private mutating func parseTrailers(_ head: RequestHead) -> Event? {
        var lineStart = start
        var total = 0
        while let lineEnd = firstCRLF(from: lineStart) {
            if lineEnd == lineStart {
                start = lineEnd + 2
                return finish(head)
            }
            total += lineEnd - lineStart + 2
            guard total <= limits.headerBytes else { return fail(HTTPParseError(431, "Trailers too large")) }
            lineStart = lineEnd + 2
        }
        if buffer.count - start > limits.headerBytes { return fail(HTTPParseError(431, "Trailers too large")) }
        return nil
    }

    // MARK: Completion

    private mutating func continueIfExpected(_ head: RequestHead) -> Event? {
        guard head.expectsContinue, !continueSent, body.isEmpty else { return nil }
        continueSent = true
        return .expectContinue
    }

    private mutating func finish(_ head: RequestHead) -> Event {
        state = .head
        let request = HTTPRequest(method: head.method, target: head.target, version: head.version, headers: head.headers,
                                  body: body)
        body = []
        return .request(request)
    }

    private mutating func fail(_ error: HTTPParseError) -> Event {
        state = .failed
        buffer = []
        start = 0
        scanned = 0
        return .error(error)
    }
}

let CR: UInt8 = 13
let LF: UInt8 = 10
let SP: UInt8 = 32
let HTAB: UInt8 = 9

func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
}
