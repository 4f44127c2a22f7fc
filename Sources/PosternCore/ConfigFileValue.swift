/// A value in the JSON config file: settings are text, numbers or (for `trusted_proxies`) a list of text.
enum ConfigFileValue: Decodable {
    case text(String)
    case list([String])
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let number = try? container.decode(Int64.self) {
            self = .text(String(number))
        } else if let list = try? container.decode([String].self) {
            self = .list(list)
        } else {
            throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath,
                                                                debugDescription: "expected a string, an integer or a list of strings"))
        }
    }
}
