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
    /// The arguments are lent to the frame rather than copied into it (no retain and release per
    /// call): the closure's parameters are constants and its frame cannot outlive a call (no
    /// closure made inside it), so nothing reads them once the call is over.
    private let borrows: Bool

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
        borrows = (fast.map { !$0.framesMayEscape } ?? false) && !converts
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
        if borrows {
            if stored > 0 { ElementCaller.lend(x, to: slots) }
            return try runLent(p, u, slots)
        }
        if stored > 0 { slots.initialize(to: converts ? try p.coercions[0].apply(x, loc) : x) }
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
        if borrows {
            if stored > 0 { ElementCaller.lend(x, to: slots) }
            if stored > 1 { ElementCaller.lend(y, to: slots + 1) }
            return try runLent(p, u, slots)
        }
        if converts {
            slots.initialize(to: try p.coercions[0].apply(x, loc))
            (slots + 1).initialize(to: try p.coercions[1].apply(y, loc))
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

    /// Puts `v` into a parameter slot without a retain: the caller's value outlives the call, and
    /// `runLent` empties the slot without a release before anything else can see it.
    @inline(__always)
    private static func lend(_ v: Value, to slot: UnsafeMutablePointer<Value>) {
        withUnsafePointer(to: v) { UnsafeMutableRawPointer(slot).copyMemory(from: $0, byteCount: MemoryLayout<Value>.size) }
    }

    /// `run` for parameters put in place by `lend`: they are wiped (no release) when the call ends,
    /// also when it throws.
    @inline(__always)
    private func runLent(_ p: FunctionProto, _ u: Unmanaged<Frame>, _ slots: UnsafeMutablePointer<Value>) throws -> Value {
        let r: Value
        do {
            r = try u._withUnsafeGuaranteedRef { try interp.execute(p, $0, loc) }
        } catch {
            for i in 0..<stored { (slots + i).initialize(to: .void) }
            throw error
        }
        for i in 0..<stored { (slots + i).initialize(to: .void) }
        u._withUnsafeGuaranteedRef { $0.clearSlots() }
        return r
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
