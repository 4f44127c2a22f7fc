/// The cost parameters of scrypt (RFC 7914 §2), bounded so that neither a configuration nor a hostile stored hash can ask for absurd memory or time.
public struct ScryptParameters: Equatable, Sendable {
    /// log2 of the CPU/memory cost N (PHC `ln`).
    public let logN: Int
    /// Block size r.
    public let blockSize: Int
    /// Parallelisation p.
    public let parallelism: Int

    /// The production default: N = 2^15, r = 8, p = 1 (32 MiB, the OWASP recommendation for scrypt).
    public static let recommended = ScryptParameters(uncheckedLogN: 15, blockSize: 8, parallelism: 1)

    // Hard caps on what any PHC string or configuration may request. The pool runs one hash
    // per core at a time, so 256 MiB per hash bounds a 2-core box to 512 MiB of scrypt memory;
    // the work cap (N·r·p ≤ 2^22, 16x the default) keeps one verification under a few seconds,
    // so a planted string cannot pin a worker for minutes.
    static let maximumLogN = 20
    static let maximumBlockSize = 32
    static let maximumParallelism = 16
    static let maximumMemoryBytes: UInt64 = 256 << 20
    static let maximumWork: UInt64 = 1 << 22

    /// Checked parameters; throws `CryptoError.malformedInput` naming the bound that was broken.
    public init(logN: Int, blockSize: Int, parallelism: Int) throws(CryptoError) {
        // RFC 7914 §2: N must be larger than 1 and a power of 2; r and p positive, p ≤ (2^32-1)·32 / (128·r).
        guard (1...Self.maximumLogN).contains(logN) else {
            throw .malformedInput("scrypt ln must be 1...\(Self.maximumLogN), got \(logN)")
        }
        guard (1...Self.maximumBlockSize).contains(blockSize) else {
            throw .malformedInput("scrypt r must be 1...\(Self.maximumBlockSize), got \(blockSize)")
        }
        guard (1...Self.maximumParallelism).contains(parallelism) else {
            throw .malformedInput("scrypt p must be 1...\(Self.maximumParallelism), got \(parallelism)")
        }
        self.init(uncheckedLogN: logN, blockSize: blockSize, parallelism: parallelism)
        guard memoryBytes <= Self.maximumMemoryBytes else {
            throw .malformedInput("scrypt ln=\(logN),r=\(blockSize),p=\(parallelism) needs \(memoryBytes >> 20) MiB, over the 256 MiB cap")
        }
        guard UInt64(1) << UInt64(logN) * UInt64(blockSize) * UInt64(parallelism) <= Self.maximumWork else {
            throw .malformedInput("scrypt ln=\(logN),r=\(blockSize),p=\(parallelism) is over the work cap N*r*p <= 2^22")
        }
    }

    private init(uncheckedLogN: Int, blockSize: Int, parallelism: Int) {
        self.logN = uncheckedLogN
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    /// N, the CPU/memory cost.
    public var costN: UInt64 { UInt64(1) << UInt64(logN) }

    /// The memory OpenSSL's scrypt allocates: V is 128·r·(N+2) bytes and B is 128·r·p bytes
    /// (crypto/evp/pbe_scrypt.c). It is also the `maxmem` passed to OpenSSL, whose default of
    /// 32 MiB would otherwise refuse the recommended parameters.
    var memoryBytes: UInt64 {
        let r = UInt64(blockSize)
        return 128 * r * (costN + 2) + 128 * r * UInt64(parallelism)
    }
}
