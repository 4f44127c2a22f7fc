import PosternCore
import PosternHTTP
import Testing
@testable import PosternServer

/// API.md "Configuration", `POSTERN_TRUSTED_PROXIES`: whose `X-Forwarded-For` is believed, and how far.
@Suite struct TrustedProxiesTests {
    private static let proxies = TrustedProxies(networks: ["10.0.0.0/8", "192.168.1.7", "fd00::/8"].map { IPNetwork($0)! })

    private static func client(peer: String, _ forwardedFor: String...) -> String {
        proxies.clientAddress(peer: peer, headers: HTTPHeaders(forwardedFor.map { (name: "X-Forwarded-For", value: $0) }))
    }

    @Test func anUntrustedPeerIsTheClientWhateverItForwards() {
        #expect(Self.client(peer: "203.0.113.9", "198.51.100.1") == "203.0.113.9")
        #expect(Self.client(peer: "11.0.0.1", "10.0.0.2") == "11.0.0.1")
        #expect(Self.client(peer: "2001:db8::1", "198.51.100.1") == "2001:db8::1")
        // An empty list of networks trusts nobody.
        let none = TrustedProxies(networks: [])
        #expect(none.clientAddress(peer: "10.0.0.1", headers: HTTPHeaders([("X-Forwarded-For", "1.2.3.4")])) == "10.0.0.1")
    }

    @Test func aTrustedPeerWithoutTheHeaderIsTheClient() {
        #expect(Self.client(peer: "10.0.0.1") == "10.0.0.1")
        #expect(Self.client(peer: "10.0.0.1", "") == "10.0.0.1")
        #expect(Self.client(peer: "10.0.0.1", " , ,") == "10.0.0.1")
    }

    @Test func theFirstUntrustedHopFromTheRightIsTheClient() {
        #expect(Self.client(peer: "10.0.0.1", "198.51.100.1") == "198.51.100.1")
        // The client wrote 6.6.6.6 itself; the trusted proxy heard from 198.51.100.1.
        #expect(Self.client(peer: "10.0.0.1", "6.6.6.6, 198.51.100.1") == "198.51.100.1")
        // Trusted hops in between are skipped (recursive), however the list is spaced.
        #expect(Self.client(peer: "10.0.0.1", "6.6.6.6,198.51.100.1 ,\t192.168.1.7,10.9.9.9") == "198.51.100.1")
        #expect(Self.client(peer: "192.168.1.7", "6.6.6.6, 198.51.100.1, 10.2.3.4") == "198.51.100.1")
    }

    @Test func severalFieldLinesAreOneListInOrder() {
        #expect(Self.client(peer: "10.0.0.1", "6.6.6.6", "198.51.100.1, 10.0.0.3") == "198.51.100.1")
        #expect(Self.client(peer: "10.0.0.1", "6.6.6.6, 198.51.100.1", "10.0.0.3", "10.0.0.2") == "198.51.100.1")
        // An empty line in between is an empty list element, not garbage.
        #expect(Self.client(peer: "10.0.0.1", "198.51.100.1", "", "10.0.0.3") == "198.51.100.1")
    }

    @Test func everyHopTrustedMeansTheLeftmost() {
        #expect(Self.client(peer: "10.0.0.1", "10.0.0.5, 10.0.0.4, 192.168.1.7") == "10.0.0.5")
    }

    @Test func ipv6AndIPv4MappedAddresses() {
        #expect(Self.client(peer: "fd00::1", "2001:db8::7, fd12::1") == "2001:db8::7")
        // Canonical text, so that throttles and the audit log see one spelling per address.
        #expect(Self.client(peer: "fd00::1", "2001:DB8:0:0::7") == "2001:db8::7")
        // A dual-stack proxy's mapped IPv4 client is that IPv4 address, and a mapped trusted hop is trusted.
        #expect(Self.client(peer: "10.0.0.1", "::ffff:198.51.100.1") == "198.51.100.1")
        #expect(Self.client(peer: "10.0.0.1", "198.51.100.1, ::ffff:10.0.0.9") == "198.51.100.1")
        #expect(Self.client(peer: "::ffff:10.0.0.1", "198.51.100.1") == "198.51.100.1")
        #expect(Self.client(peer: "fd00::1", "10.0.0.3, 198.51.100.1") == "198.51.100.1")
    }

    @Test(arguments: ["banana", "198.51.100.1:443", "[2001:db8::1]", "2001:db8::1%eth0", "unknown", "1.2.3", "01.2.3.4",
                      "198.51.100.1 6.6.6.6", "1.2.3.4\u{0}", "_hidden"])
    func garbageStopsTheWalkAtTheLastGoodAddress(_ garbage: String) {
        #expect(Self.client(peer: "10.0.0.1", garbage) == "10.0.0.1")
        #expect(Self.client(peer: "10.0.0.1", "198.51.100.1, \(garbage)") == "10.0.0.1")
        #expect(Self.client(peer: "10.0.0.1", "198.51.100.1, \(garbage), 10.0.0.2") == "10.0.0.2")
        // Left of the client, garbage is never reached.
        #expect(Self.client(peer: "10.0.0.1", "\(garbage), 198.51.100.1") == "198.51.100.1")
    }

    @Test func theWalkStopsAfterTheMaximumNumberOfHops() {
        let trusted = (1...TrustedProxies.maximumHops).map { "10.0.0.\($0)" }
        // Exactly the maximum: the leftmost is still reached.
        #expect(Self.client(peer: "10.0.0.200", trusted.joined(separator: ",")) == "10.0.0.1")
        #expect(Self.client(peer: "10.0.0.200", (["198.51.100.1"] + trusted.dropFirst()).joined(separator: ",")) == "198.51.100.1")
        // One more: the walk ends on the last hop it read, however the rest reads.
        let tooMany = (["198.51.100.1"] + trusted).joined(separator: ",")
        #expect(Self.client(peer: "10.0.0.200", tooMany) == "10.0.0.1")
    }

    /// A network written in IPv4-mapped form names IPv4 addresses, and matches them however the peer's is written.
    @Test func anIPv4MappedNetworkTrustsItsIPv4Addresses() throws {
        let mapped = TrustedProxies(networks: [try #require(IPNetwork("::ffff:10.0.0.0/104"))])
        #expect(IPNetwork("::ffff:10.0.0.0/104")?.description == IPNetwork("10.0.0.0/8")?.description)
        for peer in ["10.1.2.3", "::ffff:10.1.2.3"] {
            #expect(mapped.clientAddress(peer: peer, headers: HTTPHeaders([("X-Forwarded-For", "198.51.100.1")])) == "198.51.100.1")
        }
        #expect(mapped.clientAddress(peer: "11.1.2.3", headers: HTTPHeaders([("X-Forwarded-For", "198.51.100.1")])) == "11.1.2.3")
    }
}
