/// A dictionary split into a fixed number of small dictionaries by key hash, so copy-on-write copies one shard.
///
/// `AuthState` is a value that requests read as snapshots while the store mutates it under its lock. With a plain
/// `Dictionary`, any snapshot still alive makes the next mutation copy the whole table: with 100k refresh-token
/// hashes that was most of a refresh request's CPU. Here a mutation copies the shard array (256 references) and
/// one shard (1/256 of the entries). Encoded as a plain dictionary, so snapshots on disk do not depend on it.
public struct ShardedDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private static var shardCount: Int { 256 }
    private var shards: [[Key: Value]]
    public private(set) var count = 0

    public init() {
        shards = Array(repeating: [:], count: Self.shardCount)
    }

    public init(_ dictionary: [Key: Value]) {
        self.init()
        for (key, value) in dictionary { self[key] = value }
    }

    private static func shard(of key: Key) -> Int {
        Int(UInt(bitPattern: key.hashValue) % UInt(shardCount))
    }

    public var isEmpty: Bool { count == 0 }

    public subscript(key: Key) -> Value? {
        get { shards[Self.shard(of: key)][key] }
        set {
            let index = Self.shard(of: key)
            let old: Value?
            if let newValue {
                old = shards[index].updateValue(newValue, forKey: key)
                if old == nil { count += 1 }
            } else {
                old = shards[index].removeValue(forKey: key)
                if old != nil { count -= 1 }
            }
        }
    }

    @discardableResult
    public mutating func removeValue(forKey key: Key) -> Value? {
        let old = self[key]
        self[key] = nil
        return old
    }

    public var values: [Value] { shards.flatMap(\.values) }

    /// The entries for which `isIncluded` holds.
    public func filter(_ isIncluded: ((key: Key, value: Value)) throws -> Bool) rethrows -> ShardedDictionary {
        var kept = ShardedDictionary()
        for shard in shards {
            for entry in shard where try isIncluded(entry) { kept[entry.key] = entry.value }
        }
        return kept
    }

    /// A plain dictionary of every entry (encoding, tests).
    public var dictionary: [Key: Value] {
        var all: [Key: Value] = [:]
        all.reserveCapacity(count)
        for shard in shards { all.merge(shard) { first, _ in first } }
        return all
    }
}

extension ShardedDictionary: Sequence {
    public func makeIterator() -> FlattenSequence<[[Key: Value]]>.Iterator {
        shards.joined().makeIterator()
    }
}

extension ShardedDictionary: Equatable where Value: Equatable {
    public static func == (lhs: ShardedDictionary, rhs: ShardedDictionary) -> Bool {
        // Both hash with the same seed in one process, so equal contents land in the same shards.
        lhs.count == rhs.count && lhs.shards == rhs.shards
    }
}

extension ShardedDictionary: Codable where Key: Codable, Value: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try [Key: Value](from: decoder))
    }

    /// The same JSON as the merged dictionary's, written shard by shard: merging first cost more than encoding.
    public func encode(to encoder: any Encoder) throws {
        guard Key.self == String.self else { return try dictionary.encode(to: encoder) }
        var container = encoder.container(keyedBy: StringKey.self)
        for shard in shards {
            for (key, value) in shard { try container.encode(value, forKey: StringKey(stringValue: key as! String)) }
        }
    }
}

/// Any string as a coding key, for objects whose keys are data.
private struct StringKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
