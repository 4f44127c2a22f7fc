import Foundation
import Testing
@testable import PosternHTTP

@Suite struct AccessLogLineTests {
    @Test func writesOneJSONObjectPerLineWithEveryField() throws {
        var buffer: [UInt8] = []
        AccessLogLine.append(to: &buffer, time: "2026-11-23T08:02:20Z", requestID: "abc", method: "GET",
                             route: "/users/{id}", status: 200, bytes: 312, microseconds: 85, client: "127.0.0.1")
        #expect(buffer.last == UInt8(ascii: "\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer)) as? [String: Any])
        #expect(object["time"] as? String == "2026-11-23T08:02:20Z")
        #expect(object["request_id"] as? String == "abc")
        #expect(object["method"] as? String == "GET")
        #expect(object["route"] as? String == "/users/{id}")
        #expect(object["status"] as? Int == 200)
        #expect(object["bytes"] as? Int == 312)
        #expect(object["us"] as? Int == 85)
        #expect(object["client"] as? String == "127.0.0.1")
    }

    @Test func hostileValuesCannotForgeAnotherLine() throws {
        var buffer: [UInt8] = []
        let hostile = "x\"}\n{\"status\":200,\"evil\":\"\\\u{1}"
        AccessLogLine.append(to: &buffer, time: "t", requestID: hostile, method: hostile, route: "-",
                             status: 400, bytes: 0, microseconds: 0, client: "::1")
        #expect(buffer.filter { $0 == UInt8(ascii: "\n") }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer)) as? [String: Any])
        #expect(object["request_id"] as? String == hostile)
        #expect(object["evil"] == nil)
    }

    /// The cause of a 500 is one JSON line with the request id the client saw; the error text (which may quote
    /// client input) cannot forge another line.
    @Test func serverErrorLinesCarryTheCauseAndTheRequestId() throws {
        let hostile = "state commit failed (\"}\n{\"level\":\"info\")"
        let line = ServerErrorLog.line(time: "2026-12-01T05:00:00Z", requestID: "req-1", route: "/oauth/token", error: hostile)
        #expect(line.filter { $0 == UInt8(ascii: "\n") }.count == 1 && line.last == UInt8(ascii: "\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object as NSDictionary == ["time": "2026-12-01T05:00:00Z", "level": "error", "request_id": "req-1",
                                           "route": "/oauth/token", "error": hostile] as NSDictionary)
    }
}
