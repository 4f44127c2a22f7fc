import Foundation
import Synchronization
import Testing
@testable import PosternStore

@Suite struct FlatFileStoreTests {
    func open(_ folder: TemporaryFolder, _ configure: (inout StoreOptions) -> Void = { _ in }) throws -> FlatFileStore<Counters> {
        var options = StoreOptions()
        configure(&options)
        return try FlatFileStore<Counters>(directory: folder.directory, options: options)
    }

    /// The writer is a thread the kernel knows by name (top -H shows where the fsyncs are).
    @Test func theWriterThreadIsNamed() throws {
        let folder = TemporaryFolder()
        let store = try open(folder)
        defer { store.close() }
        // The writer names itself once it runs, which may be a moment after the store opened.
        func names() -> [String] {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
            return tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
        }
        for _ in 0..<200 where !names().contains("postern-writer\n") { usleep(10_000) }
        #expect(names().contains("postern-writer\n"))
    }

    /// DESIGN.md "Storage": `length (u32 LE) ‖ CRC-32C (u32 LE) ‖ payload`; "123456789" has the CRC-32C check
    /// value 0xE3069283. A frame built in place (the writer's way) is byte for byte the frame of the same payload.
    @Test func frameLayoutIsLengthChecksumPayload() {
        let payload = Array("123456789".utf8)
        #expect(Frame.encode(payload) == [9, 0, 0, 0, 0x83, 0x92, 0x06, 0xE3] + payload)
        var inPlace: [UInt8] = [0xAA]
        let start = Frame.openFrame(in: &inPlace)
        inPlace += payload
        Frame.closeFrame(in: &inPlace, openedAt: start)
        #expect(inPlace == [0xAA] + Frame.encode(payload))
        guard case .frame(let read, let next) = Frame.read(inPlace, at: 1) else { Issue.record("frame not read back"); return }
        #expect(Array(read) == payload && next == inPlace.count)
    }

    /// The writer frames a batch's commits back to back in one buffer, each `{"lsn","records","audit"}` with the
    /// records' JSON and the audit lines as they are.
    @Test func theWriterFramesEachCommitInOrder() {
        let commits = [
            Writer.Encoded(lsn: 7, records: [Array(#"{"a":1}"#.utf8), Array("2".utf8)],
                           audit: [AuditFiles.Line(day: "2026-12-01", line: Array(#"{"x":1}"#.utf8))]),
            Writer.Encoded(lsn: 8, records: [], audit: []),
        ]
        var batch: [UInt8] = []
        for commit in commits { Writer.appendFrame(commit, to: &batch) }
        guard case .frame(let first, let next) = Frame.read(batch, at: 0),
              case .frame(let second, let end) = Frame.read(batch, at: next) else { Issue.record("frames not read back"); return }
        #expect(String(decoding: first, as: UTF8.self) == #"{"lsn":7,"records":[{"a":1},2],"audit":[{"x":1}]}"#)
        #expect(String(decoding: second, as: UTF8.self) == #"{"lsn":8,"records":[],"audit":[]}"#)
        #expect(end == batch.count)
    }

    @Test func replayEqualsLiveState() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var live = Counters()
        do {
            let store = try open(folder)
            for i in 0..<200 { try store.set("k\(i % 17)", i) }
            live = store.read { $0 }
            store.close()
        }
        let reopened = try open(folder)
        #expect(reopened.read { $0 } == live)
        #expect(live.values["k16"] == 186)
    }

    @Test func aThrowingDecisionChangesNothingAndARefusedRecordIsReported() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try open(folder)
        try store.set("a", 1)
        struct Nope: Error {}
        #expect(throws: Nope.self) { try store.update { _ -> (Change<Counters.Record>, Void) in throw Nope() } }
        #expect(throws: StoreError.self) { try store.update { _ in (Change(records: [.set("b", 2), .fail, .set("c", 3)]), ()) } }
        // What applied before the refused record is kept, in memory and in the log alike.
        let state = store.read { $0 }
        #expect(state.values == ["a": 1, "b": 2])
        store.close()
        #expect(try open(folder).read { $0 } == state)
    }

    @Test func tornTailIsCutWithAWarning() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let segment = try closedLogOfFiveCommits(folder)
        let size = try StoreFile.read(segment).count
        // Half a frame: a write cut short by a crash.
        try appendToFile(segment, Array(Frame.encode(Array("{\"lsn\":6,\"records\":[],\"audit\":[]}".utf8)).prefix(12)))
        let (store, warnings) = try openCollectingWarnings(folder)
        #expect(store.read { $0.values["k"] } == 4)
        #expect(warnings.all.contains { $0.contains("torn record at byte \(size)") })
        #expect(try StoreFile.read(segment).count == size)
        // And it goes on working after the cut.
        try store.set("k", 5)
        store.close()
        #expect(try open(folder).read { $0.values["k"] } == 5)
    }

    @Test func corruptionInTheMiddleStopsStartUpNamingFileAndOffset() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let segment = try closedLogOfFiveCommits(folder)
        var bytes = try StoreFile.read(segment)
        bytes[Frame.headerSize + 3] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: segment))
        expectRefused(folder, naming: segment, offset: 0)
    }

