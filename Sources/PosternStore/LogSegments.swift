import Foundation

/// The `state/log-NNNNNN` segment files: each named after the first sequence number it may hold.
enum LogSegments {
    static func number(_ n: UInt64) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    static func name(startingAt lsn: UInt64) -> String { "log-" + number(lsn) }

    /// The segments in order, with their first sequence numbers.
    static func list(_ directory: DataDirectory) -> [(start: UInt64, path: String)] {
        DataDirectory.files(in: directory.state, prefix: "log-").compactMap { name in
            UInt64(name.dropFirst(4)).map { ($0, directory.state + "/" + name) }
        }
    }

    /// Every frame payload after `afterLSN`, in order. A torn final frame of the last segment is cut off (the
    /// file is truncated there, when `repair` is set) and reported; damage anywhere else throws.
    static func replay(_ directory: DataDirectory, after afterLSN: UInt64, repair: Bool,
                       warn: (String) -> Void) throws(StoreError) -> [ArraySlice<UInt8>] {
        var payloads: [ArraySlice<UInt8>] = []
        let segments = list(directory)
        for (index, segment) in segments.enumerated() {
            let bytes = try StoreFile.read(segment.path)
            var offset = 0
            while offset < bytes.count {
                switch Frame.read(bytes, at: offset) {
                case .frame(let payload, let next):
                    payloads.append(payload)
                    offset = next
                case .truncated where index == segments.count - 1:
                    try cutTornTail(segment.path, at: offset, repair: repair,
                                    because: "\(bytes.count - offset) bytes of an unfinished write", warn: warn)
                    offset = bytes.count
                case .damaged(let reason) where index == segments.count - 1 && isLastFrame(bytes, at: offset):
                    // A checksum failure in the very last frame is a write that did not finish.
                    try cutTornTail(segment.path, at: offset, repair: repair, because: reason, warn: warn)
                    offset = bytes.count
                case .truncated:
                    throw .corrupt(path: segment.path, offset: offset, reason: "record cut short in a segment that is not the last")
                case .damaged(let reason):
                    throw .corrupt(path: segment.path, offset: offset, reason: reason)
                }
            }
        }
        return payloads
    }

    /// Reports a torn final record and, when repairing, truncates the segment there (durably).
    private static func cutTornTail(_ path: String, at offset: Int, repair: Bool, because reason: String,
                                    warn: (String) -> Void) throws(StoreError) {
        warn("\(path): torn record at byte \(offset) cut off (\(reason))")
        guard repair else { return }
        let file = try StoreFile(path: path, flags: O_WRONLY)
        try file.truncate(to: offset)
        try file.sync()
    }

    /// Whether the frame at `offset` claims to end exactly at the end of the data.
    private static func isLastFrame(_ bytes: [UInt8], at offset: Int) -> Bool {
        guard bytes.count - offset >= Frame.headerSize else { return true }
        let length = (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        return offset + Frame.headerSize + length >= bytes.count
    }
}

#if canImport(Glibc)
import Glibc
#endif
