/// API.md conventions: "Output field names are `snake_case`. Input also accepts the camelCase spelling of these
/// fields, because client libraries in the wild send them" (`refreshToken`, `redirectUri`, …). JSON input names
/// are mapped here, once, so every handler reads only the snake_case name; a body that sends both spellings of a
/// field sends it twice, which the handlers already refuse.
enum JSONFieldName {
    /// `refreshToken` → `refresh_token`; a name without ASCII capitals is returned as it is.
    static func snakeCase(_ name: String) -> String {
        guard name.utf8.contains(where: isUpper) else { return name }
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count + 4)
        for byte in name.utf8 {
            if isUpper(byte) {
                out.append(UInt8(ascii: "_"))
                out.append(byte | 0x20)
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
}
