// swift-tools-version:6.0
// Postern: an OAuth 2.0 / OpenID Connect authorization server.
// No package dependencies by design: system OpenSSL and libcurl only.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "Postern",
    products: [
        .executable(name: "postern", targets: ["postern"]),
    ],
    targets: [
        // C shims: a module map and a header only; see DESIGN.md "C shims stay tiny".
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),

        // epoll and eventfd for the HTTP event loop, and prctl for thread names: the Glibc module does not include them.
        .systemLibrary(name: "CLinux"),

        .target(name: "PosternCrypto", dependencies: ["COpenSSL"], swiftSettings: strict),
        .target(name: "PosternJOSE", dependencies: ["PosternCrypto"], swiftSettings: strict),
        .target(name: "PosternHTTP", dependencies: ["CLinux"], swiftSettings: strict),
        .target(name: "PosternStore", dependencies: ["PosternCrypto", "PosternJOSE", "CLinux"], swiftSettings: strict),
        .target(name: "PosternCore", dependencies: ["PosternCrypto", "PosternJOSE", "PosternStore"], swiftSettings: strict),
        // Wiring HTTP to Core: routes, error rendering, the application that `serve` runs.
        // OpenAPIDocument.swift documents the routes as built (GET /openapi.json); the conformance suite checks it.
        .target(name: "PosternServer", dependencies: ["PosternCore", "PosternHTTP", "PosternStore", "PosternJOSE", "PosternCrypto"],
                swiftSettings: strict),
        .executableTarget(
            name: "postern",
            dependencies: ["PosternCrypto", "PosternJOSE", "PosternHTTP", "PosternStore", "PosternCore", "PosternServer"],
            swiftSettings: strict
        ),

        .testTarget(name: "PosternCryptoTests", dependencies: ["PosternCrypto"], swiftSettings: strict),
        .testTarget(name: "PosternJOSETests", dependencies: ["PosternJOSE", "PosternCrypto"], swiftSettings: strict),
        // A raw TCP client shared by the test targets that drive a real server on loopback.
        .target(name: "PosternTestSupport", dependencies: ["PosternHTTP"], path: "Tests/PosternTestSupport", swiftSettings: strict),
        .testTarget(name: "PosternHTTPTests", dependencies: ["PosternHTTP", "PosternTestSupport"], swiftSettings: strict),
        .testTarget(name: "PosternStoreTests", dependencies: ["PosternStore", "PosternCrypto"], swiftSettings: strict),
        .testTarget(name: "PosternCoreTests", dependencies: ["PosternCore", "PosternJOSE"], swiftSettings: strict),
        // The routes in process: PosternApplication on a loopback port and a temporary data folder.
        .testTarget(name: "PosternServerTests",
                    dependencies: ["PosternServer", "PosternCore", "PosternStore", "PosternHTTP", "PosternTestSupport"],
                    swiftSettings: strict),
        // Runs the built `postern` binary as a child process (argument parsing, exit codes, CLI commands).
        .testTarget(name: "PosternCLITests", dependencies: ["postern", "PosternStore", "PosternCore"], swiftSettings: strict),
    ]
)
