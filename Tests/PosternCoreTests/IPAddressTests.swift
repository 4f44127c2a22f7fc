import PosternCore
import Testing

/// `IPAddress`: strict parsing, canonical text, and IPv4-mapped addresses as the IPv4 address they stand for.
@Suite struct IPAddressTests {
    @Test func mappedAddressesUnmapToIPv4() {
        #expect(IPAddress("::ffff:198.51.100.1")!.unmapped == IPAddress("198.51.100.1")!)
        #expect(IPAddress("::FFFF:c633:6401")!.unmapped.description == "198.51.100.1")
        // Only ::ffff:0:0/96 is mapped: the deprecated compatible form and the rest of IPv6 stay as they are.
        for text in ["::198.51.100.1", "::1", "2001:db8::ffff:198.51.100.1", "0:0:0:0:1:ffff:c633:6401", "198.51.100.1"] {
            #expect(IPAddress(text)!.unmapped == IPAddress(text)!, "\(text)")
        }
    }

    @Test func descriptionIsCanonical() {
        #expect(IPAddress("2001:DB8:0:0:0:0:0:7")!.description == "2001:db8::7")
        #expect(IPAddress("01.2.3.4") == nil)
        #expect(IPAddress("1.2.3.4:80") == nil)
    }
}
