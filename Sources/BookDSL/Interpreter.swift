import RLSupport
import Dispatch

/// The cell-language interpreter: the API the runtime and the engine bindings use.
///
/// ```swift
/// let interp = Interpreter()
/// interp.output = { text in ... }                  // print sink (text includes the terminator)
/// interp.defineGlobal("gym", .native(GymModule()))  // a value visible to every cell compiled later
/// interp.defineFunction("relu", signature: Signature("_")) { args in ... }   // host function
/// // compile every cell first (static checks for the whole book), then run them in order:
/// switch interp.compile(SourceText(file: "t.md", text: code, firstLine: 12, columnOffset: 0)) {
/// case .success(let cell): if let err = interp.run(cell, timeout: nil) { print(err.rendered) }
/// case .failure(let diagnostics): ...              // [Diagnostic], sorted by position
/// }
/// ```
///
/// Public surface (all on `Interpreter` unless noted):
/// - `init()`, `output: (String) -> Void`, `maxDepth` (10_000 calls), `stackSize` (1 GiB thread stack).
/// - `defineGlobal(_:_:)`, `defineFunction(_:signature:_:)`, `globalNames()`, `global(_:) -> Value?`.
/// - `compile(_ SourceText) -> Result<CompiledCell, [Diagnostic]>`: parse (several syntax errors per
///   cell), resolve, static checks; sees globals of cells compiled before, even if not yet run.
/// - `run(_:timeout:) -> Diagnostic?`: runs on a large-stack thread; runtime error, "cell timed out
///   after N s" or "interrupted" come back as a `Diagnostic` (file:line:col, source line, caret).
/// - `interrupt()` (thread-safe), `seedRandom(_:)` (`Int.random`, `shuffled()`...).
/// - Host → user code: `call(_ callee: Value, _ args: [Value])` (closures, functions),
///   `callMethod(_ receiver:_ name:_ args:labels:)`, `member(_:_:)`, `hasMethod(_:_:)`,
///   `properties(of:)` (stored properties of a struct/class instance, in order).
///
/// Values (`Value`): `.int`, `.double`, `.bool`, `.string`, `.array([Value])` (copy-on-write),
/// `.dict(DictBox)` (insertion-ordered, copy-on-write), `.tuple(TupleBox)` (labels optional),
/// `.optional(Value)` / `.nilValue` (optionals; `print` shows `Optional(x)`), `.range(RangeBox)`,
/// `.function(Callable)`, `.structValue` / `.object` (user types), `.enumCase`, `.symbol("float32")`
/// (an implicit member expression such as `dtype: .float32`; read it with `value.symbolName`),
/// `.type`, `.void`, and `.native(NativeObject)` for engine objects. Helpers: `asInt`, `asDouble`
/// (Ints promote), `asString`, `asBool`, `asArray`, `unwrapped`, `isNil`, `typeName`,
/// `description` (Swift's `print` format), `debugDescription` (inside collections).
///
/// Host functions get `Arguments` (values, labels, the call's `SourceLocation`, the interpreter)
/// with helpers `args.double("lr", default: 1e-3)`, `args.int(nil)` (first unlabelled),
/// `args.string`, `args.bool`, `args.doubles`, `args.value(label)`, `args.positional`,
/// `args.has(label)`. Any `Error` they throw becomes a diagnostic at the call (its description is
/// the message; `HostError.message("...")` is provided). `Signature("_, dtype?, requiresGrad?")`
/// (`?` = has a default, `...` = variadic) lets the static checker reject wrong labels and arity
/// before anything runs; pass nil to skip the check.
///
/// Engine objects implement `NativeObject` (`typeName`, `description`, `memberNames` for
/// did-you-mean, `getMember`, `setMember`, `callMethod`, `subscriptGet/Set`, `binaryOp` with other
/// values on either side, `unaryMinus`, `callAsFunction`, `iterate`, `isEqual`); every requirement
/// has a default. A host "type" such as `Tensor` is a global whose value is a native object:
/// `Tensor(...)` calls its `callAsFunction`, `Tensor.zeros(...)` its `callMethod("zeros", ...)`.
///
/// Runtime errors never crash: overflow, division by zero, index out of range, nil unwrap, deep
/// recursion, type mismatches, host errors, timeout and interruption all come back from `run`.

