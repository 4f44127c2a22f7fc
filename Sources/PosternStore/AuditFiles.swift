import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The daily `audit/YYYY-MM-DD.jsonl` files: appending, the chain's last event, and retention.
final class AuditFiles: @unchecked Sendable {
    // @unchecked Sendable: only the store's single writer thread calls the mutating methods.
    private let directory: DataDirectory
    private var open: (day: String, file: StoreFile)?
    /// Files written since the last `sync()`.
    private var unsynced: [StoreFile] = []

    init(_ directory: DataDirectory) {
        self.directory = directory
    }

    static func path(_ directory: DataDirectory, day: String) -> String { directory.audit + "/" + day + ".jsonl" }

    static func days(_ directory: DataDirectory) -> [String] {
        DataDirectory.files(in: directory.audit, prefix: "").filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }
    }

    /// One event as its file holds it.
    struct Line: Sendable {
        let day: String
        /// The event's canonical JSON; the file's newline is added when it is written.
        let line: [UInt8]

        init(_ event: AuditEvent) {
            self.init(day: event.day, line: event.line)
        }

        init(day: String, line: [UInt8]) {
            self.day = day
            self.line = line
        }
    }

    /// Appends lines (in chain order) without an fsync: the state log already holds them durably, and
    /// recovery copies any the files lost. `sync()` makes them durable before the log's segments go.
    func append(_ lines: [Line]) throws(StoreError) {
        var run: [UInt8] = []
        var day: String?
        for line in lines {
            if let day, day != line.day {
                try write(run, day: day)
                run.removeAll(keepingCapacity: true)
            }
            day = line.day
            run += line.line
            run.append(UInt8(ascii: "\n"))
        }
        if let day { try write(run, day: day) }
    }

    private func write(_ lines: [UInt8], day: String) throws(StoreError) {
        let file = try file(for: day)
        try file.write(lines)
        if !unsynced.contains(where: { $0 === file }) { unsynced.append(file) }
    }

    /// fdatasyncs every file appended to since the last call.
    func sync() throws(StoreError) {
        for file in unsynced { try file.sync() }
        unsynced.removeAll()
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
