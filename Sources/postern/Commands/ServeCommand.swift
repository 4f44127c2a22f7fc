import Foundation
import PosternCore
import PosternHTTP
import PosternServer
#if canImport(Glibc)
import Glibc
#endif

/// `postern serve`: runs the server until SIGTERM/SIGINT, then drains and exits 0.
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "run the server (environment, --config FILE, and flags; see README)"
    static let synopsis = "[--config F] [--listen A] [--issuer U] [--data-dir D]"
    static let options = [ConfigOption.spec, OptionSpec.value("listen"), OptionSpec.value("issuer"), DataDirectoryOption.spec]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        // Before the store's writer thread exists, so it cannot be the thread a SIGTERM lands on.
        HTTPServer.blockShutdownSignals()
        var flags: [String: String] = [:]
        flags["listen"] = arguments.value("listen")
        flags["issuer"] = arguments.value("issuer")
        let config = try ConfigOption.load(arguments, flags: flags)
        for warning in config.warnings { CommandLineTool.fail("warning: \(warning)") }
        let application = try PosternApplication(config: config, warn: { CommandLineTool.fail("warning: \($0)") })
        // One line on stdout, so a supervisor (and the test harness) learns the port when it was 0.
        let line = Array("listening on http://\(ListenAddress(address: config.listen.address, port: application.port))\n".utf8)
        line.withUnsafeBytes { _ = write(1, $0.baseAddress, $0.count) }
        try application.run()
        return 0
    }
}