/// A cell's code and where it sits in the tutorial.
public struct SourceText: Sendable {
    public var file: String
    public var text: String
    /// Tutorial line (1-based) of the first line of `text`.
    public var firstLine: Int
    /// Added to every column (indented fences).
    public var columnOffset: Int
    public init(file: String, text: String, firstLine: Int, columnOffset: Int = 0) {
        self.file = file
        self.text = text
        self.firstLine = firstLine
        self.columnOffset = columnOffset
    }
}

/// A checked, compiled cell, ready to run.
public final class CompiledCell {
    let exec: Exec
    let frameSize: Int
    public let source: SourceText
    /// Globals of earlier cells (and host globals) this cell's code names (see `Interpreter+Snapshot`).
    public internal(set) var globalReads: Set<String> = []
    /// Globals this cell declares at its top level (variables, functions, types).
    public internal(set) var declaredGlobals: Set<String> = []
    init(exec: @escaping Exec, frameSize: Int, source: SourceText) {
        self.exec = exec
        self.frameSize = frameSize
        self.source = source
    }
}

public final class Interpreter {
    /// What the embedding program attaches to this interpreter (the runner's session), for host
    /// objects that are handed only the interpreter (`Arguments.interpreter`).
    public weak var hostContext: AnyObject?
    /// Receives warnings engine code gives while a cell runs (`Warnings.emit`); nil: standard error.
    public var warningSink: Warnings.Sink?
    /// Receives printed text (including the terminator).
    public var output: (String) -> Void = { s in
        var s = s
        s.withUTF8 { p in _ = fwrite(p.baseAddress, 1, p.count, stdout) }
    }
    /// Most errors reported for one cell (the rest are counted in a note).
    static let errorLimit = 50
    /// Maximum nesting of calls before "maximum recursion depth exceeded".
    public var maxDepth = 10_000
    /// Stack size of the thread that runs cells.
    public var stackSize = 1 << 30

    let globals = GlobalStore()
    var globalBindings: [String: Binding] = [:]
    var hostSignatures: [String: Signature] = [:]
    var mutatingMethodNames: Set<String> = []
    /// Names declared at the top level of the cell being compiled (redeclaration check).
    var currentCellGlobals: Set<String> = []
    var depth = 0
    var ticks = 0
    var deadline = 0.0
    /// Called every 65,536 steps of interpreted code (about every few milliseconds): the runner's live
    /// report checks there whether it is time to rewrite the page while a long cell computes.
    public var periodic: (() -> Void)?
    var timeoutSeconds = 0.0
    /// Set by Ctrl-C (`interrupt()`) and by the cell's timeout; engine loops poll it too (`Cancellation`).
    let stop = CancellationFlag()
    /// `stop.state`, read on every check.
    let stopFlag: UnsafeMutablePointer<Int>
    /// Counts runs, so a timeout armed for an earlier cell never stops a later one.
    let runGeneration = CancellationFlag()
    /// The source of the cell running now (for host call locations).
    var currentSource: SourceText?
    /// Every compiled cell's source, indexed by `Loc.cell` (an error inside a function declared
    /// in another cell points into that cell).
    var sources: [SourceText] = []
    /// The closures compiled in each cell, in order (`Interpreter+Snapshot`: how the cache names them).
    var closureProtos: [Int: [FunctionProto]] = [:]
    var rng = SplitMix64(seed: 0x5eed)
    /// The target of the `break label` / `continue label` being carried outwards.
    var pendingLabel = 0
    /// Engine types that cell classes may subclass, by the name written after the colon.
    var hostBaseClasses: [String: HostBaseClass] = [:]
    /// Members cells added to built-in types, by kind ("Array", "Double", ...).
    var builtinExtensions: [String: StructType] = [:]
    /// Observed properties whose observers are running (their own writes do not observe again).
    var observing: [(StructType, Int)] = []
    var labelCount = 0
    /// Global names resolved while compiling the current cell (`CompiledCell.globalReads`).
    var compileReads: Set<String> = []

