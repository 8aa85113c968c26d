/// A function value that a builtin calls once per element (`map`, `filter`, `reduce`,
/// `sorted(by:)`, `contains(where:)`...). What `callPositional` checks on every call is checked
/// once, and the calls run in one frame, emptied between calls: a call that left a closure
/// holding the frame gets a fresh one for the next call. Values that need `invoke`'s general
/// rules (labels, defaults, variadics, a tuple spread over parameters, bound `self`) or that are
/// not closures (host functions, types) go through `callValue`, as before.
final class ElementCaller {
    private let interp: Interpreter
    private let f: Value
    private let loc: Loc
    /// The closure's function when calls take the fast path (kept alive by `f`: read without a
    /// retain per call).
    private let proto: Unmanaged<FunctionProto>?
    private let env: Frame?
    /// How many of the arguments go into parameter slots.
    private let stored: Int
    /// Whether the parameters convert their arguments (closures with declared parameters).
    private let converts: Bool
    private var frame: Unmanaged<Frame>?

    init(_ interp: Interpreter, _ f: Value, arity n: Int, _ loc: Loc) {
        self.interp = interp
        self.f = f
        self.loc = loc
        var fast: FunctionProto?
        var env: Frame?
        var stored = 0, converts = false
        if case .function(let fn) = f, let p = fn.proto, fn.boundSelf == nil, !p.hasSelf, p.variadicIndex == nil,
           p.slotCount >= p.paramCount, n == 1 || p.paramCount == n || p.anonymous && p.paramCount < n,
           !(n == 1 && p.paramCount > 1) {
            if p.anonymous {
                fast = p
                stored = min(n, p.paramCount)
            } else if n == p.paramCount, p.labels.allSatisfy({ $0 == nil }) {
                fast = p
                stored = n
                converts = !p.coercions.allSatisfy(\.isNone)
            }
            env = fn.env
        }
        proto = fast.map { Unmanaged.passUnretained($0) }
        self.env = fast == nil ? nil : env
        self.stored = stored
        self.converts = converts
    }

    deinit {
        if let u = frame, let p = proto { p._withUnsafeGuaranteedRef { interp.giveBack($0, u) } }
    }

    /// `f(x)`.
    @inline(__always)
    func call(_ x: Value) throws -> Value {
        guard let m = proto else { return try interp.callValue(f, [x], [nil], loc) }
        return try m._withUnsafeGuaranteedRef { try call($0, x) }
    }

    @inline(__always)
    private func call(_ p: FunctionProto, _ x: Value) throws -> Value {
        let u = takeFrame(p)
        let slots = u._withUnsafeGuaranteedRef { $0.slots }
        if stored > 0 { slots.initialize(to: converts ? try p.coercions[0].apply(x, keeping: p.coercionKinds[0], loc) : x) }
        return try run(p, u)
    }

    /// `f(x, y)`.
    @inline(__always)
    func call(_ x: Value, _ y: Value) throws -> Value {
        guard let m = proto else { return try interp.callValue(f, [x, y], [nil, nil], loc) }
        return try m._withUnsafeGuaranteedRef { try call($0, x, y) }
    }

    @inline(__always)
    private func call(_ p: FunctionProto, _ x: Value, _ y: Value) throws -> Value {
        let u = takeFrame(p)
        let slots = u._withUnsafeGuaranteedRef { $0.slots }
        if converts {
            slots.initialize(to: try p.coercions[0].apply(x, keeping: p.coercionKinds[0], loc))
            (slots + 1).initialize(to: try p.coercions[1].apply(y, keeping: p.coercionKinds[1], loc))
        } else {
            if stored > 0 { slots.initialize(to: x) }
            if stored > 1 { (slots + 1).initialize(to: y) }
        }
        return try run(p, u)
    }

    /// `f(x)` as a Bool (`filter`, `contains(where:)`...).
    @inline(__always)
    func test(_ x: Value) throws -> Bool { try interp.truth(try call(x), loc) }

    /// `f(x, y)` as a Bool (`sorted(by:)`, `min(by:)`...).
    @inline(__always)
    func test(_ x: Value, _ y: Value) throws -> Bool { try interp.truth(try call(x, y), loc) }

    /// The frame for the next call: the one the last call used, emptied, or a new one. It stays
    /// in `frame` while a call runs, so an error leaves it to `deinit` to give back.
    @inline(__always)
    private func takeFrame(_ p: FunctionProto) -> Unmanaged<Frame> {
        if let u = frame { return u }
        let u = interp.takeFrame(p, parent: env)
        frame = u
        return u
    }

    @inline(__always)
    private func run(_ p: FunctionProto, _ u: Unmanaged<Frame>) throws -> Value {
        let r = try u._withUnsafeGuaranteedRef { try interp.execute(p, $0, loc) }
        if !p.framesMayEscape || u._withUnsafeGuaranteedRef({ _getRetainCount($0) }) == 1 {
            u._withUnsafeGuaranteedRef { $0.clearSlots() }
        } else {
            // a closure made by the call keeps the frame: the next call gets its own
            u.release()
            frame = nil
        }
        return r
    }
}
