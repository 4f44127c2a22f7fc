#if canImport(Glibc)
import Glibc
#endif

/// `POSTERN_LISTEN=…:0`: asks the kernel for a free port before the server is built, because the
/// issuer (and so every discovery URL) names the port. The socket is closed at once; on loopback
/// nothing else takes the port in the instant before the server binds it with SO_REUSEADDR.
enum FreePort {
    static func pick(ipv6: Bool) throws -> UInt16 {
        let fd = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError.startup("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            return try bindAndRead(fd, &address)
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        return try bindAndRead(fd, &address)
    }

    private static func bindAndRead<A>(_ fd: Int32, _ address: inout A) throws -> UInt16 {
        var length = socklen_t(MemoryLayout<A>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { throw ServerError.startup("cannot find a free port: \(String(cString: strerror(errno)))") }
        // sin_port and sin6_port sit at the same offset (2) in both structures.
        let port = withUnsafeBytes(of: &address) { UInt16($0[2]) << 8 | UInt16($0[3]) }
        return port
    }
}
