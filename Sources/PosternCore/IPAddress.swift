import Glibc

/// An IPv4 or IPv6 address as its network-order bytes, parsed strictly (`inet_pton`), for listen addresses and proxy CIDRs.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    /// Parses dotted-quad IPv4 or RFC 4291 §2.2 IPv6 text (no brackets, no zone). Nil otherwise.
    public init?(_ text: some StringProtocol) {
        let text = String(text)
        // inet_pton stops at a NUL; refusing it here keeps "127.0.0.1\0junk" from passing.
        guard !text.utf8.contains(0), text.utf8.count <= 45 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return
        }
        return nil
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var isIPv6: Bool { bytes.count == 16 }

    /// 0.0.0.0 or `::` (RFC 4291 §2.5.2): a listener on it serves every interface, and no client can send to it.
    public var isUnspecified: Bool { bytes.allSatisfy { $0 == 0 } }

    /// 127.0.0.0/8 (RFC 1122 §3.2.1.3) or ::1 (RFC 4291 §2.5.3).
    public var isLoopback: Bool {
        isIPv6 ? bytes == [UInt8](repeating: 0, count: 15) + [1] : bytes[0] == 127
    }

    /// The IPv4 address that an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, RFC 4291 §2.5.5.2) stands for; any other
    /// address as it is. A dual-stack proxy reports IPv4 clients so, and left mapped they would miss IPv4 CIDRs and be
    /// logged in two spellings.
    public var unmapped: IPAddress {
        guard isIPv6, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF else { return self }
        return IPAddress(bytes: Array(bytes[12...]))
    }

    /// The canonical text (`inet_ntop`), e.g. `::1` or `10.0.0.1`.
    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = isIPv6 ? AF_INET6 : AF_INET
        let ok = bytes.withUnsafeBytes { raw in inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) }
        // inet_ntop fails only for a too-small buffer or unknown family; neither can happen here.
        return ok == nil ? "?" : String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
