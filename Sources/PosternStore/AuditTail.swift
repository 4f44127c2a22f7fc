/// The newest audit lines, read from the newest files backwards (for `postern audit tail`).
public enum AuditTail {
    public static func lastLines(_ count: Int, in directory: DataDirectory) throws(StoreError) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for day in AuditFiles.days(directory).reversed() where lines.count < count {
            let bytes = try StoreFile.read(AuditFiles.path(directory, day: day))
            let fileLines = bytes.split(separator: UInt8(ascii: "\n")).map(Array.init)
            lines = Array(fileLines.suffix(count - lines.count)) + lines
        }
        return lines
    }
}
