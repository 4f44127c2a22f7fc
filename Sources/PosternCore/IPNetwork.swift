/// A CIDR block (`10.0.0.0/8`, `fd00::/8`): the trusted proxies whose `X-Forwarded-For` is believed.
public struct IPNetwork: Equatable, Sendable, CustomStringConvertible {
    public let address: IPAddress
    public let prefixLength: Int

    /// Parses `ADDRESS/PREFIX`, or a bare address as a single host (/32 or /128). Nil on a bad
    /// address or prefix, or when bits beyond the prefix are set: `10.0.0.1/8` is almost always a
    /// typo, and trusting a wider network than meant would let clients forge their IP.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = IPAddress(parts[0]) else { return nil }
        let maximum = address.bytes.count * 8
        var prefixLength = maximum
        if parts.count == 2 {
            let digits = parts[1].utf8
            guard (1...3).contains(digits.count), digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                  digits.count == 1 || digits.first != UInt8(ascii: "0"),
                  let value = Int(parts[1]), value <= maximum else { return nil }
            prefixLength = value
        }
        guard Self.masked(address.bytes, prefixLength) == address.bytes else { return nil }
        // An IPv4-mapped network (`::ffff:10.0.0.0/104`) names IPv4 addresses, which are compared unmapped: keep it as
        // the IPv4 network it is, or it could never match.
        let unmapped = address.unmapped
        if unmapped != address && prefixLength >= 96 {
            self.address = unmapped
            self.prefixLength = prefixLength - 96
        } else {
            self.address = address
            self.prefixLength = prefixLength
        }
    }

    /// True when `other` is inside this network (same family only: an IPv4-mapped IPv6 peer must be unmapped first).
    public func contains(_ other: IPAddress) -> Bool {
        other.bytes.count == address.bytes.count && Self.masked(other.bytes, prefixLength) == address.bytes
    }

    /// `10.0.0.0/8`.
    public var description: String { "\(address)/\(prefixLength)" }

    private static func masked(_ bytes: [UInt8], _ prefixLength: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bits = min(max(prefixLength - index * 8, 0), 8)
            return bits == 0 ? 0 : byte & UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
        }
    }
}
