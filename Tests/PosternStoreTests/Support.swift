import Foundation
@testable import PosternStore

/// A tiny state machine for store tests: string keys, integer values, and expiring entries.
struct Counters: StateMachine, Equatable {
    enum Record: Codable, Sendable, Equatable {
        case set(String, Int)
        case expiring(String, until: Int64)
        case fail
    }

    struct Refused: Error {}

    var values: [String: Int] = [:]
    var expiring: [String: Int64] = [:]

    init() {}

    mutating func apply(_ record: Record) throws {
        switch record {
        case let .set(k, v): values[k] = v
        case let .expiring(k, until): expiring[k] = until
        case .fail: throw Refused()
        }
    }

    mutating func dropExpired(now: Int64) {
        expiring = expiring.filter { $0.value > now }
    }
}

/// A fresh data folder under the system temporary directory, removed by the caller with `remove()`.
struct TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "postern-store-" + UUID().uuidString
    }

    var directory: DataDirectory { DataDirectory(path) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

extension FlatFileStore where State == Counters {
    func set(_ key: String, _ value: Int, audit: Bool = true) throws {
        try update { _ in
            (Change(records: [.set(key, value)], audit: audit ? [AuditRecord(type: "test.set", subject: key)] : []), ())
        }
    }
}
