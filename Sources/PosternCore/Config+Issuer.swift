extension Config {
    /// The issuer `serve` uses once its port is bound: the configured one, or, when none was given, an http URL a
    /// client on this machine can use. API.md "Configuration" pairs the default listen `127.0.0.1:8080` with the
    /// default issuer `http://127.0.0.1:8080`, so without POSTERN_ISSUER the issuer follows the listen address:
    /// a wildcard becomes the loopback address of its family (no client can send a request to `0.0.0.0`, and IPv6
    /// listeners are v6-only, so `[::]` becomes `[::1]`), and `:0` names the port the kernel picked.
    public func issuer(boundPort port: UInt16) -> String {
        if givenSettings.contains("issuer") { return issuer }
        var host = listen.address
        if host.isUnspecified, let loopback = IPAddress(host.isIPv6 ? "::1" : "127.0.0.1") { host = loopback }
        return "http://" + ListenAddress(address: host, port: port).description
    }
}
