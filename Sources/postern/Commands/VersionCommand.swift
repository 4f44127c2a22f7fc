/// `postern version`: the build's version string.
enum VersionCommand: Command {
    static let name = "version"
    static let summary = "print the version"
    static let current = "0.1.0-dev"

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        print("postern \(current)")
        return 0
    }
}
