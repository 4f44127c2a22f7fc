import PosternCrypto
import PosternJOSE

/// One line of the audit log (API.md "Audit log"), with its place in the hash chain.
///
/// Callers pass ids only — a `jti`, a key id, a user id — never a secret, password, token
/// or key: the log is read by operators and kept for a year.
public struct AuditEvent: Sendable, Equatable, Decodable {
    public var seq: Int64
    /// RFC 3339 UTC, whole seconds.
    public var time: String
    public var type: String
    public var requestID: String?
    public var ip: String?
    public var clientID: String?
    public var subject: String?
    /// `success` or `failure`.
    public var result: String
    public var detail: [String: String]
    /// The previous event's `hash`; 64 zeros for the first event.
    public var prev: String
    public var hash: String

    public static let genesis = String(repeating: "0", count: 64)

    /// The canonical JSON of the event without `hash`: keys sorted, no insignificant whitespace.
    public var canonicalBody: [UInt8] { canonicalJSON().body }

    /// The line as written to the file: the canonical JSON with `hash`.
    public var line: [UInt8] {
        let (body, hashOffset) = canonicalJSON()
        return Self.line(body: body, hash: hash, at: hashOffset)
    }

    /// API.md: `hash` is the lowercase hex SHA-256 of `prev` followed by the canonical JSON.
    public static func chainHash(prev: String, body: [UInt8]) -> String {
        var prev = prev
        return prev.withUTF8 { prefix in body.withUnsafeBytes { SHA256.hexHash(UnsafeRawBufferPointer(prefix), $0) } }
    }

    /// The event, chained after `previous` (seq and hash) or as the first event, and its file line: the JSON is
    /// written once, hashed, and the line made by splicing `hash` in. `time` is RFC 3339 (the store caches it).
    public static func chained(after previous: (seq: Int64, hash: String)?, time: String, type: String, requestID: String?,
                               ip: String?, clientID: String?, subject: String?, result: String,
                               detail: [String: String]) -> (event: AuditEvent, line: [UInt8]) {
        var event = AuditEvent(seq: (previous?.seq ?? 0) + 1, time: time, type: type, requestID: requestID,
                               ip: ip, clientID: clientID, subject: subject, result: result, detail: detail,
                               prev: previous?.hash ?? genesis, hash: "")
        let (body, hashOffset) = event.canonicalJSON()
        event.hash = chainHash(prev: event.prev, body: body)
        return (event, line(body: body, hash: event.hash, at: hashOffset))
    }

    /// `body` with `"hash":…` inserted where its sorted place is (between `detail` and `ip`).
    private static func line(body: [UInt8], hash: String, at offset: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count + hash.utf8.count + 10)
        out += body[..<offset]
        out.append(contentsOf: #","hash":"#.utf8)
        JSONValue.appendString(hash, to: &out)
        out += body[offset...]
        return out
    }

    /// Parses a line, checking only its shape (`AuditVerifier` checks the chain).
    public init(line: [UInt8]) throws(StoreError) {
        guard let value = try? JSONValue(parsing: line), let m = value.objectValue else { throw .encoding("not a JSON object") }
        func text(_ k: String) -> String? { m[k]?.stringValue }
        guard Set(m.keys) == AuditEvent.keys, let seq = m["seq"]?.integerValue, let time = text("time"), let type = text("type"),
              let result = text("result"), let prev = text("prev"), let hash = text("hash"),
              let detail = m["detail"]?.objectValue else {
            throw .encoding("missing or extra fields")
        }
        var details: [String: String] = [:]
        for (k, v) in detail {
            guard let s = v.stringValue else { throw .encoding("detail values must be strings") }
            details[k] = s
        }
        self.init(seq: seq, time: time, type: type, requestID: text("request_id"), ip: text("ip"), clientID: text("client_id"),
                  subject: text("subject"), result: result, detail: details, prev: prev, hash: hash)
    }

    public init(seq: Int64, time: String, type: String, requestID: String?, ip: String?, clientID: String?, subject: String?,
                result: String, detail: [String: String], prev: String, hash: String) {
        self.seq = seq
        self.time = time
        self.type = type
        self.requestID = requestID
        self.ip = ip
        self.clientID = clientID
        self.subject = subject
        self.result = result
        self.detail = detail
        self.prev = prev
        self.hash = hash
    }

    /// The line's own names: state-log frames embed the lines as they are, and recovery decodes them from there.
    enum CodingKeys: String, CodingKey {
        case seq, time, type, result, detail, prev, hash
        case requestID = "request_id"
        case ip
        case clientID = "client_id"
        case subject
    }

    static let keys: Set<String> = ["seq", "time", "type", "request_id", "ip", "client_id", "subject", "result", "detail",
                                     "prev", "hash"]

    /// The canonical JSON without `hash`, and the offset where `hash` goes. Writes the members in sorted key order
    /// directly (every commit writes one or two events, and building a `JSONValue` object and sorting it cost more
    /// than the SHA-256): `client_id`, `detail`, `hash`, `ip`, `prev`, `request_id`, `result`, `seq`, `subject`,
    /// `time`, `type`.
    private func canonicalJSON() -> (body: [UInt8], hashOffset: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(384)
        func member(_ key: StaticString, _ value: String?) {
            out.append(contentsOf: UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
            if let value { JSONValue.appendString(value, to: &out) } else { out.append(contentsOf: "null".utf8) }
        }
        member(#"{"client_id":"#, clientID)
        out.append(contentsOf: #","detail":{"#.utf8)
        for (index, key) in detail.keys.sorted().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONValue.appendString(detail[key]!, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        let hashOffset = out.count
        member(#","ip":"#, ip)
        member(#","prev":"#, prev)
        member(#","request_id":"#, requestID)
        member(#","result":"#, result)
        out.append(contentsOf: #","seq":"#.utf8)
        JSONValue.appendInteger(seq, to: &out)
        member(#","subject":"#, subject)
        member(#","time":"#, time)
        member(#","type":"#, type)
        out.append(UInt8(ascii: "}"))
        return (out, hashOffset)
    }

    /// The `YYYY-MM-DD` of the event's time: the daily file it belongs in.
    public var day: String { String(time.prefix(10)) }
}
