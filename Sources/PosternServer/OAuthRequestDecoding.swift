import PosternCore
import PosternHTTP
import PosternJOSE

/// Turns an HTTP request to an OAuth endpoint into Core's `TokenRequest`: body parameters and Basic credentials.
enum OAuthRequestDecoding {
    /// RFC 6749 §3.2 form bodies; `allowJSON` also takes a JSON object of strings (API.md: `/oauth/token` accepts JSON).
    static func tokenRequest(_ request: HTTPRequest, context: RequestContext, allowJSON: Bool) throws(PosternError) -> TokenRequest {
        let parameters = try bodyParameters(request, allowJSON: allowJSON)
        let (basic, attempted) = try basicCredentials(authorization(request.headers))
        return TokenRequest(parameters: parameters, basicCredentials: basic, basicAttempted: attempted,
                            clientIP: context.clientAddress, requestID: context.requestID)
    }

    /// The body's parameters: a form, or (`allowJSON`) a JSON object of strings; an empty body has none.
    static func bodyParameters(_ request: HTTPRequest, allowJSON: Bool) throws(PosternError) -> [(name: String, value: String)] {
        // No body at all has no parameters, whatever (or whether) a type was sent: the missing ones are named next.
        if request.body.isEmpty { return [] }
        let contentType = request.headers.first("Content-Type")
        if hasMediaType(contentType, "application/x-www-form-urlencoded") {
            do { return try FormDecoder.decode(request.body) } catch {
                throw .invalidRequest("The body is not valid form encoding")
            }
        }
        if allowJSON && hasMediaType(contentType, "application/json") { return try jsonParameters(request.body) }
        throw PosternError(.unsupportedMediaType, description: allowJSON
            ? "Use application/x-www-form-urlencoded or application/json"
            : "Use application/x-www-form-urlencoded")
    }

    /// Whether a `Content-Type` value names `lowercased`, in any case, with or without parameters and surrounding
    /// blanks (RFC 9110 §8.3.1). Compared in the header's own bytes: building the lower-cased type as a String
    /// cost five allocations per token request.
    static func hasMediaType(_ header: String?, _ lowercased: StaticString) -> Bool {
        guard var header else { return false }
        return header.withUTF8 { bytes in
            HTTPHeaders.equalsIgnoringCase(HTTPHeaders.trimmingWhitespace(bytes.prefix { $0 != UInt8(ascii: ";") }), lowercased)
        }
    }

    /// The one `Authorization` field, if any: two are malformed (`HTTPHeaders.Single.repeated`), and RFC 6749 §2.3
    /// allows one authentication per request.
    static func authorization(_ headers: HTTPHeaders) throws(PosternError) -> String? {
        switch headers.single("Authorization") {
        case .absent: return nil
        case .value(let value): return value
        case .repeated: throw .invalidRequest("Send one Authorization header field, not two")
        }
    }

    /// RFC 6749 §2.3.1: the client id and secret are form-encoded, then joined by a colon, then base64.
    static func basicCredentials(_ header: String?) throws(PosternError) -> ((id: String, secret: String)?, Bool) {
        guard let header else { return (nil, false) }
        let bytes = Array(header.utf8)
        // RFC 9110 §11.1: the scheme is case-insensitive.
        guard bytes.count > 6, HTTPHeaders.equalsIgnoringCase(bytes.prefix(6), "basic ") else { return (nil, false) }
        guard let decoded = Base64.decode(padded: HTTPHeaders.trimmingWhitespace(bytes[6...])),
              let colon = decoded.firstIndex(of: UInt8(ascii: ":")),
              let id = try? FormDecoder.percentDecode(decoded[..<colon]),
              let secret = try? FormDecoder.percentDecode(decoded[(colon + 1)...]), !id.isEmpty else {
            return (nil, true)
        }
        return ((id, secret), true)
    }

    /// A JSON object whose values are strings (integers are accepted as text, as some client libraries send them).
    /// The strict parser refuses duplicate keys, as RFC 6749 §3.2 refuses repeated parameters; camelCase names are
    /// read as their snake_case spelling (API.md conventions), so `refreshToken` beside `refresh_token` is a repeat.
    private static func jsonParameters(_ body: [UInt8]) throws(PosternError) -> [(name: String, value: String)] {
        guard let object = (try? JSONValue(parsing: body))?.objectValue else {
            throw .invalidRequest("The body is not a JSON object without duplicate keys")
        }
        var pairs: [(name: String, value: String)] = []
        for (sent, value) in object.sorted(by: { $0.key < $1.key }) {
            let key = JSONFieldName.snakeCase(sent)
            if let text = value.stringValue {
                // A form refuses NUL (FormDecoder); the same parameter in JSON (`\u0000`) must not get further.
                guard !text.utf8.contains(0) else { throw .invalidRequest("\(key) must not contain NUL", field: key) }
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
