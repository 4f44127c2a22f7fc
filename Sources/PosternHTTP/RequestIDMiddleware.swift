import Synchronization

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

    /// No request to echo an id from: a new one, so the client can still quote it.
    public func decorateUnparsed(_ response: inout HTTPResponse) {
        response.headers.replace("X-Request-Id", Self.generate())
    }

    /// 1–64 characters of `[A-Za-z0-9._-]`: nothing that could split a log line or a header.
    static func isSafe(_ id: String) -> Bool {
        let bytes = id.utf8
        return !bytes.isEmpty && bytes.count <= 64 && bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    /// Two seeds drawn once per process from the system generator.
    private static let seeds: (UInt64, UInt64) = {
        var rng = SystemRandomNumberGenerator()
        return (rng.next(), rng.next())
    }()
    private static let draws = Atomic<UInt64>(0)
    private static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// 20 base32 characters (100 bits): SplitMix64 at the next value of a shared counter, under each seed. Not a
    /// secret (a client may send its own), so no system call per request: two getrandom(2) calls were ~5 % of a
    /// JWKS request. The first 64 bits are a bijection of the counter, so no two IDs of a process are the same.
    static func generate() -> String {
        let n = draws.wrappingAdd(1, ordering: .relaxed).newValue
        var bits = (mix(seeds.0 &+ n &* gamma), mix(seeds.1 &+ n &* gamma))
        return String(unsafeUninitializedCapacity: 20) { out in
            for i in 0..<20 {
                if i == 12 { bits.0 = bits.1 }
                out[i] = alphabet[Int(bits.0 & 31)]
                bits.0 >>= 5
            }
            return 20
        }
    }

    /// SplitMix64's finalizer (Steele, Lea and Flood 2014): a bijection that spreads every input bit.
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
    }
}
