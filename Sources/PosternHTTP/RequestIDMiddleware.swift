/// API.md: every response carries `X-Request-Id`, echoed from the request if it sent one of ≤ 64 safe characters, else generated.
public struct RequestIDMiddleware: HTTPMiddleware {
    /// 32 symbols, so each character takes exactly 5 bits.
    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuv".utf8)

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

    /// 20 random base32 characters (100 bits) from two 64-bit draws; not a secret, so the system generator
    /// is enough. Each draw is a getrandom(2) call: one per character cost ~20 syscalls per request (measured).
    static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        var bits = (rng.next() as UInt64, rng.next() as UInt64)
        var out = [UInt8](repeating: 0, count: 20)
        for i in 0..<20 {
            if i == 12 { bits.0 = bits.1 }
            out[i] = alphabet[Int(bits.0 & 31)]
            bits.0 >>= 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
    }
}
