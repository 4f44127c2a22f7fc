#if canImport(Glibc)
import Glibc
#endif
import PosternHTTP

/// `postern bench http-server`: serves one fixed body on 127.0.0.1 with the access log off, for bench/http/run.sh.
enum BenchHTTPServerCommand: Command {
    static let name = "bench http-server"
    static let summary = "serve a fixed JSON body for the HTTP benchmark"
    static let synopsis = "--body FILE [--port N]"
    static let isHidden = true
    static let options: [OptionSpec] = [.value("body"), .value("port")]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        guard let path = arguments.value("body") else { throw UsageError("--body is required") }
        guard let port = UInt16(arguments.value("port") ?? "0") else { throw UsageError("--port must be 0…65535") }
        let body = try readFile(path)
        var configuration = HTTPServer.Configuration()
        configuration.port = port
        configuration.accessLog = false
        // The idle-connection measurement opens 10,000 sockets on top of wrk's leftovers.
        configuration.maxConnections = 20_000
        let response = HTTPResponse(status: 200, body: body)
        var router = Router()
        router.add(.get, "/") { _, _ in response }
        let server = HTTPServer(configuration: configuration, router: router)
        let bound = try server.start()
        // write(2), not print: the script waits for this line and stdout is a pipe (block-buffered).
        let line = Array("listening \(bound)\n".utf8)
        line.withUnsafeBytes { _ = write(1, $0.baseAddress, $0.count) }
        try server.run()
        return 0
    }

    private static func readFile(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw UsageError("cannot open \(path)") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return bytes
    }
}
