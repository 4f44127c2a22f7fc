/// A response as handlers build it; `serialize` writes it to the wire.
public struct HTTPResponse: Sendable, Equatable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Set by a handler that wants the connection closed after this response.
    public var closesConnection: Bool
    /// When set, the connection sends this response only once the gate opens (see `ResponseGate`).
    public var gate: ResponseGate?

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], closesConnection: Bool = false) {
        self.status = HTTPStatus(status)
        self.headers = headers
        // Room for what the middleware adds (request id, security headers) and a route's own: growing 1 → 2 → 4 → 8
        // reallocated the fields three times per response.
        self.headers.reserveCapacity(headers.fields.count + 8)
        self.body = body
        self.closesConnection = closesConnection
    }

    /// A JSON body with its content type.
    public static func json(_ status: Int, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")]), body: body)
    }

    /// The API.md error shape `{"error","error_description"}`, for errors the HTTP layer itself answers.
    /// `code` and `description` are the server's own constants: plain ASCII, nothing to escape.
    public static func error(status: Int, code: String, description: String,
                             headers: [(String, String)] = []) -> HTTPResponse {
        var response = json(status, Array("{\"error\":\"\(code)\",\"error_description\":\"\(description)\"}".utf8))
        for (name, value) in headers { response.headers.add(name, value) }
        return response
    }

    /// What is sent instead when the gate of this response reports failure: a 500 in the API.md error shape,
    /// keeping the headers the middleware added (request id, security headers), not the handler's content type.
    var failedGateReplacement: HTTPResponse {
        var replacement = HTTPResponse.serverError
        for (name, value) in headers.fields where !HTTPHeaders.same(name, "Content-Type") { replacement.headers.add(name, value) }
        replacement.closesConnection = closesConnection
        return replacement
    }

    /// Appends the status line, headers and (unless HEAD) body to `out`.
    ///
    /// `Content-Length` is always the body's length, also for HEAD (RFC 9110 §9.3.2), except
    /// for 1xx, 204 and 304, which have none. `date` is the preformatted IMF-fixdate.
    public func serialize(into out: inout [UInt8], forHEAD: Bool, keepAlive: Bool, date: String) {
        // One allocation at most: growing the buffer field by field reallocated it several times per response.
        let fieldBytes = headers.fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        out.reserveCapacity(out.count + 96 + date.utf8.count + fieldBytes + body.count)
        if let line = Self.statusLines[safe: status.code] {
            out.append(contentsOf: line)
        } else {
            out.append(contentsOf: "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\nDate: ".utf8)
        }
        out.append(contentsOf: date.utf8)
        out.append(contentsOf: "\r\n".utf8)
        for (name, value) in headers.fields where !HTTPHeaders.same(name, "Content-Length") && !HTTPHeaders.same(name, "Connection") {
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: value.utf8)
            out.append(contentsOf: "\r\n".utf8)
        }
        let bodyless = status.code < 200 || status.code == 204 || status.code == 304
        if !bodyless {
            out.append(contentsOf: "Content-Length: ".utf8)
            Self.appendDecimal(body.count, to: &out)
            out.append(contentsOf: "\r\n".utf8)
        }
        if !keepAlive { out.append(contentsOf: "Connection: close\r\n".utf8) }
        out.append(contentsOf: "\r\n".utf8)
        if !forHEAD && !bodyless { out.append(contentsOf: body) }
    }

    /// `HTTP/1.1 <code> <reason>\r\nDate: ` for every code below 600, built once (interpolating the status line
    /// made a String per response).
    private static let statusLines: [[UInt8]] = (0..<600).map {
        Array("HTTP/1.1 \($0) \(HTTPStatus($0).reasonPhrase)\r\nDate: ".utf8)
    }

    /// A non-negative length in decimal, without making a String of it.
    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var divisor = 1
        while value / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
