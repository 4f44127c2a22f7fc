import PosternJOSE

/// The records written with every token request, encoded by hand: a refresh rotation and a deny-list entry.
/// The bytes are those of the synthesized `Encodable` (AuthRecordJSONTests checks it); other records use it.
extension AuthRecord: JSONStreamWritable {
    public func writeJSON(to out: inout [UInt8]) -> Bool {
        switch self {
        case let .accessTokenDenied(jti, expiresAt):
            JSONWriting.key("accessTokenDenied", first: true, to: &out)
            JSONWriting.key("jti", first: true, to: &out)
            JSONWriting.string(jti, to: &out)
            JSONWriting.key("expiresAt", first: false, to: &out)
            JSONWriting.integer(expiresAt, to: &out)
            out.append(contentsOf: "}}".utf8)
            return true
        case let .refreshRotated(familyID, successorHash, at, idleLifetime, accessToken):
            JSONWriting.key("refreshRotated", first: true, to: &out)
            JSONWriting.key("familyID", first: true, to: &out)
            JSONWriting.string(familyID, to: &out)
            JSONWriting.key("successorHash", first: false, to: &out)
            JSONWriting.bytes(successorHash, to: &out)
            JSONWriting.key("at", first: false, to: &out)
            JSONWriting.integer(at, to: &out)
            JSONWriting.key("idleLifetime", first: false, to: &out)
            JSONWriting.integer(idleLifetime, to: &out)
            JSONWriting.key("accessToken", first: false, to: &out)
            JSONWriting.key("jti", first: true, to: &out)
            JSONWriting.string(accessToken.jti, to: &out)
            JSONWriting.key("expiresAt", first: false, to: &out)
            JSONWriting.integer(accessToken.expiresAt, to: &out)
            out.append(contentsOf: "}}}".utf8)
            return true
        default:
            return false
        }
    }
}
