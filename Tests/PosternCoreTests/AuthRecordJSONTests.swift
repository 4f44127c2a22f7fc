import Foundation
import PosternJOSE
import Testing
@testable import PosternCore

/// The hand-written JSON of the hot records must be byte for byte what their synthesized `Encodable` writes,
/// or replaying the log (which decodes with Codable) would break.
@Suite struct AuthRecordJSONTests {
    static let records: [AuthRecord] = [
        .accessTokenDenied(jti: "at_1", expiresAt: 1_795_000_900),
        .accessTokenDenied(jti: "quote \" backslash \\ é", expiresAt: -1),
        .refreshRotated(familyID: "ses_9", successorHash: Array(0...31), at: 1_795_000_000, idleLifetime: 2_592_000,
                        accessToken: .init(jti: "at_2", expiresAt: 1_795_000_900)),
        .refreshRotated(familyID: "", successorHash: [], at: 0, idleLifetime: 0, accessToken: .init(jti: "", expiresAt: 0)),
    ]

    @Test(arguments: records)
    func handWrittenBytesEqualTheSynthesizedEncoding(record: AuthRecord) throws {
        var handWritten: [UInt8] = []
        #expect(record.writeJSON(to: &handWritten))
        // Inside an array the stream encoder goes through Encodable; at the top level it takes the hand-written path.
        #expect(try JSONStreamEncoder.encode([record]) == [UInt8(ascii: "[")] + handWritten + [UInt8(ascii: "]")])
        #expect(try JSONStreamEncoder.encode(record) == handWritten)
        #expect(try JSONValue(parsing: handWritten) == JSONValue(parsing: Array(JSONEncoder().encode(record))))
        #expect(try JSONDecoder().decode(AuthRecord.self, from: Data(handWritten)) == record)
    }

    /// Families logged or snapshotted before `amr` was kept still decode, with no `amr`.
    @Test func aFamilyRecordedWithoutAMROrAudienceStillDecodes() throws {
        let old = #"{"refreshFamilyStarted":{"_0":{"id":"ses_1","clientID":"cli_1","subject":"usr_1","scope":["openid"],"#
            + #""authTime":100,"createdAt":100,"absoluteExpiresAt":1100,"currentHash":[1,2],"currentIssuedAt":100,"#
            + #""idleExpiresAt":600,"generation":0,"lastAccessToken":{"jti":"j0","expiresAt":200}}}}"#
        guard case .refreshFamilyStarted(let family) = try JSONDecoder().decode(AuthRecord.self, from: Data(old.utf8)) else {
            Issue.record("decoded another record")
            return
        }
        #expect(family.amr == nil && family.audience == nil)
        #expect(family.authTime == 100 && family.lastAccessToken.jti == "j0")
    }

    @Test func otherRecordsFallBackToEncodable() throws {
        var out: [UInt8] = []
        #expect(!AuthRecord.signingKeyRemoved(kid: "k1").writeJSON(to: &out))
        #expect(out.isEmpty)
        let encoded = try JSONStreamEncoder.encode(AuthRecord.signingKeyRemoved(kid: "k1"))
        #expect(try JSONDecoder().decode(AuthRecord.self, from: Data(encoded)) == .signingKeyRemoved(kid: "k1"))
    }

    /// Logs written before activations recorded the retired key's removal time must still replay.
    @Test func anActivationWithoutARemovalTimeStillDecodes() throws {
        let legacy = Data(#"{"signingKeyActivated":{"kid":"k1","at":10}}"#.utf8)
        #expect(try JSONDecoder().decode(AuthRecord.self, from: legacy) == .signingKeyActivated(kid: "k1", at: 10, retiredKeyRemoveAt: nil))
        // …and so must those written before the activation remembered its token lifetime; the new field round-trips.
        let older = Data(#"{"signingKeyActivated":{"kid":"k1","at":10,"retiredKeyRemoveAt":910}}"#.utf8)
        #expect(try JSONDecoder().decode(AuthRecord.self, from: older)
                == .signingKeyActivated(kid: "k1", at: 10, retiredKeyRemoveAt: 910, tokenLifetime: nil))
        let current = AuthRecord.signingKeyActivated(kid: "k1", at: 10, retiredKeyRemoveAt: 910, tokenLifetime: 900)
        #expect(try JSONDecoder().decode(AuthRecord.self, from: JSONEncoder().encode(current)) == current)
    }

    @Test func aRaisedLifetimeRoundTrips() throws {
        let raised = AuthRecord.signingKeyLifetimeRaised(kid: "k1", tokenLifetime: 86_400)
        #expect(try JSONDecoder().decode(AuthRecord.self, from: JSONEncoder().encode(raised)) == raised)
    }
}