    /// Five commits in a closed store; the path of its log segment.
    private func closedLogOfFiveCommits(_ folder: TemporaryFolder) throws -> String {
        let store = try open(folder)
        for i in 0..<5 { try store.set("k", i) }
        store.close()
        return try #require(LogSegments.list(folder.directory).last?.path)
    }

    /// Warnings the store reported, from whichever thread.
    private final class Warnings: Sendable {
        private let lines = Mutex<[String]>([])
        func add(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    private func openCollectingWarnings(_ folder: TemporaryFolder) throws -> (FlatFileStore<Counters>, Warnings) {
        let warnings = Warnings()
        let store = try open(folder) { $0.warn = { warnings.add($0) } }
        return (store, warnings)
    }

    /// Start-up refuses the folder with `.corrupt` naming `segment` and `offset`.
    private func expectRefused(_ folder: TemporaryFolder, naming segment: String, offset expected: Int) {
        do {
            _ = try open(folder)
            Issue.record("opened a damaged log")
        } catch let error as StoreError {
            guard case .corrupt(let path, let offset, _) = error else { Issue.record("\(error)"); return }
            #expect(path == segment && offset == expected)
        } catch {
            Issue.record("\(error)")
        }
    }

    /// Appends `bytes` to the end of `path`, as a crash can leave them.
    private func appendToFile(_ path: String, _ bytes: [UInt8]) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(bytes))
        handle.closeFile()
    }

    private func fileSize(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
    }