    public init() {
        stopFlag = stop.state
        installBuiltins()
    }

    // MARK: - Public API

    /// Defines (or replaces) a global visible to cells compiled afterwards.
    public func defineGlobal(_ name: String, _ value: Value) {
        let slot = globals.add(name)
        globals.slots[slot] = value
        globalBindings[name] = Binding(storage: .global(slot), isLet: true, kind: Interpreter.kind(of: value))
        hostSignatures[name] = nil
    }

    /// Defines a host function; with a signature, calls are checked statically (labels, arity).
    public func defineFunction(_ name: String, signature: Signature?, _ body: @escaping (Arguments) throws -> Value) {
        let slot = globals.add(name)
        globals.slots[slot] = .function(Callable(name: name, signature: signature, host: body))
        globalBindings[name] = Binding(storage: .global(slot), isLet: true, kind: .function)
        hostSignatures[name] = signature
    }

    /// Names of all globals (user and host), for completion and did-you-mean.
    public func globalNames() -> [String] { globalBindings.keys.filter { !$0.hasPrefix("__") }.sorted() }

    /// The current value of a global, if defined.
    public func global(_ name: String) -> Value? {
        guard case .global(let s)? = globalBindings[name]?.storage else { return nil }
        let v = globals.slots[s]
        if case .void = v { return nil }
        return v
    }

