import PosternCore
import PosternHTTP

/// API.md "Configuration", `POSTERN_TRUSTED_PROXIES`: behind proxies the operator named, the client is the address
/// they forwarded, so per-IP throttles, the audit `ip` and the access log see the client and not the proxy (every
/// client sharing the proxy's address would share its throttle: one attacker's failures would lock out the rest).
///
/// The walk is nginx realip's with `real_ip_recursive on`: from the right end of `X-Forwarded-For`, past every address
/// that is itself a trusted proxy, to the first that is not. Entries left of it were written by the client and prove
/// nothing. A malformed entry stops the walk at the last address a trusted hop vouched for: garbage is never believed.
struct TrustedProxies: ClientAddressResolver {
    /// More hops than any real chain of proxies; the walk stops there (as at garbage) rather than parse every entry
    /// of a 16 KiB header that a client inside a trusted network wrote.
    static let maximumHops = 16

    let networks: [IPNetwork]

    func clientAddress(peer: String, headers: HTTPHeaders) -> String {
        // Anyone can write the header: it counts only when the socket peer itself is a trusted proxy.
        guard let peerAddress = IPAddress(peer)?.unmapped, trusts(peerAddress) else { return peer }
        var client = peerAddress
        var hops = 0
        // Each proxy appends the address it heard from, and RFC 9110 §5.3 makes several field lines one list in
        // order: the newest hop is the last entry of the last line.
        walk: for field in headers.values("X-Forwarded-For").reversed() {
            for entry in field.split(separator: ",", omittingEmptySubsequences: false).reversed() {
                let text = Substring(HTTPHeaders.trimmingWhitespace(entry.utf8))
                // RFC 9110 §5.6.1: a recipient ignores empty list elements.
                if text.isEmpty { continue }
                guard hops < Self.maximumHops, let address = IPAddress(text)?.unmapped else { break walk }
                hops += 1
                client = address
                if !trusts(address) { break walk }
            }
        }
        // With every hop trusted, the walk ended on the leftmost: the furthest address any proxy vouched for.
        return client.description
    }

    private func trusts(_ address: IPAddress) -> Bool {
        networks.contains { $0.contains(address) }
    }
}
