/// A dictionary split into a fixed number of small dictionaries by key hash, so copy-on-write copies one shard.
///
/// `AuthState` is a value that requests read as snapshots while the store mutates it under its lock. With a plain
/// `Dictionary`, any snapshot still alive makes the next mutation copy the whole table: with 100k refresh-token
/// hashes that was most of a refresh request's CPU. Here 4,096 shards sit in a tree of arrays, 16 wide and 3 deep, so
/// a mutation copies three arrays of 16 references and one shard (1/4,096 of the entries), where one flat array of 256
/// shards cost 256 retains and a shard 16 times larger (the refresh-token index only grows until families expire).
/// Encoded as a plain dictionary, so snapshots on disk do not depend on it.
public struct ShardedDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private static var width: Int { 16 }
    /// `tree[a][b][c]`: the shard of the keys whose hash is `a + 16 b + 256 c` modulo 4,096.
    private var tree: [[[[Key: Value]]]]
    public private(set) var count = 0

    public init() {
        let level = Array(repeating: [Key: Value](), count: Self.width)
        tree = Array(repeating: Array(repeating: level, count: Self.width), count: Self.width)
    }

    public init(_ dictionary: [Key: Value]) {
        self.init()
        for (key, value) in dictionary { self[key] = value }
    }

    private static func path(of key: Key) -> (Int, Int, Int) {
        let hash = UInt(bitPattern: key.hashValue), width = UInt(Self.width)
        return (Int(hash % width), Int(hash / width % width), Int(hash / width / width % width))
    }

    /// Every shard.
    private var shards: FlattenSequence<FlattenSequence<[[[[Key: Value]]]]>> { tree.joined().joined() }

    public var isEmpty: Bool { count == 0 }

    public subscript(key: Key) -> Value? {
        get {
            let (a, b, c) = Self.path(of: key)
            return tree[a][b][c][key]
        }
        set {
            let (a, b, c) = Self.path(of: key)
            let old: Value?
            if let newValue {
                old = tree[a][b][c].updateValue(newValue, forKey: key)
                if old == nil { count += 1 }
            } else {
                old = tree[a][b][c].removeValue(forKey: key)
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
    public func makeIterator() -> FlattenSequence<FlattenSequence<FlattenSequence<[[[[Key: Value]]]]>>>.Iterator {
        shards.joined().makeIterator()
    }
}

extension ShardedDictionary: Equatable where Value: Equatable {
    public static func == (lhs: ShardedDictionary, rhs: ShardedDictionary) -> Bool {
        // Both hash with the same seed in one process, so equal contents land in the same shards.
        lhs.count == rhs.count && lhs.tree == rhs.tree
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
