import RLSupport
public struct SourceText { public init(file: String, text: String, firstLine: Int, columnOffset: Int = 0) {} }
public struct CompiledCell {}
public final class Interpreter {
    public init() {}
    public var output: (String) -> Void = { _ in }
    public func compile(_ source: SourceText) -> Result<CompiledCell, [Diagnostic]> { .success(CompiledCell()) }
    public func run(_ cell: CompiledCell, timeout: Double?) -> Diagnostic? { nil }
    public func interrupt() {}
}
extension Array: @retroactive Error where Element == Diagnostic {}
