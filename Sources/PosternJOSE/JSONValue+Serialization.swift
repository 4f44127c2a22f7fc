extension JSONValue {
    /// Compact UTF-8 JSON with object members sorted by name (no insignificant whitespace).
    public func serialized() -> [UInt8] {
        var out = [UInt8]()
        append(to: &out)
        return out
    }

    /// The compact JSON text.
    public var jsonString: String { String(decoding: serialized(), as: UTF8.self) }

    /// Appends this value's JSON to `out`.
    func append(to out: inout [UInt8]) {
        switch self {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let value):
            out.append(contentsOf: (value ? "true" : "false").utf8)
        case .integer(let value):
            JSONValue.appendInteger(value, to: &out)
        case .double(let value):
            // RFC 8259 §6: "Numeric values that cannot be represented ... (such as Infinity and NaN) are not permitted."
            out.append(contentsOf: (value.isFinite ? "\(value)" : "null").utf8)
        case .string(let value):
            JSONValue.appendString(value, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                element.append(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.appendString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                member.value.append(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a decimal integer without going through `String`: the JWT signer writes several per token.
    public static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }

    /// Appends a JSON string literal, escaping what RFC 8259 §7 requires. Runs with nothing to escape (nearly every
    /// claim, and a whole access token in a token response) are found eight bytes at a time and copied in one piece.
    public static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Over the contiguous UTF-8 buffer, which every native String has; only a bridged one needs the copy.
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaping($0, to: &out) }) == nil {
            var copy = value
            copy.withUTF8 { appendEscaping($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Copies the clean runs of `bytes` whole and escapes the bytes between them.
    private static func appendEscaping(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        while start < bytes.count {
            let stop = firstEscape(in: bytes, from: start)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<stop]))
            guard stop < bytes.count else { return }
            appendEscaped(bytes[stop], to: &out)
            start = stop + 1
        }
    }

    /// The index of the first byte at or after `index` that must be escaped (a control byte, `"` or `\`), or the end.
    /// A word is skipped when none of its bytes is below 0x20 and none equals `"` or `\`: the zero-byte test of
    /// Hacker's Delight §6-1, `(x - 0x01…) & ~x & 0x80…`, is non-zero exactly when some byte of `x` is zero, and
    /// `(x - 0x20…) & ~x & 0x80…` exactly when some byte is below 0x20. Only whether a word has a hit is used; the
    /// byte loop then finds it.
    static func firstEscape(in bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        /// High bits set where `x` has a byte below `limit` (≤ 0x80); zero only when it has none.
        func below(_ limit: UInt64, _ x: UInt64) -> UInt64 { (x &- ones &* limit) & ~x & (ones &* 0x80) }
        let raw = UnsafeRawBufferPointer(bytes)
        var i = index
        while i + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let hits = below(0x20, word) | below(1, word ^ (ones &* 0x22)) | below(1, word ^ (ones &* 0x5C))
            if hits != 0 { break }
            i += 8
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
            i += 1
        }
        return i
    }

    private static func appendEscaped(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
        case 0x0a: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
        case 0x0d: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
        case 0x00..<0x20:
            out.append(contentsOf: "\\u00".utf8)
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0f)])
        default: out.append(byte)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
