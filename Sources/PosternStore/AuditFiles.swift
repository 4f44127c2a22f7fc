import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The daily `audit/YYYY-MM-DD.jsonl` files: appending, the chain's last event, and retention.
final class AuditFiles: @unchecked Sendable {
    // @unchecked Sendable: only the store's single writer thread calls the mutating methods.
    private let directory: DataDirectory
    private var open: (day: String, file: StoreFile)?

    init(_ directory: DataDirectory) {
        self.directory = directory
    }

    static func path(_ directory: DataDirectory, day: String) -> String { directory.audit + "/" + day + ".jsonl" }

    static func days(_ directory: DataDirectory) -> [String] {
        DataDirectory.files(in: directory.audit, prefix: "").filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }
    }

    /// Appends events (in chain order) and fsyncs every file it touched.
    func append(_ events: [AuditEvent]) throws(StoreError) {
        var touched: [StoreFile] = []
        for event in events {
            let file = try file(for: event.day)
            if !touched.contains(where: { $0 === file }) { touched.append(file) }
            try file.write(event.line + [UInt8(ascii: "\n")])
        }
        for file in touched { try file.sync() }
    }

    private func file(for day: String) throws(StoreError) -> StoreFile {
        if let open, open.day == day { return open.file }
        let path = AuditFiles.path(directory, day: day)
        let isNew = access(path, F_OK) != 0
        let file = try StoreFile(path: path, flags: O_WRONLY | O_CREAT | O_APPEND)
        if isNew { try StoreFile.syncDirectory(of: path) }
        open = (day, file)
        return file
    }

    /// The last complete event in the files; a partial last line (a crash mid-write) is cut off first.
    static func lastEvent(_ directory: DataDirectory, repair: Bool) throws(StoreError) -> AuditEvent? {
        for day in days(directory).reversed() {
            let path = AuditFiles.path(directory, day: day)
            var bytes = try StoreFile.read(path)
            if let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")), lastNewline != bytes.count - 1 {
                if repair {
                    let file = try StoreFile(path: path, flags: O_WRONLY)
                    try file.truncate(to: lastNewline + 1)
                    try file.sync()
                }
                bytes = Array(bytes[...lastNewline])
            } else if !bytes.isEmpty && bytes.last != UInt8(ascii: "\n") {
                if repair { try StoreFile(path: path, flags: O_WRONLY).truncate(to: 0) }
                bytes = []
            }
            guard let line = bytes.split(separator: UInt8(ascii: "\n")).last else { continue }
            return try AuditEvent(line: Array(line))
        }
        return nil
    }
}
