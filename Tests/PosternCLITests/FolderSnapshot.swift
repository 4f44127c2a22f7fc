import Foundation

/// Every entry under a data folder with its bytes: equal before and after shows that a refused command changed nothing.
struct FolderSnapshot: Equatable, CustomStringConvertible {
    /// Relative path → contents (nil for a folder).
    let entries: [String: Data?]

    /// `excludingLock`: a command that opens the store writes its pid into LOCK before it can refuse.
    init(_ root: String, excludingLock: Bool = false) {
        var entries: [String: Data?] = [:]
        let paths = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []
        for path in paths where !(excludingLock && path == "LOCK") {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            entries.updateValue(isDirectory.boolValue ? nil : FileManager.default.contents(atPath: root + "/" + path), forKey: path)
        }
        self.entries = entries
    }

    var description: String { entries.keys.sorted().joined(separator: ", ") }
}
