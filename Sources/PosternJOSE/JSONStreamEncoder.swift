import Foundation

/// Encodes an `Encodable` value straight into compact JSON bytes.
///
/// Foundation's `JSONEncoder` builds a tree of boxed values and then writes it; on the state log's hot path that
/// was a quarter of the CPU per commit. This writes as it goes. The output is what `JSONEncoder` with default
/// strategies would write, up to key order (`JSONDecoder` reads it back): optionals absent when nil, `Data` as
/// base64, `Date` as seconds since 2001, an `Encodable` that asks for no container as `{}`. Coding paths are not
/// tracked (always empty): building one array per key was a fifth of the encoding time, and the only error, a
/// non-finite number, names its value.
public enum JSONStreamEncoder {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        if let writable = value as? any JSONStreamWritable {
            var out: [UInt8] = []
            if writable.writeJSON(to: &out) { return out }
        }
        let sink = JSONSink()
        try sink.encodeValue(value, level: 0)
        sink.close(downTo: 0)
        return sink.bytes
    }
}

/// A value that can write its own JSON for the common cases of a hot path, byte for byte what its synthesized
/// `Encodable` conformance produces through `JSONStreamEncoder` (its tests must say so); Codable's keyed-container
/// boxes cost more than the bytes. Returning false (writing nothing) falls back to `Encodable`.
public protocol JSONStreamWritable {
    func writeJSON(to out: inout [UInt8]) -> Bool
}

/// Small writers for `JSONStreamWritable` conformances.
public enum JSONWriting {
    /// `"key":` preceded by `{` or `,`.
    public static func key(_ key: StaticString, first: Bool, to out: inout [UInt8]) {
        out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        out.append(contentsOf: "\":".utf8)
    }

    public static func string(_ value: String, to out: inout [UInt8]) { JSONValue.appendString(value, to: &out) }
    public static func integer(_ value: Int64, to out: inout [UInt8]) { JSONValue.appendInteger(value, to: &out) }

    public static func bytes(_ value: [UInt8], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, byte) in value.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.appendInteger(Int64(byte), to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }
}

/// The output and the stack of open containers. Codable has no "container finished" call, so a container is
/// closed when its parent writes again (or at the end): every write first closes what is deeper than the writer.
final class JSONSink {
    var bytes: [UInt8] = []
    /// Open containers, outermost first: the closing byte, and whether a member was written (for commas).
    private var open: [(closer: UInt8, hasMembers: Bool)] = []

    init() {
        bytes.reserveCapacity(256)
    }

    var level: Int { open.count }

    func close(downTo level: Int) {
        while open.count > level { bytes.append(open.removeLast().closer) }
    }

    func push(_ opener: UInt8, _ closer: UInt8) {
        bytes.append(opener)
        open.append((closer, false))
    }

    /// Prepares the container at `level` for its next member: closes deeper ones, writes the comma.
    func beginMember(at level: Int) {
        close(downTo: level)
        if open[level - 1].hasMembers { bytes.append(UInt8(ascii: ",")) }
        open[level - 1].hasMembers = true
    }

    func key(_ key: some CodingKey, at level: Int) {
        beginMember(at: level)
        JSONValue.appendString(key.stringValue, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    func null() { bytes.append(contentsOf: "null".utf8) }
    func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    func string(_ value: String) { JSONValue.appendString(value, to: &bytes) }
    func integer(_ value: some BinaryInteger) {
        if let small = Int64(exactly: value) { JSONValue.appendInteger(small, to: &bytes) } else { bytes.append(contentsOf: "\(value)".utf8) }
    }

    func floating(_ value: some BinaryFloatingPoint & LosslessStringConvertible) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not valid JSON"))
        }
        bytes.append(contentsOf: value.description.utf8)
    }

    /// Writes `value` as one JSON value at the current position, with the same special cases as `JSONEncoder`.
    /// Metatype comparisons first: generic collections (`[UInt8]`, `[String]`) reach their elements through here,
    /// and a type check is far cheaper than a dynamic cast or a nested encoder.
    func encodeValue<T: Encodable>(_ value: T, level: Int) throws {
        switch T.self {
        case is String.Type: string(unsafeBitCast(value, to: String.self))
        case is UInt8.Type: integer(unsafeBitCast(value, to: UInt8.self))
        case is Int.Type: integer(unsafeBitCast(value, to: Int.self))
        case is Int64.Type: integer(unsafeBitCast(value, to: Int64.self))
        case is Bool.Type: bool(unsafeBitCast(value, to: Bool.self))
        // `[UInt8]` as Foundation writes it, without a container per byte (hashes in every rotation).
        case is [UInt8].Type: JSONWriting.bytes(unsafeBitCast(value, to: [UInt8].self), to: &bytes)
        case is Data.Type: string(unsafeBitCast(value, to: Data.self).base64EncodedString())
        case is Date.Type: try floating(unsafeBitCast(value, to: Date.self).timeIntervalSinceReferenceDate)
        case is URL.Type: string(unsafeBitCast(value, to: URL.self).absoluteString)
        default:
            let encoder = JSONStreamValueEncoder(sink: self, level: level)
            let before = bytes.count
            try value.encode(to: encoder)
            if bytes.count == before { bytes.append(contentsOf: "{}".utf8) }
            close(downTo: level)
        }
    }
}

