#if canImport(Glibc)
import Glibc
#endif

// Not CommandLine.arguments: it replaces invalid UTF-8 with U+FFFD, so a name or an e-mail address would be stored as
// other text than was given. Bad arguments exit 2 with one line (API.md "Command line").
var arguments: [String] = []
for index in 1..<Int(CommandLine.argc) {
    guard let word = CommandLine.unsafeArgv[index].flatMap({ String(validatingCString: $0) }) else {
        CommandLineTool.fail("argument \(index) is not valid UTF-8")
        exit(2)
    }
    arguments.append(word)
}
exit(CommandLineTool.main(arguments))
