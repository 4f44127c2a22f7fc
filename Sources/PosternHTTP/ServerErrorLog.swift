#if canImport(Glibc)
import Glibc
#endif

/// Why a request got a 500. The response says only `server_error` (API.md: never internals in the text); the cause
/// (for a `PosternError`, its debug text and underlying error) goes here, as one JSON line on stderr with the
/// request id the client saw, so an operator can find it from a support ticket.
enum ServerErrorLog {
    static func write(_ error: any Error, requestID: String, route: String) {
        let text = line(time: LoopClock().logTimestamp, requestID: requestID, route: route, error: String(describing: error))
        // One write(2): lines from several threads do not interleave.
        text.withUnsafeBytes { _ = Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    static func line(time: String, requestID: String, route: String, error: String) -> [UInt8] {
        var out = Array(#"{"time":""#.utf8)
        out.append(contentsOf: time.utf8)
        out.append(contentsOf: #"","level":"error","request_id":""#.utf8)
        AccessLogLine.escape(requestID, into: &out)
        out.append(contentsOf: #"","route":""#.utf8)
        AccessLogLine.escape(route, into: &out)
        out.append(contentsOf: #"","error":""#.utf8)
        AccessLogLine.escape(error, into: &out)
        out.append(contentsOf: "\"}\n".utf8)
        return out
    }
}