/// The `Encoder` for one value: it writes at `level`, the depth of the container that holds the value.
struct JSONStreamValueEncoder: Encoder {
    let sink: JSONSink
    let level: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        sink.close(downTo: level)
        sink.push(UInt8(ascii: "{"), UInt8(ascii: "}"))
        return KeyedEncodingContainer(JSONStreamKeyedContainer<Key>(sink: sink, level: level + 1))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.close(downTo: level)
        sink.push(UInt8(ascii: "["), UInt8(ascii: "]"))
        return JSONStreamUnkeyedContainer(sink: sink, level: level + 1)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONStreamSingleValueContainer(sink: sink, level: level)
    }
}

struct JSONStreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: JSONSink
    let level: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { sink.key(key, at: level); sink.null() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { sink.key(key, at: level); sink.bool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { sink.key(key, at: level); sink.string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        sink.key(key, at: level)
        try sink.floating(value)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        sink.key(key, at: level)
        try sink.floating(value)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { sink.key(key, at: level); sink.integer(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { sink.key(key, at: level); sink.integer(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { sink.key(key, at: level); sink.integer(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { sink.key(key, at: level); sink.integer(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { sink.key(key, at: level); sink.integer(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { sink.key(key, at: level); sink.integer(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { sink.key(key, at: level); sink.integer(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { sink.key(key, at: level); sink.integer(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { sink.key(key, at: level); sink.integer(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { sink.key(key, at: level); sink.integer(value) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        sink.key(key, at: level)
        try sink.encodeValue(value, level: level)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                       forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        sink.key(key, at: level)
        sink.push(UInt8(ascii: "{"), UInt8(ascii: "}"))
        return KeyedEncodingContainer(JSONStreamKeyedContainer<NestedKey>(sink: sink, level: level + 1))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        sink.key(key, at: level)
        sink.push(UInt8(ascii: "["), UInt8(ascii: "]"))
        return JSONStreamUnkeyedContainer(sink: sink, level: level + 1)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: JSONStreamKey("super")) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key) }

    private func superEncoder(named key: some CodingKey) -> any Encoder {
        sink.key(key, at: level)
        return JSONStreamValueEncoder(sink: sink, level: level)
    }
}

struct JSONStreamUnkeyedContainer: UnkeyedEncodingContainer {
    let sink: JSONSink
    let level: Int
    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0

    init(sink: JSONSink, level: Int) {
        self.sink = sink
        self.level = level
    }

    private mutating func next() {
        sink.beginMember(at: level)
        count += 1
    }

    mutating func encodeNil() throws { next(); sink.null() }
    mutating func encode(_ value: Bool) throws { next(); sink.bool(value) }
    mutating func encode(_ value: String) throws { next(); sink.string(value) }
    mutating func encode(_ value: Double) throws { next(); try sink.floating(value) }
    mutating func encode(_ value: Float) throws { next(); try sink.floating(value) }
    mutating func encode(_ value: Int) throws { next(); sink.integer(value) }
    mutating func encode(_ value: Int8) throws { next(); sink.integer(value) }
    mutating func encode(_ value: Int16) throws { next(); sink.integer(value) }
    mutating func encode(_ value: Int32) throws { next(); sink.integer(value) }
    mutating func encode(_ value: Int64) throws { next(); sink.integer(value) }
    mutating func encode(_ value: UInt) throws { next(); sink.integer(value) }
    mutating func encode(_ value: UInt8) throws { next(); sink.integer(value) }
    mutating func encode(_ value: UInt16) throws { next(); sink.integer(value) }
    mutating func encode(_ value: UInt32) throws { next(); sink.integer(value) }
    mutating func encode(_ value: UInt64) throws { next(); sink.integer(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        next()
        try sink.encodeValue(value, level: level)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        next()
        sink.push(UInt8(ascii: "{"), UInt8(ascii: "}"))
        return KeyedEncodingContainer(JSONStreamKeyedContainer<NestedKey>(sink: sink, level: level + 1))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        next()
        sink.push(UInt8(ascii: "["), UInt8(ascii: "]"))
        return JSONStreamUnkeyedContainer(sink: sink, level: level + 1)
    }

    mutating func superEncoder() -> any Encoder {
        next()
        return JSONStreamValueEncoder(sink: sink, level: level)
    }
}

struct JSONStreamSingleValueContainer: SingleValueEncodingContainer {
    let sink: JSONSink
    let level: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { sink.null() }
    mutating func encode(_ value: Bool) throws { sink.bool(value) }
    mutating func encode(_ value: String) throws { sink.string(value) }
    mutating func encode(_ value: Double) throws { try sink.floating(value) }
    mutating func encode(_ value: Float) throws { try sink.floating(value) }
    mutating func encode(_ value: Int) throws { sink.integer(value) }
    mutating func encode(_ value: Int8) throws { sink.integer(value) }
    mutating func encode(_ value: Int16) throws { sink.integer(value) }
    mutating func encode(_ value: Int32) throws { sink.integer(value) }
    mutating func encode(_ value: Int64) throws { sink.integer(value) }
    mutating func encode(_ value: UInt) throws { sink.integer(value) }
    mutating func encode(_ value: UInt8) throws { sink.integer(value) }
    mutating func encode(_ value: UInt16) throws { sink.integer(value) }
    mutating func encode(_ value: UInt32) throws { sink.integer(value) }
    mutating func encode(_ value: UInt64) throws { sink.integer(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try sink.encodeValue(value, level: level) }
}

/// The key of `super` in a keyed container (the one key the encoder makes up).
struct JSONStreamKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) {
        stringValue = string
    }

    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { nil }
}
