import Foundation
import PosternCore
import PosternStore
import Synchronization

/// Hidden: `postern bench store` — (a) one thread appending and fsyncing each record alone,
/// (b) 64 committer threads through the group-committing store, each parked until its commit is durable,
/// (b′) 64 committers as the server runs them: 2 threads keep 32 commits each in flight and start the next one
/// when the store reports one durable (`submit` + `Durability.whenDone`); same disk, same record shape.
enum BenchStoreCommand: Command {
    static let name = "bench store"
    static let summary = "measure single-record fsync against group commit"
    static let synopsis = "--dir D [--seconds S] [--case single|group|pipelined]"
    static let options = [OptionSpec.value("dir"), OptionSpec.value("seconds"), OptionSpec.value("case")]
    static let isHidden = true

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        guard let dir = arguments.value("dir") else { throw UsageError("--dir is required") }
        let seconds = Double(arguments.value("seconds") ?? "5") ?? 5
        // One case alone is for profiling it (`perf record`); the bench runs all three.
        let only = arguments.value("case")
        if let only, !["single", "group", "pipelined"].contains(only) {
            throw UsageError("--case must be single, group or pipelined")
        }
        if only == nil || only == "single" {
            let single = try measureSingle(path: dir + "/single.log", seconds: seconds)
            print("single \(single.rate) \(single.p50) \(single.p99)")
        }
        if only == nil || only == "group" {
            let group = try measureGroup(directory: DataDirectory(dir + "/group"), threads: 64, seconds: seconds)
            print("group \(group.rate) \(group.p50) \(group.p99) \(group.framesPerSync)")
        }
        if only == nil || only == "pipelined" {
            let pipelined = try measurePipelined(directory: DataDirectory(dir + "/pipelined"), threads: 2, inFlight: 32,
                                                 seconds: seconds)
            print("pipelined \(pipelined.rate) \(pipelined.p50) \(pipelined.p99) \(pipelined.framesPerSync)")
        }
        return 0
    }

    struct Result {
        let rate: Int
        let p50: Int
        let p99: Int
        var framesPerSync = 1.0
    }

    /// A frame of the same size as a store commit, appended and fdatasynced alone, in a loop.
    static func measureSingle(path: String, seconds: Double) throws -> Result {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw UsageError("cannot open \(path)") }
        defer { close(fd) }
        let record = [UInt8](repeating: 0x61, count: 220)
        var latencies: [Int] = []
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = record.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            fdatasync(fd)
            latencies.append(Int(DispatchTime.now().uptimeNanoseconds - start) / 1_000)
        }
        return summarize(latencies, seconds: seconds)
    }

    static func measureGroup(directory: DataDirectory, threads: Int, seconds: Double) throws -> Result {
        let store = try FlatFileStore<AuthState>(directory: directory)
        let latencies = Mutex<[Int]>([])
        let end = Date().addingTimeInterval(seconds)
        Threads.run(threads) { t in
            var mine: [Int] = []
            var n = 0
            while Date() < end {
                let start = DispatchTime.now().uptimeNanoseconds
                try? store.update { _ in change(t, n) }
                mine.append(Int(DispatchTime.now().uptimeNanoseconds - start) / 1_000)
                n += 1
            }
            latencies.withLock { $0 += mine }
        }
        store.close()
        var result = summarize(latencies.withLock { $0 }, seconds: seconds)
        result.framesPerSync = store.framesPerSync
        return result
    }

    /// Each of `threads` keeps `inFlight` commits outstanding: a permit is returned by the durability callback.
    static func measurePipelined(directory: DataDirectory, threads: Int, inFlight: Int, seconds: Double) throws -> Result {
        let store = try FlatFileStore<AuthState>(directory: directory)
        let latencies = Mutex<[Int]>([])
        let end = Date().addingTimeInterval(seconds)
        Threads.run(threads) { t in
            // Created at 0 and filled by signals: libdispatch traps if a semaphore dies below its initial value.
            let permits = DispatchSemaphore(value: 0)
            for _ in 0..<inFlight { permits.signal() }
            var n = 0
            while Date() < end {
                permits.wait()
                let start = DispatchTime.now().uptimeNanoseconds
                guard let durability = try? store.submit({ _ in change(t, n) }).durability else { break }
                durability.whenDone { _ in
                    let elapsed = Int(DispatchTime.now().uptimeNanoseconds - start) / 1_000
                    latencies.withLock { $0.append(elapsed) }
                    permits.signal()
                }
                n += 1
            }
            for _ in 0..<inFlight { permits.wait() }
        }
        store.close()
        var result = summarize(latencies.withLock { $0 }, seconds: seconds)
        result.framesPerSync = store.framesPerSync
        return result
    }

    /// One commit of the benchmark: a deny-list entry and its audit event.
    private static func change(_ thread: Int, _ n: Int) -> (Change<AuthRecord>, Void) {
        (Change(records: [.accessTokenDenied(jti: "b-\(thread)-\(n)", expiresAt: 4_000_000_000)],
                audit: [AuditRecord(type: "token.revoked", subject: "b-\(thread)-\(n)")]), ())
    }

    static func summarize(_ latencies: [Int], seconds: Double) -> Result {
        let sorted = latencies.sorted()
        func pct(_ p: Double) -> Int { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        return Result(rate: Int(Double(sorted.count) / seconds), p50: pct(0.50), p99: pct(0.99))
    }
}
