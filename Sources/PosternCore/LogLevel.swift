/// How much the server writes to its stderr JSON log (`POSTERN_LOG_LEVEL`).
public enum LogLevel: String, CaseIterable, Comparable, Sendable {
    case debug, info, warning, error

    public static func < (a: LogLevel, b: LogLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
