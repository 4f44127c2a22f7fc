/// `application/x-www-form-urlencoded` (WHATWG URL §5.1) and query strings, decoded strictly.
///
/// Lenient decoders turn `%zz` into literal text; here any malformed escape or invalid
/// UTF-8 is an error, so a parameter never means two things to two parsers.
public enum FormDecoder {
    /// Why a body or query could not be decoded.
    public struct DecodingError: Error, Equatable, Sendable {
        public let reason: String
    }

    /// The `(name, value)` pairs in order, duplicates kept (OAuth refuses them, RFC 6749 §3.2, so they must be seen).
    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.endIndex
            defer { start = end + 1 }
            let part = bytes[start..<end]
            if part.isEmpty { continue }
            let eq = part.firstIndex(of: UInt8(ascii: "="))
            let name = try percentDecode(eq.map { part[part.startIndex..<$0] } ?? part)
            var value = ""
            if let eq { value = try percentDecode(part[part.index(after: eq)...]) }
            pairs.append((name, value))
        }
        return pairs
    }

    /// Decodes `%XX` escapes and `+` (a space, in forms); the result must be valid UTF-8 without NUL.
    public static func percentDecode(_ bytes: ArraySlice<UInt8>, plusIsSpace: Bool = true) throws(DecodingError) -> String {
        // Most parameters are plain ASCII with nothing to decode: one copy into the String, not two.
        if !bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == 0 || $0 >= 0x80 || (plusIsSpace && $0 == UInt8(ascii: "+")) }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "%") {
                guard bytes.distance(from: i, to: bytes.endIndex) >= 3,
                      let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) else {
                    throw DecodingError(reason: "malformed percent-encoding")
                }
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(plusIsSpace && b == UInt8(ascii: "+") ? SP : b)
                i += 1
            }
        }
        guard !out.contains(0), let text = String(validating: out, as: UTF8.self) else {
            throw DecodingError(reason: "invalid UTF-8 or NUL")
        }
        return text
    }
}
