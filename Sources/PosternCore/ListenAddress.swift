/// The address and port the server binds (`POSTERN_LISTEN`): `127.0.0.1:8080`, `[::1]:8080`, `0.0.0.0:0`.
public struct ListenAddress: Equatable, Sendable, CustomStringConvertible {
    public let address: IPAddress
    /// 0 asks the kernel for a free port, which `serve` prints.
    public let port: UInt16

    public init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }

    /// Parses `IPv4:PORT`, `[IPv6]:PORT`, `localhost:PORT` or `:PORT`. An empty host and `localhost`
    /// mean 127.0.0.1: every interface must be asked for explicitly (`0.0.0.0` or `[::]`), so a
    /// shorthand never exposes the server by accident. No other host names: binding needs an
    /// address, and start-up does no DNS.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let host = text[..<colon], portText = text[text.index(after: colon)...]
        guard (1...5).contains(portText.utf8.count),
              portText.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let port = UInt16(portText) else { return nil }
        let address: IPAddress?
        if host.isEmpty || host == "localhost" {
            address = IPAddress("127.0.0.1")
        } else if host.hasPrefix("["), host.hasSuffix("]"), host.count > 2 {
            address = IPAddress(host.dropFirst().dropLast()).flatMap { $0.isIPv6 ? $0 : nil }
        } else {
            address = IPAddress(host).flatMap { $0.isIPv6 ? nil : $0 }
        }
        guard let address else { return nil }
        self.init(address: address, port: port)
    }

    /// `127.0.0.1:8080` or `[::1]:8080`.
    public var description: String {
        address.isIPv6 ? "[\(address)]:\(port)" : "\(address):\(port)"
    }
}
