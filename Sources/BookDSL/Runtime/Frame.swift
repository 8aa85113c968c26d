/// The header of a `Frame`.
struct FrameHeader {
    var count: Int
    var parent: Frame?
    var returnValue: Value
    /// Next frame in a function's free list (frames are reused when no closure kept them).
    var nextFree: Frame?
}

/// Storage of one function activation: resolved local slots (tail-allocated, one allocation per
/// call), the lexical parent (for closures and nested functions), and the value being returned.
final class Frame: ManagedBuffer<FrameHeader, Value> {
    /// A new frame with `count` slots set to `.void`.
    @inline(__always)
    static func make(count: Int, parent: Frame?) -> Frame {
        let n = max(count, 1)
        let b = Frame.create(minimumCapacity: n) { _ in FrameHeader(count: n, parent: parent, returnValue: .void, nextFree: nil) }
        let f = unsafeDowncast(b, to: Frame.self)
        f.withUnsafeMutablePointerToElements { $0.initialize(repeating: .void, count: n) }
        return f
    }

    deinit {
        withUnsafeMutablePointers { h, e in Value.destroy(e, count: h.pointee.count) }
    }

    /// Reads a slot while keeping the frame alive (use when the frame is not used afterwards:
    /// `frame.slots[i]` alone would let the optimizer free the frame before the read).
    @inline(__always) func read(_ i: Int) -> Value { withUnsafeMutablePointerToElements { $0[i] } }

    /// The slots (stable for the frame's lifetime: tail-allocated storage never moves).
    @inline(__always) var slots: UnsafeMutablePointer<Value> { withUnsafeMutablePointerToElements { $0 } }
    /// The header, accessed in place (`header` itself would copy the whole struct).
    @inline(__always) var h: UnsafeMutablePointer<FrameHeader> { withUnsafeMutablePointerToHeader { $0 } }
    @inline(__always) var parent: Frame? { h.pointee.parent }
    @inline(__always) var count: Int { h.pointee.count }
    @inline(__always) var returnValue: Value {
        get { h.pointee.returnValue }
        set { h.pointee.returnValue = newValue }
    }

    /// Moves the returned value out (leaving `.void`): no retain for the caller's copy and no
    /// release when the frame is recycled.
    @inline(__always) func takeReturnValue() -> Value {
        var v = Value.void
        swap(&v, &h.pointee.returnValue)
        return v
    }

    /// Stores a parameter into a slot that holds `.void` (a new or recycled frame's): nothing to
    /// release first.
    @inline(__always) func setParameter(_ i: Int, _ v: consuming Value) {
        (slots + i).initialize(to: v)
    }

    /// Empties a finished call's frame for reuse: every slot and the returned value back to
    /// `.void`, no parent. Values that hold no reference are overwritten without a release.
    @inline(__always) func clearForReuse() {
        clearSlots()
        let h = self.h
        if h.pointee.parent != nil { h.pointee.parent = nil }
    }

    /// Empties a finished call's frame for another call of the same closure: every slot and the
    /// returned value back to `.void`; the parent stays.
    @inline(__always) func clearSlots() {
        let s = slots
        for i in 0..<count {
            if s[i].holdsNoReference { (s + i).initialize(to: .void) } else { s[i] = .void }
        }
        let h = self.h
        if case .void = h.pointee.returnValue {} else { h.pointee.returnValue = .void }   // set only when a call threw
    }

    @inline(__always) func up(_ depth: Int) -> Frame {
        var f = self
        var d = depth
        while d > 0 { f = f.h.pointee.parent.unsafelyUnwrapped; d -= 1 }
        return f
    }
}

/// The global variables shared by all cells (slots grow as cells are compiled).
final class GlobalStore {
    var slots: UnsafeMutablePointer<Value>
    var capacity: Int
    var count = 0
    var names: [String] = []

    init() {
        capacity = 256
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: .void, count: capacity)
    }

    deinit {
        slots.deinitialize(count: capacity)
        slots.deallocate()
    }

    /// Adds a slot (never while a cell runs: compiled code reads `slots` afresh each time).
    func add(_ name: String) -> Int {
        if count == capacity {
            let newCap = capacity * 2
            let n = UnsafeMutablePointer<Value>.allocate(capacity: newCap)
            n.moveInitialize(from: slots, count: capacity)
            (n + capacity).initialize(repeating: .void, count: newCap - capacity)
            slots.deallocate()
            slots = n
            capacity = newCap
        }
        names.append(name)
        count += 1
        return count - 1
    }
}

/// How control leaves a statement.
enum Flow {
    case normal, breakLoop, continueLoop, returned, fallthroughCase
    /// `break label` / `continue label` to an outer statement: the target's id is in
    /// `Interpreter.pendingLabel`; statements without that id pass the flow outwards.
    case breakLabel, continueLabel
}

typealias Eval = (Frame) throws -> Value
typealias Exec = (Frame) throws -> Flow

/// A runtime error raised while a cell runs (becomes a `Diagnostic`).
struct RuntimeError: Error {
    var message: String
    var loc: Loc
    var notes: [String] = []
    /// The error value when this is a Swift error that cells can catch (`throw`, or an engine
    /// failure); nil for traps (index out of range, overflow...), which no `catch` stops.
    var thrown: Value?
    init(_ message: String, _ loc: Loc, notes: [String] = []) {
        self.message = message
        self.loc = loc
        self.notes = notes
    }

    /// A catchable error carrying `value` (what `catch` binds to `error`).
    static func thrown(_ value: Value, _ message: String, _ loc: Loc, notes: [String] = []) -> RuntimeError {
        var e = RuntimeError(message, loc, notes: notes)
        e.thrown = value
        return e
    }
}

/// The run was stopped (timeout or interrupt).
/// What `Interpreter.checkStop()` throws from inside a host call.
public struct HostStop: Error {
    public let message: String
}

struct StopSignal: Error {
    var message: String
    var loc: Loc
}

/// A compiled expression kept in an array (a class box avoids closure reabstraction thunks).
final class EvalBox {
    let f: Eval
    init(_ f: @escaping Eval) { self.f = f }
}

/// A compiled statement kept in an array.
final class ExecBox {
    let f: Exec
    init(_ f: @escaping Exec) { self.f = f }
}

/// A compiled condition kept in an array.
final class BoolBox {
    let f: (Frame) throws -> Bool
    init(_ f: @escaping (Frame) throws -> Bool) { self.f = f }
}
