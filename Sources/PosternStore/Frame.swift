import PosternCrypto

/// One record on disk: `length (u32 LE) ‖ CRC-32C of payload (u32 LE) ‖ payload` (DESIGN.md "Storage").
enum Frame {
    static let headerSize = 8
    /// A frame larger than this is damage, not data (a whole commit is a few KiB).
    static let maximumPayload = 64 << 20

    static func encode(_ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        append(payload, to: &out)
        return out
    }

    /// Appends the frame of `payload` to `out`.
    static func append(_ payload: [UInt8], to out: inout [UInt8]) {
        out.reserveCapacity(out.count + headerSize + payload.count)
        let start = openFrame(in: &out)
        out.append(contentsOf: payload)
        closeFrame(in: &out, openedAt: start)
    }

    /// Starts a frame whose payload the caller appends next, so it is written in place rather than copied in:
    /// returns where the header is, for `closeFrame`.
    static func openFrame(in out: inout [UInt8]) -> Int {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: headerSize))
        return start
    }

    /// Fills in the header of the frame opened at `start`: everything appended since is its payload.
    static func closeFrame(in out: inout [UInt8], openedAt start: Int) {
        let payloadStart = start + headerSize
        let crc = out.withUnsafeBytes { CRC32.castagnoli.checksum(UnsafeRawBufferPointer(rebasing: $0[payloadStart...])) }
        let length = UInt32(out.count - payloadStart)
        for byte in 0..<4 {
            out[start + byte] = UInt8(truncatingIfNeeded: length >> UInt32(8 * byte))
            out[start + 4 + byte] = UInt8(truncatingIfNeeded: crc >> UInt32(8 * byte))
        }
    }

    /// What the bytes at `offset` hold.
    enum Read {
        case frame(payload: ArraySlice<UInt8>, next: Int)
        /// The frame runs past the end of the data: a write cut short.
        case truncated
        /// A whole frame whose checksum or length is wrong.
        case damaged(String)
    }

    static func read(_ bytes: [UInt8], at offset: Int) -> Read {
        guard bytes.count - offset >= headerSize else { return .truncated }
        let length = Int(uint32(bytes, offset)), crc = uint32(bytes, offset + 4)
        // Every commit has a payload; an empty frame is zero fill (whose all-zero header checks out).
        guard length > 0 else { return .damaged("frame length 0") }
        guard length <= maximumPayload else { return .damaged("frame length \(length) is implausible") }
        guard bytes.count - offset - headerSize >= length else { return .truncated }
        let payload = bytes[(offset + headerSize)..<(offset + headerSize + length)]
        guard CRC32.castagnoli.checksum(payload) == crc else { return .damaged("checksum mismatch") }
        return .frame(payload: payload, next: offset + headerSize + length)
    }

    /// The payload length the header at `offset` states, if the header is all there.
    static func claimedLength(_ bytes: [UInt8], at offset: Int) -> Int? {
        bytes.count - offset >= headerSize ? Int(uint32(bytes, offset)) : nil
    }

    private static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << UInt32(8 * $1) }
    }
}