    /// Reseeds the generator behind `Int.random`, `Double.random`, `shuffled()`...
    public func seedRandom(_ seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// Parses, resolves and checks one cell. Sees globals of cells compiled before it.
    ///
    /// `values` are bound to the cell's top-level declarations of those names (see `bind(_:to:cell:)`):
    /// `let steps = 40_000` with `["steps": .int(2_000)]` declares `steps` as 2000.
    public func compile(_ source: SourceText, binding values: [String: Value] = [:]) -> Result<CompiledCell, [Diagnostic]> {
        // the parser, checker and compiler recurse once per nesting level (at most
        // `NestingLimit.maximum`): on the cells' large stack whatever thread asks
        var result: Result<CompiledCell, [Diagnostic]>?
        runOnLargeStack { [self] in result = compileOnThisThread(source, binding: values) }
        return result!
    }

    func compileOnThisThread(_ source: SourceText, binding values: [String: Value] = [:]) -> Result<CompiledCell, [Diagnostic]> {
        let cellID = sources.count
        sources.append(source)
        var lexer = Lexer(source.text, cell: cellID)
        let toks = lexer.tokenize()
        var parser = Parser(tokens: toks)
        var stmts = parser.parseProgram()
        var syntax = lexer.errors.map { (msg: $0.message, loc: $0.loc, notes: [String]()) }
        syntax += parser.errors.map { (msg: $0.message, loc: $0.loc, notes: [String]()) }
        if !values.isEmpty && syntax.isEmpty {
            syntax += Self.bind(values, to: &stmts, cell: cellID).map { (msg: $0.message, loc: $0.loc, notes: [String]()) }
        }
        currentCellGlobals = []
        compileReads = []
        let bindingsBefore = globalStorageIdentities()
        let compiler = Compiler(interp: self)
        let (exec, size) = compiler.compileCell(stmts)
        var problems = syntax
        if syntax.isEmpty { problems += compiler.errors.map { (msg: $0.message, loc: $0.loc, notes: $0.notes) } }
        if !problems.isEmpty {
            problems.sort { ($0.loc.line, $0.loc.col) < ($1.loc.line, $1.loc.col) }
            var seen = Set<String>()
            var out: [Diagnostic] = []
            var hidden = 0
            for p in problems where seen.insert("\(p.loc.line):\(p.loc.col):\(p.msg)").inserted {
                // as clang's error limit: the first errors are the useful ones
                if out.count == Interpreter.errorLimit { hidden += 1; continue }
                out.append(diagnostic(p.msg, p.loc, source, notes: p.notes))
            }
            if parser.gaveUp || lexer.droppedErrors || compiler.droppedErrors {
                out[out.count - 1].notes.append("note: too many errors in this cell; the rest of it was not checked; fix these first")
            } else if hidden > 0 {
                out[out.count - 1].notes.append("note: \(hidden) more error\(hidden == 1 ? "" : "s") in this cell not shown; fix these first")
            }
            return .failure(out)
        }
        let compiled = CompiledCell(exec: exec, frameSize: size, source: source)
        recordGlobals(of: compiled, before: bindingsBefore)
        return .success(compiled)
    }

    /// Runs a compiled cell; nil on success, else the runtime error, timeout or interruption.
    public func run(_ cell: CompiledCell, timeout: Double?) -> Diagnostic? {
        stopFlag.pointee = 0
        timeoutSeconds = timeout ?? 0
        deadline = timeout.map { Clock.monotonic() + $0 } ?? 0
        runGeneration.state.pointee &+= 1
        if let timeout, timeout > 0, timeout < 1e9 {
            // a watchdog sets the flag when the time is up, so built-in work and engine loops that
            // poll it stop too (the clock is also read every 1,024 interpreted steps)
            let generation = runGeneration.state.pointee, stop = stop, runs = runGeneration
            let expire = { if runs.state.pointee == generation && stop.state.pointee == 0 { stop.state.pointee = CancellationFlag.timedOut } }
            // on a thread of its own: Dispatch's worker threads may all be busy with the very
            // kernel that must be stopped (a GEMM's chunks), which would hold a timer back until it ends
            let at = deadline
            let started = Platform.startDetachedThread {
                while runs.state.pointee == generation {
                    let left = at - Clock.monotonic()
                    if left <= 0 { expire(); return }
                    usleep(UInt32(min(left, 0.05) * 1e6) + 100)   // notices the cell's end within 50 ms
                }
            }
            if !started { DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { expire() } }
        }
        defer { runGeneration.state.pointee &+= 1 }
        // the whole process's memory, sampled while the cell runs: past the budget the cell stops
        let watch = MemoryWatchdog.watch(stopFlag)
        defer { MemoryWatchdog.unwatch(watch) }
        var result: Diagnostic?
        runOnLargeStack { [self] in
            Cancellation.withFlag(stop) { Warnings.withSink(warningSink) { runCell(cell, &result) } }
        }
        deadline = 0
        return result
    }

    private func runCell(_ cell: CompiledCell, _ result: inout Diagnostic?) {
        currentSource = cell.source
        depth = 0
        let frame = Frame.make(count: cell.frameSize, parent: nil)
        do {
            _ = try cell.exec(frame)
        } catch let e as RuntimeError {
            result = diagnostic(e.message, e.loc, cell.source, notes: e.notes)
        } catch let s as StopSignal {
            result = diagnostic(s.message, s.loc, cell.source)
        } catch {
            result = Diagnostic(.error, "\(error)", at: SourceLocation(file: cell.source.file, line: cell.source.firstLine, column: 1))
        }
        depth = 0
    }

    /// Stops the running cell with an "interrupted" diagnostic (safe from any thread).
    public func interrupt() { stopFlag.pointee = 1 }

    /// Calls a user closure (or any callable value) from host code.
    public func call(_ callee: Value, _ args: [Value], labels: [String?]? = nil) throws -> Value {
        try hidingInternalLocations { try callValue(callee, args, labels ?? Array(repeating: nil, count: args.count), Loc.none) }
    }

    /// Errors located in the runner's own hidden helper code (a file named like `<rlbook env helpers>`)
    /// lose that location, so the call in the tutorial that reached them is reported instead.
    func hidingInternalLocations<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch var e as RuntimeError {
            let cell = Int(e.loc.cell)
            if e.loc.line > 0, cell < sources.count, sources[cell].file.hasPrefix("<") { e.loc = Loc.none }
            throw e
        }
    }

