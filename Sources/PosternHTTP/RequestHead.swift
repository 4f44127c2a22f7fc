/// A validated request line and header block, and how its body is framed.
struct RequestHead: Sendable {
    enum Framing: Sendable, Equatable {
        case none
        case length(Int)
        case chunked
    }

    let method: HTTPMethod
    let target: String
    let version: HTTPVersion
    let headers: HTTPHeaders
    let framing: Framing
    let expectsContinue: Bool

    /// Parses the bytes before CRLFCRLF.
    static func parse(_ bytes: ArraySlice<UInt8>, limits: HTTPLimits) -> Result<RequestHead, HTTPParseError> {
        var lines: [ArraySlice<UInt8>] = []
        lines.reserveCapacity(16)  // one allocation for a usual head, where growing from empty took four
        var lineStart = bytes.startIndex
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == LF {
                // RFC 9112 §2.2: a bare LF is not a line end here (see RequestParser).
                guard i > lineStart, bytes[i - 1] == CR else { return .failure(.bad("Bare LF in request head")) }
                lines.append(bytes[lineStart..<(i - 1)])
                lineStart = i + 1
            }
            i += 1
        }
        lines.append(bytes[lineStart..<bytes.endIndex])
        let requestLine = lines[0]
        guard requestLine.count <= limits.requestLine else { return .failure(HTTPParseError(414, "Request line too long")) }
        guard lines.count - 1 <= limits.headerFields else { return .failure(HTTPParseError(431, "Too many header fields")) }
        guard bytes.count - requestLine.count <= limits.headerBytes + 2 else {
            return .failure(HTTPParseError(431, "Request headers too large"))
        }
        let (method, target, version): (HTTPMethod, String, HTTPVersion)
        switch parseRequestLine(requestLine) {
        case .failure(let e): return .failure(e)
        case .success(let parts): (method, target, version) = parts
        }
        var headers = HTTPHeaders()
        headers.reserveCapacity(lines.count - 1)
        // The fields that decide how the message is read, picked out by name as the fields go by: asking the
        // header list for each name afterwards walked it four times with String comparisons.
        var hosts = 0, expectsContinue = false
        var encodings: [String] = [], lengths: [ArraySlice<UInt8>] = []
        for line in lines.dropFirst() {
            switch parseField(line) {
            case .failure(let e): return .failure(e)
            case .success(let (name, value)):
                let valueText = String(decoding: value, as: UTF8.self)
                switch name.count {
                case 4 where HTTPHeaders.equalsIgnoringCase(name, "host"): hosts += 1
                case 6 where HTTPHeaders.equalsIgnoringCase(name, "expect"): expectsContinue = expectsContinue || valueText.lowercased() == "100-continue"
                case 14 where HTTPHeaders.equalsIgnoringCase(name, "content-length"): lengths.append(value)
                case 17 where HTTPHeaders.equalsIgnoringCase(name, "transfer-encoding"): encodings.append(valueText)
                default: break
                }
                headers.add(String(decoding: name, as: UTF8.self), valueText)
            }
        }
        // RFC 9112 §3.2: "A server MUST respond with a 400 … to any HTTP/1.1 request message that lacks
        // a Host header field and to any request message that contains more than one Host header field".
        if hosts > 1 || (version == .http1_1 && hosts == 0) { return .failure(.bad("Missing or repeated Host header")) }
        switch framing(encodings: encodings, lengths: lengths, version: version, limits: limits) {
        case .failure(let e): return .failure(e)
        case .success(let framing):
            let expects = version == .http1_1 && framing != .none && expectsContinue
            return .success(RequestHead(method: method, target: target, version: version, headers: headers,
                                        framing: framing, expectsContinue: expects))
        }
    }

    /// RFC 9112 §3: `method SP request-target SP HTTP-version`.
    static func parseRequestLine(_ line: ArraySlice<UInt8>) -> Result<(HTTPMethod, String, HTTPVersion), HTTPParseError> {
        // Exactly two spaces: `split` would allocate an array of the three parts.
        guard let firstSpace = line.firstIndex(of: SP),
              let secondSpace = line[(firstSpace + 1)...].firstIndex(of: SP),
              !line[(secondSpace + 1)...].contains(SP) else {
            return .failure(.bad("Malformed request line"))
        }
        let parts = (line[..<firstSpace], line[(firstSpace + 1)..<secondSpace], line[(secondSpace + 1)...])
        guard !parts.0.isEmpty, parts.0.allSatisfy(isTokenByte) else {
            return .failure(.bad("Malformed request line"))
        }
        // Compared as bytes: no String per request.
        let version: HTTPVersion
        if parts.2.elementsEqual("HTTP/1.1".utf8) {
            version = .http1_1
        } else if parts.2.elementsEqual("HTTP/1.0".utf8) {
            version = .http1_0
        } else if parts.2.starts(with: "HTTP/".utf8) {
            return .failure(HTTPParseError(505, "HTTP version not supported"))
        } else {
            return .failure(.bad("Malformed request line"))
        }
        // Visible ASCII only: no controls, spaces or raw non-ASCII in a target (RFC 3986 characters).
        guard !parts.1.isEmpty, parts.1.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .failure(.bad("Malformed request target"))
        }
        var target = String(decoding: parts.1, as: UTF8.self)
        if !target.hasPrefix("/") {
            // RFC 9112 §3.2.2: a server MUST accept the absolute-form; the authority is ignored here.
            let lower = target.lowercased()
            if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
                let afterScheme = target.dropFirst(lower.hasPrefix("http://") ? 7 : 8)
                if let cut = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) {
                    target = (afterScheme[cut] == "/" ? "" : "/") + afterScheme[cut...]
                } else {
                    target = "/"
                }
            } else if target == "*" && parts.0.elementsEqual("OPTIONS".utf8) {
                // RFC 9112 §3.2.4: asterisk-form, only for OPTIONS.
            } else {
                return .failure(.bad("Malformed request target"))
            }
        }
        return .success((HTTPMethod(rawValue: String(decoding: parts.0, as: UTF8.self)), target, version))
    }

    /// RFC 9112 §5: `field-name ":" OWS field-value OWS`, with no whitespace before the colon and no obs-fold.
    static func parseField(_ line: ArraySlice<UInt8>) -> Result<(name: ArraySlice<UInt8>, value: ArraySlice<UInt8>), HTTPParseError> {
        guard let first = line.first else { return .failure(.bad("Empty header line")) }
        // RFC 9112 §5.2: obs-fold is rejected with 400.
        guard first != SP && first != HTAB else { return .failure(.bad("Folded header line")) }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return .failure(.bad("Header line without a colon")) }
        let name = line[line.startIndex..<colon]
        // RFC 9112 §5.1: "No whitespace is allowed between the field name and colon."
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else { return .failure(.bad("Invalid header name")) }
        let value = HTTPHeaders.trimmingWhitespace(line[(colon + 1)...])
        // RFC 9110 §5.5: CR, LF and NUL are never allowed in a value; other controls are refused too.
        guard value.allSatisfy({ $0 >= 0x20 && $0 != 0x7F || $0 == HTAB }) else {
            return .failure(.bad("Invalid character in header value"))
        }
        return .success((name, value))
    }

    /// RFC 9112 §6.1–6.3: how the body is delimited, refusing every ambiguity a proxy could read differently.
    static func framing(encodings: [String], lengths: [ArraySlice<UInt8>], version: HTTPVersion,
                        limits: HTTPLimits) -> Result<Framing, HTTPParseError> {
        if !encodings.isEmpty {
            // RFC 9112 §6.1: a message with both "ought to be handled as an error"; it is the classic smuggling vector.
            guard lengths.isEmpty else { return .failure(.bad("Both Content-Length and Transfer-Encoding")) }
            // RFC 9112 §6.1: Transfer-Encoding in HTTP/1.0 means the framing is faulty.
            guard version == .http1_1 else { return .failure(.bad("Transfer-Encoding in HTTP/1.0")) }
            let codings = encodings.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
                .map { $0.trimmingCharacters(in: " \t").lowercased() }
            guard codings == ["chunked"] else {
                if codings.contains("") { return .failure(.bad("Malformed Transfer-Encoding")) }
                // RFC 9112 §6.1: an unknown transfer coding is 501 (Not Implemented).
                return .failure(HTTPParseError(501, "Only chunked transfer coding is supported"))
            }
            return .success(.chunked)
        }
        guard !lengths.isEmpty else { return .success(.none) }
        var length: Int?
        // Each field is a comma-separated list (RFC 9110 §5.3), read as bytes: no Foundation trimming per request.
        for field in lengths {
            var rest = field
            while true {
                let end = rest.firstIndex(of: UInt8(ascii: ",")) ?? rest.endIndex
                let digits = HTTPHeaders.trimmingWhitespace(rest[..<end])
                // RFC 9110 §8.6: 1*DIGIT; no sign, no spaces inside, no exponent.
                guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                    return .failure(.bad("Invalid Content-Length"))
                }
                // Anything longer than the limit's digits is over the limit: no overflow to think about.
                let n = digits.count > 18 ? Int.max : digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                if let length, length != n { return .failure(.bad("Conflicting Content-Length values")) }
                length = n
                guard end < rest.endIndex else { break }
                rest = rest[(end + 1)...]
            }
        }
        guard let length else { return .failure(.bad("Invalid Content-Length")) }
        guard length <= limits.body else { return .failure(HTTPParseError(413, "Request body too large")) }
        return .success(length == 0 ? .none : .length(length))
    }
}

/// RFC 9110 §5.6.2 tchar.
func isTokenByte(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        return true
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
         UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
         UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
        return true
    default:
        return false
    }
}
