import PosternStore

extension StoreOptions {
    /// Recovery warnings (a torn tail cut off) as one line on stderr.
    static var warningOnStderr: StoreOptions {
        var options = StoreOptions()
        options.warn = { CommandLineTool.fail("warning: \($0)") }
        return options
    }
}
