import Foundation
import Synchronization

/// Runs the built `postern` binary as a child process and captures its output, for CLI tests.
struct PosternProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The `postern` executable beside the test bundle in the build folder (or `POSTERN_BIN`).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["POSTERN_BIN"] { return URL(fileURLWithPath: path) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On Linux the runner is `<build>/debug/PosternPackageTests.xctest`; walk up until `postern` is found.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("postern")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("postern")
    }

    /// Runs `postern serve` with `arguments` on 127.0.0.1:0 until it prints its `listening on` line, then stops it with
    /// SIGTERM. `listened` false: it exited on its own (a refused start), with that status and stderr.
    static func serve(_ arguments: [String], environment: [String: String] = [:]) throws -> (listened: Bool, result: Result) {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--listen", "127.0.0.1:0"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["POSTERN_LOG_LEVEL"] = "warning"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errData = collect(err)
        // A server that neither listens nor exits must not hang the suite.
        let deadline = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: deadline)
        defer { deadline.cancel() }
        var stdout = Data()
        while !String(decoding: stdout, as: UTF8.self).contains("listening on") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            stdout.append(chunk)
        }
        let listened = String(decoding: stdout, as: UTF8.self).contains("listening on")
        if listened && process.isRunning { process.terminate() }
        stdout.append(out.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        return (listened, Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                 stderr: String(decoding: errData(), as: UTF8.self)))
    }

    /// `directory`: the working directory (a relative data folder such as the default `./postern-data` is in it).
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    directory: String? = nil) throws -> Result {
        try run(arguments, stdinBytes: stdin.map { Data($0.utf8) }, environment: environment, directory: directory)
    }

    /// The same with raw bytes on stdin (invalid UTF-8, NUL), or with stdin read from the file at `stdinPath`.
    static func run(_ arguments: [String], stdinBytes: Data?, stdinPath: String? = nil,
                    environment: [String: String] = [:], directory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory.map { URL(fileURLWithPath: $0) }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = try stdinPath.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? input
        try process.run()
        let outData = collect(out), errData = collect(err)
        // The child may refuse before reading all of stdin: a closed pipe is its answer, not the test's failure.
        if let stdinBytes { try? input.fileHandleForWriting.write(contentsOf: stdinBytes) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData(), as: UTF8.self),
                      stderr: String(decoding: errData(), as: UTF8.self))
    }

    /// Reads `pipe` to its end on another thread and returns a wait for the bytes: reading one pipe to its end before
    /// the other would hang on a child that fills the other (64 KiB) first.
    private static func collect(_ pipe: Pipe) -> () -> Data {
        let done = DispatchSemaphore(value: 0)
        let bytes = Mutex(Data())
        let handle = pipe.fileHandleForReading
        DispatchQueue.global().async {
            let read = handle.readDataToEndOfFile()
            bytes.withLock { $0 = read }
            done.signal()
        }
        return {
            done.wait()
            return bytes.withLock { $0 }
        }
    }
}
