import BookDSL

/// How a cell made an engine object: which constructor (a global such as `DQN` or `EvalCallback`, a
/// static method such as `DQN.load`, or a method of another object such as `model.getEnv()`) with which
/// arguments. The cell cache stores an engine object a cached cell made as this call plus the object's
/// state; a warm run makes the object again with the same call (its arguments restored first) and
/// puts the state back, so agents, their replay buffers and callbacks come back from the cache.
struct EngineConstruction {
    enum Callee {
        /// A global, or a method of one (`DQN.load`).
        case global(String, member: String?)
        /// A method of another value (`model.getEnv()`).
        case method(Value, String)
    }
    var callee: Callee
    var args: [Value]
    var labels: [String?]

    init(_ callee: Callee, _ args: Arguments) {
        self.callee = callee
        self.args = args.values
        self.labels = args.labels
    }

    init(_ callee: Callee, args: [Value] = [], labels: [String?] = []) {
        self.callee = callee
        self.args = args
        self.labels = labels
    }

    /// Makes the object again in `interp`.
    func make(_ interp: Interpreter) throws -> Value {
        switch callee {
        case .global(let name, nil):
            guard let f = interp.global(name) else { throw CacheError.stale("no '\(name)' in this run") }
            return try interp.call(f, args, labels: labels)
        case .global(let name, let member?):
            guard let g = interp.global(name) else { throw CacheError.stale("no '\(name)' in this run") }
            return try interp.callMethod(g, member, args, labels: labels)
        case .method(let receiver, let name):
            return try interp.callMethod(receiver, name, args, labels: labels)
        }
    }
}

/// An engine object the cache can store when a cached cell made it: it knows the call that made it
/// and can write and restore its state (an agent: its training state; a callback: its history).
protocol CacheConstructible: NativeObject {
    var construction: EngineConstruction? { get }
    /// The object's state as bytes.
    func cacheState() throws -> [UInt8]
    /// Puts back what `cacheState()` wrote, into an object made again by `construction`.
    func restoreCacheState(_ bytes: [UInt8]) throws
}

/// A small engine value held by reference (a `Date`, an `Instant`, a `Duration`): stored by kind and
/// number, made again directly (no call runs).
protocol CacheValueObject: NativeObject {
    /// The kind, as `CacheValueObjects.make` knows it.
    var cacheKind: String { get }
    var cacheNumber: Double { get }
}

enum CacheValueObjects {
    /// The object of `kind` holding `number`; nil for kinds this rlbook does not know.
    static func make(_ kind: String, _ number: Double) -> NativeObject? {
        switch kind {
        case "Date": return DateObject(number)
        case "Instant": return InstantObject(number)
        case "Duration": return DurationObject(number)
        default: return nil
        }
    }
}
