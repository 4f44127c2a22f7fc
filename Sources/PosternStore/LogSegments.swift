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

    /// Every frame payload after `afterLSN`, in order. A segment's frames end at the first place that is not a whole
    /// frame. Zeros from there on are the writer's preallocation (cut when `repair` is set). A broken frame there that
    /// reaches the end of the data (the last non-zero byte) is a torn final write, if the segment is the last: it is
    /// cut off (when `repair` is set) and reported. Anything else is damage, and throws.
    static func replay(_ directory: DataDirectory, after afterLSN: UInt64, repair: Bool,
                       warn: (String) -> Void) throws(StoreError) -> [ArraySlice<UInt8>] {
        var payloads: [ArraySlice<UInt8>] = []
        let segments = list(directory)
        for (index, segment) in segments.enumerated() {
            let bytes = try StoreFile.read(segment.path)
            var offset = 0
            while offset < bytes.count {
                let read = Frame.read(bytes, at: offset)
                if case .frame(let payload, let next) = read {
                    payloads.append(payload)
                    offset = next
                    continue
                }
                guard let dataEnd = bytes[offset...].lastIndex(where: { $0 != 0 }).map({ $0 + 1 }) else {
                    if repair { try cut(segment.path, at: offset) }
                    break
                }
                let reason: String
                switch read {
                case .damaged(let why): reason = why
                default: reason = "\(dataEnd - offset) bytes of an unfinished write"
                }
                guard index == segments.count - 1 else {
                    throw .corrupt(path: segment.path, offset: offset, reason: reason + " in a segment that is not the last")
                }
                let claimedEnd = offset + Frame.headerSize + (Frame.claimedLength(bytes, at: offset) ?? bytes.count)
                guard claimedEnd >= dataEnd else { throw .corrupt(path: segment.path, offset: offset, reason: reason) }
                warn("\(segment.path): torn record at byte \(offset) cut off (\(reason))")
                if repair { try cut(segment.path, at: offset) }
                break
            }
        }
        return payloads
    }

    /// Truncates the segment at `offset`, durably.
    private static func cut(_ path: String, at offset: Int) throws(StoreError) {
        let file = try StoreFile(path: path, flags: O_WRONLY)
        try file.truncate(to: offset)
        try file.sync()
    }
}
