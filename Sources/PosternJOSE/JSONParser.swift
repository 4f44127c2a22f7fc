/// A strict RFC 8259 parser for the small JSON documents of JOSE: headers, claims, JWKs.
///
/// Stricter than Foundation's on purpose: a duplicate member name is an error (RFC 7515 §5.2 step 4,
/// RFC 7519 §4: "either reject ... or use a JSON parser that returns only the lexically last";
/// two parsers disagreeing on a claim is an attack), and nesting deeper than `maximumDepth` is refused.
struct JSONParser {
    static let maximumDepth = 32

    private let bytes: [UInt8]
    private var index = 0

    /// Parses one JSON value that fills the whole input (whitespace around it allowed).
    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw JOSEError.invalidJSON("trailing characters") }
        return value
    }

    /// Parses a document that must be an object, as every JOSE header and claims set is.
    static func parseObject(_ bytes: [UInt8]) throws -> [String: JSONValue] {
        guard let object = try parse(bytes).objectValue else { throw JOSEError.invalidJSON("not a JSON object") }
        return object
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func value(depth: Int) throws -> JSONValue {
        guard depth < JSONParser.maximumDepth else { throw JOSEError.invalidJSON("nested too deep") }
        skipWhitespace()
        guard index < bytes.count else { throw JOSEError.invalidJSON("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return try number()
        }
    }

    private mutating func object(depth: Int) throws -> JSONValue {
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw JOSEError.invalidJSON("expected a member name") }
            let name = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            let member = try value(depth: depth + 1)
            guard members.updateValue(member, forKey: name) == nil else { throw JOSEError.duplicateMember(name) }
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { index += 1; continue }
            try expect(UInt8(ascii: "}"))
            return .object(members)
        }
    }

    private mutating func array(depth: Int) throws -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { index += 1; continue }
            try expect(UInt8(ascii: "]"))
            return .array(elements)
        }
    }

    private mutating func string() throws -> String {
        index += 1
        var out = [UInt8]()
        while true {
            guard index < bytes.count else { throw JOSEError.invalidJSON("unterminated string") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else { throw JOSEError.invalidJSON("invalid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &out)
            case 0x00..<0x20:
                // RFC 8259 §7: control characters "MUST be escaped".
                throw JOSEError.invalidJSON("control character in string")
            default:
                out.append(byte)
            }
        }
    }

    private mutating func escape(into out: inout [UInt8]) throws {
        guard index < bytes.count else { throw JOSEError.invalidJSON("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0c)
        case UInt8(ascii: "n"): out.append(0x0a)
        case UInt8(ascii: "r"): out.append(0x0d)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad()
            if (0xd800..<0xdc00).contains(scalar) {
                // A high surrogate must be followed by an escaped low surrogate (RFC 8259 §7).
                guard peek() == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw JOSEError.invalidJSON("lone surrogate")
                }
                index += 2
                let low = try hexQuad()
                guard (0xdc00..<0xe000).contains(low) else { throw JOSEError.invalidJSON("lone surrogate") }
                scalar = 0x10000 + (scalar - 0xd800) << 10 + (low - 0xdc00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw JOSEError.invalidJSON("lone surrogate") }
            out.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw JOSEError.invalidJSON("unknown escape")
        }
    }

    private mutating func hexQuad() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw JOSEError.invalidJSON("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JOSEError.invalidJSON("bad \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws -> JSONValue {
        let start = index
        var isInteger = true
        if peek() == UInt8(ascii: "-") { index += 1 }
        if peek() == UInt8(ascii: "0") {
            index += 1
        } else {
            guard digits() > 0 else { throw JOSEError.invalidJSON("unexpected character") }
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            isInteger = false
            guard digits() > 0 else { throw JOSEError.invalidJSON("bad number") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            isInteger = false
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw JOSEError.invalidJSON("bad number") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let value = Int64(text) { return .integer(value) }
        guard let value = Double(text), value.isFinite else { throw JOSEError.invalidJSON("number out of range") }
        return .double(value)
    }

    private mutating func digits() -> Int {
        var count = 0
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            index += 1
            count += 1
        }
        return count
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
              word.withUTF8Buffer({ Array($0) }) == Array(bytes[index..<(index + count)]) else {
            throw JOSEError.invalidJSON("unexpected character")
        }
        index += count
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else { throw JOSEError.invalidJSON("expected '\(Character(Unicode.Scalar(byte)))'") }
        index += 1
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d { index += 1 }
    }
}
