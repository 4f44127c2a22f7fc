import Foundation
import Synchronization
import Testing
import PosternCore
import PosternStore

/// A `postern` child whose stdout is collected line by line while it runs.
final class RunningChild: Sendable {
    let process: Process
    private let output = Mutex<[UInt8]>([])
    private let finished = DispatchSemaphore(value: 0)

    init(_ arguments: [String]) throws {
        process = Process()
        process.executableURL = PosternProcess.binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = pipe.fileHandleForReading
        Thread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                output.withLock { $0 += Array(data) }
            }
            finished.signal()
        }.start()
    }

    /// Waits (up to `seconds`) until the child has acknowledged at least one commit: on a loaded machine its start-up
    /// alone can outlast the random delay before the kill, and a run that kills only children still starting tests
    /// nothing.
    func waitForFirstLine(within seconds: Double = 20) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, !output.withLock({ $0.contains(10) }) { usleep(5_000) }
    }

    /// SIGKILL, then every complete line it printed.
    func kill() -> [String] {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        finished.wait()
        let bytes = output.withLock { $0 }
        guard let lastNewline = bytes.lastIndex(of: 10) else { return [] }
        return bytes[...lastNewline].split(separator: 10).map { String(decoding: $0, as: UTF8.self) }
    }
}

@Suite(.serialized) struct StoreCrashTests {
    @Test func everyAcknowledgedCommitSurvivesSIGKILL() throws {
        let dir = NSTemporaryDirectory() + "postern-crash-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let iterations = Int(ProcessInfo.processInfo.environment["POSTERN_CRASH_ITERATIONS"] ?? "") ?? 25
        var acknowledged: [String] = []
        for i in 0..<iterations {
            // A small snapshot interval so kills also land around snapshots and segment switches.
            let child = try RunningChild(["debug", "store-crash-child", "--data-dir", dir, "--prefix", "i\(i)", "--snapshot-every", "300"])
            child.waitForFirstLine()
            usleep(UInt32.random(in: 30_000...350_000))
            acknowledged += child.kill()
        }
        #expect(acknowledged.count > iterations)
        let store = try FlatFileStore<AuthState>(directory: DataDirectory(dir))
        let missing = store.read { state in acknowledged.filter { !state.isDenied(jti: $0) } }
        store.close()
        #expect(missing.isEmpty, "lost \(missing.count) acknowledged commits, e.g. \(missing.prefix(3))")
        let verify = try PosternProcess.run(["audit", "verify", "--data-dir", dir])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.hasPrefix("ok "))
    }

    @Test func aSecondProcessOnTheFolderIsRefusedNamingThePid() throws {
        let dir = NSTemporaryDirectory() + "postern-lock-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let child = try RunningChild(["debug", "store-crash-child", "--data-dir", dir, "--prefix", "x"])
        defer { _ = child.kill() }
        // Wait until it holds the lock (its first commit printed).
        for _ in 0..<200 where !DirectoryLock.isHeld(DataDirectory(dir)) { usleep(20_000) }
        let second = try PosternProcess.run(["debug", "store-crash-child", "--data-dir", dir, "--prefix", "y"])
        #expect(second.status == 1)
        #expect(second.stderr.contains("pid \(child.process.processIdentifier)"))
        let restore = try PosternProcess.run(["restore", NSTemporaryDirectory(), "--data-dir", dir])
        #expect(restore.status == 1)
        #expect(restore.stderr.contains("pid \(child.process.processIdentifier)"))
    }
}
