import Foundation

extension PosternError {
    /// The realm in every `WWW-Authenticate` challenge.
    public static let realm = "postern"

    /// The response body, API.md "Errors": `{"error","error_description"[,"field"]}` as UTF-8 JSON.
    public var jsonBody: [UInt8] {
        var body = "{\"error\":\(Self.jsonString(code.rawValue)),\"error_description\":\(Self.jsonString(publicDescription))"
        if let field { body += ",\"field\":\(Self.jsonString(field))" }
        body += "}"
        return Array(body.utf8)
    }

    /// The headers this error requires, as plain name/value pairs for the HTTP layer to add.
    public var headerFields: [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        switch code {
        case .invalidClient where basicAuthenticationAttempted:
            // RFC 6749 §5.2: if the client attempted to authenticate via "Authorization", the server
            // MUST respond with 401 and include the WWW-Authenticate header field matching the scheme.
            fields.append(("WWW-Authenticate", "Basic realm=\"\(Self.realm)\""))
        case .invalidToken, .tokenExpired, .tokenRevoked:
            // RFC 6750 §3 defines only invalid_token for these; API.md's finer code stays in the body.
            fields.append(("WWW-Authenticate", "Bearer realm=\"\(Self.realm)\", error=\"invalid_token\", "
                           + "error_description=\"\(Self.quotable(publicDescription))\""))
        case .insufficientScope:
            var challenge = "Bearer realm=\"\(Self.realm)\", error=\"insufficient_scope\""
            if let requiredScope { challenge += ", scope=\"\(Self.quotable(requiredScope))\"" }
            fields.append(("WWW-Authenticate", challenge))
        case .methodNotAllowed:
            fields.append(("Allow", allowedMethods.joined(separator: ", ")))
        case .rateLimited, .overloaded:
            // API.md: 429 and 503 always carry Retry-After; one second if the thrower named none.
            fields.append(("Retry-After", String(retryAfterSeconds ?? 1)))
        default:
            break
        }
        return fields
    }

    /// RFC 8259 §7: a JSON string with `"`, `\` and every control character escaped.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
                // DEL and the JS line separators are escaped too, so the body is safe inside a <script> or a log line.
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// RFC 6750 §3: error_description and scope values "MUST NOT include characters outside the set
    /// %x20-21 / %x23-5B / %x5D-7E"; anything else (quotes, backslashes, non-ASCII) becomes a space
    /// so the challenge stays one valid quoted string.
    static func quotable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x20...0x21, 0x23...0x5B, 0x5D...0x7E: scalar
            default: " "
            }
        }))
    }
}
