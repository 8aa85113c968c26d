/// An engine failure as a cell sees it in `catch { ... }`: `error` prints as the engine's message,
/// and `error.localizedDescription` / `error.message` give the same text.
public final class EngineError: NativeObject {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var typeName: String { "Error" }
    public var description: String { message }
    public var memberNames: [String] { ["localizedDescription", "message", "description"] }
    public func getMember(_ name: String) throws -> Value? {
        switch name {
        case "localizedDescription", "message", "description": return .string(message)
        default: return nil
        }
    }
    public func isEqual(to other: Value) -> Bool {
        if case .native(let o as EngineError) = other { return o.message == message }
        return false
    }
}
