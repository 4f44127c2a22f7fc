#if canImport(Glibc)
import Glibc
#endif

/// The server's one non-blocking listening socket. Every event loop registers it in its own epoll with
/// EPOLLEXCLUSIVE, so a new connection wakes one idle loop (no thundering herd) and each loop still accepts for itself.
///
/// Not a socket per loop with SO_REUSEPORT: any process of the same user could then bind the port as well, and the
/// kernel would silently split connections between two servers (two issuers answering JWKS with two key sets).
/// Without it, a second server's bind fails with EADDRINUSE, and so does ours when anyone else holds the port.
final class Listener {
    let descriptor: Int32
    let port: UInt16

    /// Binds `host:port` (IPv4 or IPv6 literal; port 0 picks a free port, reported in `port`).
    init(host: String, port: UInt16, backlog: Int32) throws(SystemError) {
        let address = try SocketAddress(host: host, port: port)
        let descriptor = try SystemCall.retrying("socket") {
            socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        }
        do {
            // Linux's SO_REUSEADDR lets a restart bind past connections in TIME_WAIT, never past a listening socket.
            try Self.enable(SO_REUSEADDR, level: SOL_SOCKET, on: descriptor)
            if address.family == AF_INET6 {
                // An IPv6 listener serves IPv6 only, so binding "::" and "0.0.0.0" side by side works.
                try Self.enable(IPV6_V6ONLY, level: Int32(IPPROTO_IPV6), on: descriptor)
            }
            _ = try address.withSockaddr { pointer, length throws(SystemError) in
                try SystemCall.retrying("bind") { Glibc.bind(descriptor, pointer, length) }
            }
            _ = try SystemCall.retrying("listen") { listen(descriptor, backlog) }
            self.port = try SocketAddress.localPort(of: descriptor)
        } catch {
            SystemCall.close(descriptor)
            throw error
        }
        self.descriptor = descriptor
    }

    deinit {
        SystemCall.close(descriptor)
    }

    /// The next pending connection as a non-blocking socket with TCP_NODELAY, or nil when the backlog is empty.
    func accept() throws(SystemError) -> (descriptor: Int32, peer: String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let accepted: Int32
        do throws(SystemError) {
            accepted = try withUnsafeMutablePointer(to: &storage) { pointer throws(SystemError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SystemError) in
                    // accept4(2) needs _GNU_SOURCE, which the Glibc module does not define; accept + fcntl is one
                    // extra syscall per connection, not per request.
                    try SystemCall.retrying("accept") { Glibc.accept(descriptor, address, &length) }
                }
            }
        } catch where error.wouldBlock || error.errno == ECONNABORTED {
            return nil
        }
        do throws(SystemError) {
            _ = try SystemCall.retrying("fcntl") { fcntl(accepted, F_SETFL, O_NONBLOCK) }
            _ = try SystemCall.retrying("fcntl") { fcntl(accepted, F_SETFD, FD_CLOEXEC) }
        } catch {
            SystemCall.close(accepted)
            throw error
        }
        // Responses are written whole, so Nagle's delay would only add latency (RFC 9112 pipelining included).
        try? Self.enable(TCP_NODELAY, level: Int32(IPPROTO_TCP), on: accepted)
        return (accepted, SocketAddress.host(of: storage))
    }

    private static func enable(_ option: Int32, level: Int32, on descriptor: Int32) throws(SystemError) {
        var one: Int32 = 1
        _ = try SystemCall.retrying("setsockopt") {
            setsockopt(descriptor, level, option, &one, socklen_t(MemoryLayout<Int32>.size))
        }
    }
}