    /// Calls a method on any value from host code (e.g. `reset(seed:options:)` / `step(_:)` of a
    /// user class that acts as an environment). Labels default to unlabelled.
    public func callMethod(_ receiver: Value, _ name: String, _ args: [Value], labels: [String?]? = nil) throws -> Value {
        try hidingInternalLocations { try callMethod(receiver, name, args, labels ?? Array(repeating: nil, count: args.count), Loc.none) }
    }

    /// A property (or a bound method) of any value, from host code.
    public func member(_ receiver: Value, _ name: String) throws -> Value {
        try getMember(receiver, name, Loc.none)
    }

    /// Whether a user struct/class/enum value has a method named `name` (protocol adoption checks).
    public func hasMethod(_ v: Value, _ name: String) -> Bool {
        switch v {
        case .object(let o): return !o.cls.findMethods(name).isEmpty
        case .structValue(let s): return !s.type.findMethods(name).isEmpty
        case .enumCase(let e): return !e.type.findMethods(name).isEmpty
        default: return false
        }
    }

    /// The argument labels (nil: unlabelled) of each method named `name` of a user struct/class/enum
    /// value, inherited and protocol-default ones included; [] when it has none (or is not a user
    /// type). Lets host code pick the call a cell's method accepts, e.g. `reset(seed:options:)` or `reset(seed:)`.
    public func methodLabels(_ v: Value, _ name: String) -> [[String?]] {
        switch v {
        case .object(let o): return o.cls.findMethods(name).map(\.labels)
        case .structValue(let s): return s.type.findMethods(name).map(\.labels)
        case .enumCase(let e): return e.type.findMethods(name).map(\.labels)
        default: return []
        }
    }

    /// The stored properties of a user struct or class instance, in declaration order
    /// (e.g. to find the layers of a user-defined network).
    public func properties(of v: Value) -> [(name: String, value: Value)] {
        switch v {
        case .object(let o): return zip(o.cls.fieldNames, o.fieldValues).map { ($0, $1) }
        case .structValue(let s): return zip(s.type.fieldNames, s.fieldValues).map { ($0, $1) }
        default: return []
        }
    }

    // MARK: - Core runtime

    @inline(__always)
    func tick(_ loc: Loc) throws {
        ticks &+= 1
        if ticks & 0x3FF == 0 { try checkStop(loc) }
    }

    func checkStop(_ loc: Loc) throws {
        if stopFlag.pointee != 0 { throw StopSignal(message: stopMessage, loc: loc) }
        if ticks & 0xFFFF == 0, let periodic { periodic() }
        if deadline > 0 && Clock.monotonic() > deadline {
            throw StopSignal(message: "cell timed out after \(Interpreter.seconds(timeoutSeconds)) s", loc: loc)
        }
    }

    /// Lets long host calls (an agent's training loop) honour Ctrl-C and the cell's timeout: throws
    /// `HostStop` when the run was interrupted or the time is up; the interpreter reports it at the call.
    public func checkStop() throws {
        if stopFlag.pointee != 0 { throw HostStop(message: stopMessage) }
        if deadline > 0 && Clock.monotonic() > deadline {
            throw HostStop(message: "cell timed out after \(Interpreter.seconds(timeoutSeconds)) s")
        }
    }

    /// Why the cell is being stopped: Ctrl-C, its time limit or the memory budget.
    var stopMessage: String {
        switch stopFlag.pointee {
        case CancellationFlag.timedOut: return "cell timed out after \(Interpreter.seconds(timeoutSeconds)) s"
        case CancellationFlag.memoryExceeded: return MemoryWatchdog.message
        default: return "interrupted"
        }
    }

    /// Refuses, at `loc`, an array of `count` elements about to move into a buffer twice as large.
    func admitArrayGrowth(_ count: Int, _ loc: Loc) throws {
        try admit(2 * count * MemoryLayout<Value>.stride, "an array of \(count) elements growing", loc)
    }

    /// Refuses, at `loc`, a dictionary or set about to grow its keys, values and hash index.
    @inline(__always)
    func admitDictGrowth(_ d: DictBox, _ loc: Loc) throws {
        let n = d.keys.count
        if n >= 1 << 15 && n == d.keys.capacity {
            try admit(8 * n * MemoryLayout<Value>.stride, "a dictionary of \(n) entries growing", loc)
        }
    }

