import Foundation
import Testing
@testable import PosternCore
import PosternJOSE

@Suite struct ShardedDictionaryTests {
    /// Random inserts, overwrites and removals give the same contents and count as a plain Dictionary.
    @Test func behavesLikeADictionary() {
        var generator = SystemRandomNumberGenerator()
        var sharded = ShardedDictionary<String, Int>()
        var plain: [String: Int] = [:]
        for step in 0..<20_000 {
            let key = "k\(Int.random(in: 0..<3_000, using: &generator))"
            if Bool.random(using: &generator) {
                sharded[key] = step
                plain[key] = step
            } else {
                #expect(sharded.removeValue(forKey: key) == plain.removeValue(forKey: key))
            }
            #expect(sharded[key] == plain[key])
        }
        #expect(sharded.count == plain.count)
        #expect(sharded.isEmpty == plain.isEmpty)
        #expect(sharded.dictionary == plain)
        #expect(Dictionary(uniqueKeysWithValues: sharded.map { ($0.key, $0.value) }) == plain)
        #expect(Set(sharded.values) == Set(plain.values))
        #expect(sharded.filter { $0.value % 2 == 0 }.dictionary == plain.filter { $0.value % 2 == 0 })
    }

    @Test func aCopyIsIsolatedFromLaterMutations() {
        var live = ShardedDictionary(["a": 1, "b": 2])
        let snapshot = live
        live["a"] = 10
        live["c"] = 3
        live["b"] = nil
        #expect(snapshot.dictionary == ["a": 1, "b": 2])
        #expect(live.dictionary == ["a": 10, "c": 3])
        #expect(snapshot != live)
        #expect(ShardedDictionary(["a": 1, "b": 2]) == snapshot)
    }

    /// On disk it is a plain JSON object, so snapshots written before sharding still load.
    @Test func encodesAsAPlainDictionary() throws {
        let value = ShardedDictionary(["x": 1, "y": 2])
        let encoded = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode([String: Int].self, from: encoded) == ["x": 1, "y": 2])
        #expect(try JSONDecoder().decode(ShardedDictionary<String, Int>.self, from: JSONEncoder().encode(["p": 7])) ==
                ShardedDictionary(["p": 7]))
    }

    /// Written shard by shard, through both encoders, it is still one object holding every entry; keys that are not
    /// strings take the dictionary's own form.
    @Test func manyShardsEncodeAsOneObject() throws {
        let entries = Dictionary(uniqueKeysWithValues: (0..<500).map { ("key-\($0)", $0) })
        let value = ShardedDictionary(entries)
        #expect(try JSONDecoder().decode([String: Int].self, from: JSONEncoder().encode(value)) == entries)
        #expect(try JSONDecoder().decode([String: Int].self, from: Data(JSONStreamEncoder.encode(value))) == entries)
        let bytes = ShardedDictionary([[UInt8(1)]: "a", [2, 3]: "b"])
        #expect(try JSONDecoder().decode([[UInt8]: String].self, from: JSONEncoder().encode(bytes)) == [[1]: "a", [2, 3]: "b"])
    }
}

@Suite struct TokenHashTests {
    @Test func equalBytesAreOneKeyAndEveryHashIsFoundAgain() {
        var generator = SystemRandomNumberGenerator()
        let hashes = (0..<10_000).map { _ in (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        var index = ShardedDictionary<TokenHash, Int>()
        for (i, bytes) in hashes.enumerated() { index[TokenHash(bytes)] = i }
        #expect(index.count == Set(hashes).count)
        for (i, bytes) in hashes.enumerated() { #expect(index[TokenHash(Array(bytes))] == i) }
        // One byte changed is another key; a prefix is another key.
        var changed = hashes[0]
        changed[31] ^= 1
        #expect(index[TokenHash(changed)] == nil && index[TokenHash(Array(hashes[0].prefix(31)))] == nil)
        #expect(TokenHash(hashes[1]) == TokenHash(hashes[1]) && TokenHash(hashes[1]).hashValue == TokenHash(hashes[1]).hashValue)
    }
}
