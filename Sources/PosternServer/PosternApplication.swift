import Foundation
import PosternCore
import PosternHTTP
import PosternStore

/// The running server: the data folder's store, the domain, the routes and the HTTP server, wired from `Config`.
public final class PosternApplication: Sendable {
    public let config: Config
    public let store: FlatFileStore<AuthState>
    public let service: AuthorizationService
    public let server: HTTPServer
    public let port: UInt16
    public let issuer: String
    /// Start-up and maintenance problems that do not stop the server (the `warn` given to `init`).
    let warn: @Sendable (String) -> Void

    /// Opens the store, loads or creates the keys, creates the bootstrap admin if configured and absent, binds the
    /// listener, applies the audit retention.
    /// The issuer is `config.issuer(boundPort:)`; its warning, if any, goes to `warn`.
    /// `handlesSignals` false leaves SIGTERM/SIGINT alone (an application inside a test process stops with `shutdown()`).
    public init(config: Config, handlesSignals: Bool = true,
                warn: @escaping @Sendable (String) -> Void) throws {
        self.config = config
        self.warn = warn
        var options = StoreOptions()
        options.warn = warn
        // The loops are CPU-bound under load, and each fsync's CPU comes out of theirs (StoreOptions).
        options.syncIntervalMicroseconds = 1000
        store = try FlatFileStore<AuthState>(directory: DataDirectory(config.dataDirectory), options: options)
        let key = try EncryptionKeyFile.load(configured: config.encryptionKey, dataDirectory: config.dataDirectory,
                                             stateHoldsSealedKeys: store.read { !$0.sealedKeys.isEmpty })
        var configuration = HTTPServer.Configuration()
        configuration.host = config.listen.address.description
        configuration.port = config.listen.port
        // Hashing is all CPU: at nice 10 it takes what the loops leave, so 503s and every other route stay fast while
        // logins saturate the cores.
        configuration.workerNiceness = 10
        configuration.handlesSignals = handlesSignals
        configuration.accessLog = config.logLevel == .debug || config.logLevel == .info
        // Without trusted proxies there is nothing to resolve: the peer is the client, at no cost per request.
        if !config.trustedProxies.isEmpty {
            configuration.clientAddressResolver = TrustedProxies(networks: config.trustedProxies)
        }
        let metrics = MetricsRegistry()
        // The issuer names the port, and the routes need the issuer: with port 0, pick the port first.
        if configuration.port == 0 { configuration.port = try FreePort.pick(ipv6: config.listen.address.isIPv6) }
        let issuer = config.issuer(boundPort: configuration.port)
        self.issuer = issuer
        if let warning = config.issuerWarning(issuer) { warn(warning) }
        service = AuthorizationService(issuer: issuer, config: config, store: DurableAuthStore(store), encryptionKey: key)
        try service.maintainKeys()
        if let email = config.bootstrapAdminEmail, let password = config.bootstrapAdminPassword {
            try service.createBootstrapAdmin(email: email, password: password)
        }
        var router = Router()
        OAuthRoutes.register(service, metrics: metrics, on: &router)
        DiscoveryRoutes.register(service, on: &router)
        OperationsRoutes.register(service, metrics: metrics, on: &router)
        // Workers run only the password grant (no request waits for a commit on one: ResponseGate), so the pool is
        // exactly the hashing admission: a thread per concurrent hash and a queue as deep as the checker's. A login
        // the pool accepts is then always admitted, and every 503 of a flood comes from the event loop at once
        // (API.md "Errors"), not from a worker that had to be scheduled first. Upstream calls (libcurl, social
        // login) wait on the network, not the CPU: they need a pool of their own, not these threads.
        configuration.workerThreadCount = service.passwords.concurrency
        configuration.workerQueueDepthPerThread = max(1, service.passwords.queueDepth / service.passwords.concurrency)
        server = HTTPServer(configuration: configuration, router: router,
                            middleware: [RequestIDMiddleware(), SecurityHeadersMiddleware()], metrics: metrics)
        do {
            port = try server.start()
        } catch {
            store.close()
            // API.md: start-up that cannot go on says why in one line. The listener no longer shares its port
            // (HTTPServer.start), so another server there, ours or anyone's, is refused rather than joined.
            guard error.errno == EADDRINUSE else { throw error }
            let bound = ListenAddress(address: config.listen.address, port: configuration.port)
            throw ServerError.startup("cannot listen on \(bound): address already in use (is another server running there?)")
        }
        removeExpiredAuditFiles()
    }

    /// Starts the same graceful stop as SIGTERM; `run()` returns once it has drained.
    public func shutdown() {
        server.shutdown()
    }

    /// Serves until SIGTERM/SIGINT has drained the server, keeping the key schedule and the audit retention up to
    /// date on a thread of their own; then stops that thread and closes the store.
    public func run() throws {
        let stop = DispatchSemaphore(value: 0), stopped = DispatchSemaphore(value: 0)
        NamedThread.start("postern-maint") { [self] in
            runMaintenance(until: stop)
            stopped.signal()
        }
        defer {
            stop.signal()
            // The store must outlive a commit the thread may be making.
            stopped.wait()
            store.close()
        }
        try server.run()
    }
}