    /// Refuses, at `loc`, a collection about to grow by `bytes` when the process has no room for it
    /// (checked from 1 MB up, so appends and concatenations in loops cost nothing until they are large).
    @inline(__always)
    func admit(_ bytes: Int, _ what: @autoclosure () -> String, _ loc: Loc) throws {
        if bytes >= MemoryBudget.checkedSize, let why = MemoryBudget.growthRefusal(bytes, what: what()) { throw RuntimeError(why, loc) }
    }

    static func seconds(_ s: Double) -> String { s == s.rounded() && abs(s) < 1e15 ? String(Int(s)) : String(s) }

    /// Calls a host closure, turning its errors into runtime errors at `loc`.
    @inline(__always)
    func host<T>(_ loc: Loc, _ body: () throws -> T) throws -> T {
        do {
            let r = try body()
            // built-in work polls the flag and returns early when stopped: its result is discarded
            if stopFlag.pointee != 0 { throw StopSignal(message: stopMessage, loc: loc) }
            return r
        } catch where stopFlag.pointee != 0 {
            // a stopped engine loop may fail on its partial results: report the stop, not that
            throw StopSignal(message: stopMessage, loc: loc)
        } catch var e as RuntimeError {
            if e.loc.line == 0 { e.loc = loc }   // raised by host code without a place: this call
            throw e
        } catch let s as StopSignal { throw s } catch let h as HostStop {
            throw StopSignal(message: h.message, loc: loc)
        } catch let d as Diagnostic {
            throw RuntimeError.thrown(.native(EngineError(d.message)), d.message, loc, notes: d.notes)
        } catch {
            let m = String(describing: error)
            throw RuntimeError.thrown(.native(EngineError(m)), m, loc)
        }
    }

    func sourceLocation(_ loc: Loc) -> SourceLocation? {
        let cell = Int(loc.cell)
        guard let s = cell < sources.count ? sources[cell] : currentSource, loc.line > 0 else { return nil }
        return SourceLocation(file: s.file, line: s.firstLine + Int(loc.line) - 1, column: Int(loc.col) + s.columnOffset)
    }

    func diagnostic(_ message: String, _ loc: Loc, _ fallback: SourceText, notes: [String] = []) -> Diagnostic {
        let source = loc.line > 0 && Int(loc.cell) < sources.count ? sources[Int(loc.cell)] : fallback
        guard loc.line > 0 else {
            return Diagnostic(.error, message, at: SourceLocation(file: source.file, line: source.firstLine, column: 0), notes: notes)
        }
        let line = source.firstLine + Int(loc.line) - 1
        let col = Int(loc.col) + source.columnOffset
        var d = Diagnostic(.error, message, at: SourceLocation(file: source.file, line: line, column: col), length: Int(loc.len), notes: notes)
        // (one pass over the cell's bytes to its line; a long line keeps a window around the column)
        if let l = Diagnostic.line(Int(loc.line), of: source.text) {
            if source.columnOffset > 0 { d.setSourceLine(String(repeating: " ", count: source.columnOffset) + l) } else { d.setSourceLine(l) }
        }
        return d
    }

    func userDescription(_ v: Value, _ member: String = "description") -> String? {
        guard let r = try? getMember(v, member, Loc.none), case .string(let s) = r else { return nil }
        return s
    }

    static func kind(of v: Value) -> StaticKind {
        switch v {
        case .int: return .int
        case .double: return .double
        case .string: return .string
        case .bool: return .bool
        case .array: return .array
        case .dict: return .dict
        case .function: return .function
        default: return .unknown
        }
    }

    // MARK: - Threads

    func runOnLargeStack(_ body: @escaping () -> Void) {
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        defer { pthread_attr_destroy(&attr) }
        pthread_attr_setstacksize(&attr, stackSize)
        if !Platform.runOnThread(&attr, body) { body() }
    }
}

/// Lets `compile` return `Result<CompiledCell, [Diagnostic]>`.
extension Array: @retroactive Error where Element == Diagnostic {}

