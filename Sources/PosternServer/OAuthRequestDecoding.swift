import Foundation
import PosternCore
import PosternHTTP
import PosternJOSE

/// Turns an HTTP request to an OAuth endpoint into Core's `TokenRequest`: body parameters and Basic credentials.
enum OAuthRequestDecoding {
    /// RFC 6749 §3.2 form bodies; `allowJSON` also takes a JSON object of strings (API.md: `/oauth/token` accepts JSON).
    static func tokenRequest(_ request: HTTPRequest, context: RequestContext, allowJSON: Bool) throws(PosternError) -> TokenRequest {
        let type = (request.headers.first("Content-Type") ?? "").split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
        let parameters: [(name: String, value: String)]
        switch type {
        case _ where request.body.isEmpty:
            // No body at all has no parameters, whatever (or whether) a type was sent: the missing ones are named next.
            parameters = []
        case "application/x-www-form-urlencoded":
            do { parameters = try FormDecoder.decode(request.body) } catch {
                throw .invalidRequest("The body is not valid form encoding")
            }
        case "application/json" where allowJSON:
            parameters = try jsonParameters(request.body)
        default:
            throw PosternError(.unsupportedMediaType, description: allowJSON
                ? "Use application/x-www-form-urlencoded or application/json"
                : "Use application/x-www-form-urlencoded")
        }
        let (basic, attempted) = try basicCredentials(request.headers.first("Authorization"))
        return TokenRequest(parameters: parameters, basicCredentials: basic, basicAttempted: attempted,
                            clientIP: context.clientAddress, requestID: context.requestID)
    }

    /// RFC 6749 §2.3.1: the client id and secret are form-encoded, then joined by a colon, then base64.
    static func basicCredentials(_ header: String?) throws(PosternError) -> ((id: String, secret: String)?, Bool) {
        guard let header, header.count > 6, header.prefix(6).lowercased() == "basic " else { return (nil, false) }
        guard let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let colon = data.firstIndex(of: UInt8(ascii: ":")),
              let id = try? FormDecoder.percentDecode(ArraySlice(data[..<colon])),
              let secret = try? FormDecoder.percentDecode(ArraySlice(data[(colon + 1)...])), !id.isEmpty else {
            return (nil, true)
        }
        return ((id, secret), true)
    }

    /// A JSON object whose values are strings (integers are accepted as text, as some client libraries send them).
    /// The strict parser refuses duplicate keys, as RFC 6749 §3.2 refuses repeated parameters.
    private static func jsonParameters(_ body: [UInt8]) throws(PosternError) -> [(name: String, value: String)] {
        guard let object = (try? JSONValue(parsing: body))?.objectValue else {
            throw .invalidRequest("The body is not a JSON object without duplicate keys")
        }
        var pairs: [(name: String, value: String)] = []
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            if let text = value.stringValue {
                pairs.append((key, text))
            } else if let number = value.integerValue {
                pairs.append((key, String(number)))
            } else {
                throw .invalidRequest("\(key) must be a string", field: key)
            }
        }
        return pairs
    }
}
