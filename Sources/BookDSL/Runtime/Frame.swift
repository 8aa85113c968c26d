/// Storage of one function activation: resolved local slots, the lexical parent (for closures and
/// nested functions), and the value being returned.
final class Frame {
    let slots: UnsafeMutablePointer<Value>
    let count: Int
    let parent: Frame?
    var returnValue: Value = .void

    init(count: Int, parent: Frame?) {
        self.count = count
        self.parent = parent
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: .void, count: max(count, 1))
    }

    deinit {
        slots.deinitialize(count: max(count, 1))
        slots.deallocate()
    }

    @inline(__always) func up(_ depth: Int) -> Frame {
        var f = self
        var d = depth
        while d > 0 { f = f.parent.unsafelyUnwrapped; d -= 1 }
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
}

typealias Eval = (Frame) throws -> Value
typealias Exec = (Frame) throws -> Flow

/// A runtime error raised while a cell runs (becomes a `Diagnostic`).
struct RuntimeError: Error {
    var message: String
    var loc: Loc
    var notes: [String] = []
    init(_ message: String, _ loc: Loc, notes: [String] = []) {
        self.message = message
        self.loc = loc
        self.notes = notes
    }
}

/// The run was stopped (timeout or interrupt).
struct StopSignal: Error {
    var message: String
    var loc: Loc
}
