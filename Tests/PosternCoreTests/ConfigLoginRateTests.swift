import Testing
@testable import PosternCore

@Suite struct ConfigLoginRateTests {
    @Test func defaultAndOverride() throws {
        #expect(try Config.load(environment: [:]).loginRatePerIP == 60)
        #expect(try Config.load(environment: ["POSTERN_LOGIN_RATE_PER_IP": "120"]).loginRatePerIP == 120)
    }

    @Test(arguments: ["0", "-5", "abc", "99999999999"])
    func badValuesNameTheSetting(_ value: String) {
        do {
            _ = try Config.load(environment: ["POSTERN_LOGIN_RATE_PER_IP": value])
            Issue.record("accepted \(value)")
        } catch {
            #expect("\(error)".hasPrefix("POSTERN_LOGIN_RATE_PER_IP"))
        }
    }
}
