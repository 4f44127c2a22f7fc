internal import COpenSSL
import Synchronization

/// Cryptographically secure random bytes from OpenSSL's `RAND_bytes`, the only randomness source Postern uses for secrets.
///
/// Small requests (identifiers, refresh tokens, nonces, salts) are served from a reserve filled 4 KiB at a time:
/// each `RAND_bytes` call pays a fixed cost (the DRBG's locking and its CTR update) that was ~2.5 µs for a 30-byte
/// `jti`, 2 % of a token request, while 4 KiB costs about as much again. The reserve is OpenSSL output like any
/// other; the bytes handed out are wiped from it, so a secret exists once in memory, where its caller keeps it.
/// Postern never forks, so no child process can inherit and repeat the reserve.
public enum SecureRandom {
    /// Requests up to this size come from the reserve; larger ones call `RAND_bytes` directly.
    static let reserveLimit = 256

    private static let reserve = Mutex(RandomReserve())

    /// Returns `count` random bytes. RAND_bytes fails only when the system entropy source is broken; that is fatal.
    public static func bytes(_ count: Int) -> [UInt8] {
        if count == 0 { return [] }
        if count > reserveLimit { return fresh(count) }
        return reserve.withLock { $0.take(count) }
    }

    static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        let ok = RAND_bytes(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(buffer.count))
        // A server that cannot get randomness must not issue tokens; continuing would be worse than stopping.
        precondition(ok == 1, "RAND_bytes failed: the system entropy source is unavailable")
    }

    private static func fresh(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }
}

/// RAND_bytes output not yet handed out; `SecureRandom` holds one behind a lock.
struct RandomReserve: ~Copyable {
    static let capacity = 4096

    private let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: RandomReserve.capacity, alignment: 16)
    /// Bytes before this offset have been handed out (and wiped), or were never filled.
    private var offset = RandomReserve.capacity

    mutating func take(_ count: Int) -> [UInt8] {
        precondition(count <= Self.capacity)
        if Self.capacity - offset < count {
            SecureRandom.fill(storage)
            offset = 0
        }
        let region = UnsafeMutableRawBufferPointer(rebasing: storage[offset..<(offset + count)])
        let out = [UInt8](region)
        region.initializeMemory(as: UInt8.self, repeating: 0)
        offset += count
        return out
    }

    deinit {
        storage.initializeMemory(as: UInt8.self, repeating: 0)
        storage.deallocate()
    }
}