    @Test func theSegmentIsZeroFilledAheadWhileOpenAndTrimmedAtClose() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try open(folder)
        try store.set("k", 1)
        let segment = try #require(LogSegments.list(folder.directory).last?.path)
        #expect(fileSize(segment) >= Writer.preallocation)
        store.close()
        let bytes = try StoreFile.read(segment)
        guard case .frame(_, let next) = Frame.read(bytes, at: 0) else { Issue.record("no frame"); return }
        #expect(next == bytes.count)
    }

    @Test func zerosAfterTheLastFrameAreTheEndOfTheLogAndCutSilently() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let segment = try closedLogOfFiveCommits(folder)
        // A crash leaves the writer's zero fill after the last frame.
        let size = fileSize(segment)
        try appendToFile(segment, [UInt8](repeating: 0, count: 3 << 20))
        let (store, warnings) = try openCollectingWarnings(folder)
        #expect(store.read { $0.values["k"] } == 4)
        #expect(warnings.all.isEmpty)
        try store.set("k", 5)
        store.close()
        #expect(fileSize(segment) > size)
        #expect(try open(folder).read { $0.values["k"] } == 5)
    }

    @Test func aTornFrameBeforeTheZeroFillIsCutWithAWarning() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let segment = try closedLogOfFiveCommits(folder)
        let size = fileSize(segment)
        // The first pages of the last write reached the disk, the rest of the frame and the fill read as zeros.
        let frame = Frame.encode(Array(#"{"lsn":6,"records":[{"set":{"_0":"k","_1":5}}],"audit":[]}"#.utf8))
        try appendToFile(segment, Array(frame.prefix(frame.count - 9)) + [UInt8](repeating: 0, count: 1 << 20))
        let (store, warnings) = try openCollectingWarnings(folder)
        #expect(store.read { $0.values["k"] } == 4)
        #expect(warnings.all.contains { $0.contains("torn record at byte \(size)") })
        #expect(fileSize(segment) == size)
    }

    @Test func aZeroedFrameWithFramesAfterItStopsStartUp() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let segment = try closedLogOfFiveCommits(folder)
        // Zeros where an acknowledged frame was, with more frames after it: damage, not the end of the log.
        var bytes = try StoreFile.read(segment)
        guard case .frame(_, let next) = Frame.read(bytes, at: 0) else { Issue.record("no frame"); return }
        for i in 0..<next { bytes[i] = 0 }
        try Data(bytes).write(to: URL(fileURLWithPath: segment))
        expectRefused(folder, naming: segment, offset: 0)
        #expect(fileSize(segment) == bytes.count)
    }

    @Test func snapshotsReplaceOldSegmentsAndRecoveryUsesSnapshotPlusLog() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let clock = Mutex<Int64>(1_000)
        var expected = Counters()
        do {
            let store = try open(folder) {
                $0.snapshotEveryFrames = 10
                $0.now = { clock.withLock { $0 } }
            }
            try store.update { _ in (Change(records: [.expiring("old", until: 1_500), .expiring("new", until: 9_999)]), ()) }
            clock.withLock { $0 = 2_000 }
            for i in 0..<25 { try store.set("k\(i)", i) }
            expected = store.read { $0 }
            store.close()
        }
        let snapshots = DataDirectory.files(in: folder.directory.state, prefix: "snapshot-")
        #expect(snapshots.count == 1)
        // Segments the snapshot covers are gone; what is left starts after it.
        let name = try #require(snapshots.first)
        let covered = try #require(UInt64(name.dropFirst("snapshot-".count)))
        #expect(covered >= 10)
        #expect(LogSegments.list(folder.directory).allSatisfy { $0.start > covered })
        let reopened = try open(folder)
        #expect(reopened.read { $0 } == expected)
        // Expired entries were dropped at snapshot time, in memory too.
        #expect(expected.expiring == ["new": 9_999])
        #expect(try AuditVerifier.verify(folder.directory).events == 25)
    }

    @Test func damagedSnapshotStopsStartUp() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try open(folder) { $0.snapshotEveryFrames = 3 }
            for i in 0..<4 { try store.set("k", i) }
            store.close()
        }
        let name = try #require(DataDirectory.files(in: folder.directory.state, prefix: "snapshot-").last)
        let path = folder.directory.state + "/" + name
        var bytes = try StoreFile.read(path)
        bytes[bytes.count - 2] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { _ = try open(folder) }
    }

    @Test func aSecondOpenOfTheSameFolderIsRefusedWithThePid() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try open(folder)
        do {
            _ = try open(folder)
            Issue.record("two stores on one folder")
        } catch let error as StoreError {
            #expect(error == .locked(pid: getpid(), path: folder.directory.lockFile))
        }
        store.close()
    }

    @Test func filesAre0600AndFolders0700() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let old = umask(0)
        defer { umask(old) }
        let store = try open(folder)
        try store.set("a", 1)
        store.close()
        func mode(_ path: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1 }
        for dir in [folder.path, folder.directory.state, folder.directory.audit] { #expect(mode(dir) == 0o700, "\(dir)") }
        let files = [folder.directory.lockFile] + LogSegments.list(folder.directory).map(\.path)
            + AuditFiles.days(folder.directory).map { AuditFiles.path(folder.directory, day: $0) }
        for file in files { #expect(mode(file) == 0o600, "\(file)") }
    }

    @Test func concurrentCommitsAreAllDurableAndChained() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try open(folder)
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for i in 0..<50 { try? store.set("t\(t)-\(i)", i) }
        }
        store.close()
        let reopened = try open(folder)
        #expect(reopened.read { $0.values.count } == 400)
        let report = try AuditVerifier.verify(folder.directory)
        #expect(report.events == 400 && report.lastSeq == 400)
    }

    @Test func aBatchWhoseAuditLinesCannotBeFiledIsStillDurableAndTheStoreStops() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let now: @Sendable () -> Int64 = { 1_700_000_000 }
        // A folder where today's audit file should be: appending to it fails, even for root.
        let blocker = AuditFiles.path(folder.directory, day: "2023-11-14")
        do {
            let store = try open(folder) { $0.now = now }
            try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: false)
            try store.set("k", 1)
            #expect(throws: StoreError.self) { try store.set("k", 2) }
            store.close()
        }
        try FileManager.default.removeItem(atPath: blocker)
        // The first commit was durable, as reported; start-up files its audit line from the log.
        #expect(try open(folder) { $0.now = now }.read { $0.values["k"] } == 1)
        #expect(try AuditVerifier.verify(folder.directory).events == 1)
    }

    @Test func auditLinesLostByACrashAreRestoredFromTheLog() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try open(folder)
            for i in 0..<6 { try store.set("k", i) }
            store.close()
        }
        // Simulate a crash after the log sync and before the audit write: drop the last two lines.
        let day = try #require(AuditFiles.days(folder.directory).last)
        let path = AuditFiles.path(folder.directory, day: day)
        let lines = try StoreFile.read(path).split(separator: UInt8(ascii: "\n"))
        try Data(lines.prefix(4).flatMap { $0 + [10] }).write(to: URL(fileURLWithPath: path))
        #expect(throws: AuditVerifier.Failure.self) { _ = try AuditVerifier.verify(folder.directory) }
        _ = try open(folder)
        #expect(try AuditVerifier.verify(folder.directory).events == 6)
    }
}
