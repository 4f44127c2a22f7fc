/// Header fields in arrival order, looked up without regard to case (RFC 9110 §5.1).
public struct HTTPHeaders: Sendable, Equatable, Sequence {
    public private(set) var fields: [(name: String, value: String)] = []

    public init(_ fields: [(name: String, value: String)] = []) { self.fields = fields }

    public static func == (a: HTTPHeaders, b: HTTPHeaders) -> Bool {
        a.fields.elementsEqual(b.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

    /// The first value of `name`.
    public func first(_ name: String) -> String? {
        fields.first { Self.same($0.name, name) }?.value
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { Self.same($0.name, name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool { first(name) != nil }

    /// A field that may come at most once, as sent.
    public enum Single: Sendable, Equatable {
        case absent
        case value(String)
        /// Sent more than once: malformed for a field that is not a list (RFC 9110 §5.3), such as `Authorization`,
        /// since taking either copy would let a proxy and this server read different requests.
        case repeated
    }

    /// The value of `name` where the field may come at most once; nothing is allocated.
    public func single(_ name: String) -> Single {
        var found: String?
        for field in fields where Self.same(field.name, name) {
            guard found == nil else { return .repeated }
            found = field.value
        }
        return found.map(Single.value) ?? .absent
    }

    public mutating func add(_ name: String, _ value: String) { fields.append((name, value)) }

    /// Room for `count` fields in all, so that adding them one by one does not reallocate.
    public mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }

    /// Replaces every `name` field with one.
    public mutating func replace(_ name: String, _ value: String) {
        remove(name)
        add(name, value)
    }

    public mutating func remove(_ name: String) { fields.removeAll { Self.same($0.name, name) } }

    static func same(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        // Native strings hand out their bytes; comparing those skips the String.UTF8View iterator per byte.
        let compared = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                for i in 0..<x.count where lower(x[i]) != lower(y[i]) { return false }
                return true
            }
        }
        return (compared ?? nil) ?? a.utf8.elementsEqual(b.utf8) { lower($0) == lower($1) }
    }

    /// ASCII letters in lower case, every other byte as it is: field names, schemes and media types compare so.
    @usableFromInline static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// Whether `bytes` spell `lowercased` without regard to ASCII case: a field name (RFC 9110 §5.1), an auth
    /// scheme (§11.1), a media type (§8.3.1), compared in the bytes they came in. Inlinable, so that other modules
    /// get it compiled for their own byte collections.
    @inlinable public static func equalsIgnoringCase(_ bytes: some Collection<UInt8>, _ lowercased: StaticString) -> Bool {
        guard bytes.count == lowercased.utf8CodeUnitCount else { return false }
        var expected = lowercased.utf8Start
        for byte in bytes {
            guard lower(byte) == expected.pointee else { return false }
            expected += 1
        }
        return true
    }

    /// `bytes` without leading or trailing spaces and tabs (RFC 9110 §5.6.3 OWS).
    @inlinable public static func trimmingWhitespace<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Bytes.SubSequence {
        var trimmed = bytes[...]
        while let b = trimmed.first, b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { trimmed.removeFirst() }
        while let b = trimmed.last, b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { trimmed.removeLast() }
        return trimmed
    }
}
