/// A refresh token's SHA-256 as a dictionary key.
///
/// It exists because `[UInt8]` feeds a hasher one byte at a time, and the refresh-token index is hashed several times
/// per refresh (the shard, then the shard's own table; a lookup, a duplicate check, an insert): this one hands the
/// 32 bytes over as one block.
struct TokenHash: Hashable, Sendable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
