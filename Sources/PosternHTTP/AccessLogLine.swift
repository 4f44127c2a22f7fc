/// Formats one access-log line as JSON (DESIGN.md "Observability": time, request id, method, route pattern,
/// status, bytes, µs, client IP; never the query string or the body) straight into a loop's log buffer.
enum AccessLogLine {
    private static let hex = Array("0123456789abcdef".utf8)

    static func append(to buffer: inout [UInt8], time: String, requestID: String, method: String, route: String,
                       status: Int, bytes: Int, microseconds: UInt64, client: String) {
        buffer.append(contentsOf: #"{"time":""#.utf8)
        buffer.append(contentsOf: time.utf8)
        field("request_id", requestID, into: &buffer)
        field("method", method, into: &buffer)
        field("route", route, into: &buffer)
        buffer.append(contentsOf: #"","status":"#.utf8)
        buffer.append(contentsOf: String(status).utf8)
        buffer.append(contentsOf: #","bytes":"#.utf8)
        buffer.append(contentsOf: String(bytes).utf8)
        buffer.append(contentsOf: #","us":"#.utf8)
        buffer.append(contentsOf: String(microseconds).utf8)
        buffer.append(contentsOf: #","client":""#.utf8)
        escape(client, into: &buffer)
        buffer.append(contentsOf: "\"}\n".utf8)
    }

    /// Closes the previous string value and writes `,"name":"value` (the value still open).
    private static func field(_ name: StaticString, _ value: String, into buffer: inout [UInt8]) {
        buffer.append(contentsOf: #"",""#.utf8)
        buffer.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        buffer.append(contentsOf: #"":""#.utf8)
        escape(value, into: &buffer)
    }

    /// RFC 8259 §7: quotation mark, reverse solidus and control characters must be escaped. A request id or
    /// method is client-chosen text, so a hostile one must not be able to forge a second log line.
    static func escape(_ value: String, into buffer: inout [UInt8]) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(byte)
            case 0..<0x20:
                buffer.append(contentsOf: #"\u00"#.utf8)
                buffer.append(hex[Int(byte >> 4)])
                buffer.append(hex[Int(byte & 0xF)])
            default:
                buffer.append(byte)
            }
        }
    }
}
