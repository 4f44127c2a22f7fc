/// API.md: every response carries `X-Request-Id`, echoed from the request if it sent one of ≤ 64 safe characters, else generated.
public struct RequestIDMiddleware: HTTPMiddleware {
    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)

    public init() {}

    public func respond(to request: HTTPRequest, context: RequestContext,
                       next: (HTTPRequest, RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        var context = context
        if let sent = request.headers.first("X-Request-Id"), Self.isSafe(sent) {
            context.requestID = sent
        } else {
            context.requestID = Self.generate()
        }
        var response = try next(request, context)
        response.headers.replace("X-Request-Id", context.requestID)
        return response
    }

    /// 1–64 characters of `[A-Za-z0-9._-]`: nothing that could split a log line or a header.
    static func isSafe(_ id: String) -> Bool {
        let bytes = id.utf8
        return !bytes.isEmpty && bytes.count <= 64 && bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    /// 20 random base36 characters; not a secret, so the system generator (getrandom) is enough.
    static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        return String(decoding: (0..<20).map { _ in alphabet[Int(rng.next(upperBound: UInt8(alphabet.count)))] }, as: UTF8.self)
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
    }
}
