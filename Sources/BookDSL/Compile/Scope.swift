/// What the compiler knows statically about a name's value (for static checks only).
enum StaticKind {
    case unknown, int, double, bool, string, array, dict, instance(StructType), function

    var isValueType: Bool {
        switch self {
        case .array, .dict, .int, .double, .bool, .string: return true
        case .instance(let t): return !t.isClass
        default: return false
        }
    }
}

/// Where a name's value lives.
enum Storage {
    case local(Int)
    case global(Int)
    case type(StructType)
    case builtinType(String)
}

/// A declared name.
struct Binding {
    var storage: Storage
    var isLet: Bool
    var coercion: Coercion = .identity
    var kind: StaticKind = .unknown
    /// The written or inferred type, when known (`Compiler.inferredType`).
    var type: TypeExpr?
    /// Declared functions under this name (overloads), with their storage slots.
    var funcs: [(FunctionProto, Storage)] = []
    /// A parameter of a function or closure (constants that `var x = x` copies).
    var isParameter = false
    /// A `let` declared without a value (`let a: Action`), given one later by assignment, as
    /// Swift's deferred initialization; assigning it twice is refused when it runs.
    var assignOnce = false
    var loc: Loc = .none
}

/// The compile-time view of one function (or closure, method, or a cell's top level): its lexical
/// scopes and the slots allocated in its frame.
final class FuncCtx {
    let parent: FuncCtx?
    var scopes: [[String: Binding]] = [[:]]
    var slotCount = 0
    /// The top level of a cell: its outermost scope is the global scope.
    let isTop: Bool
    /// For methods and initializers: the type of `self` (in slot 0).
    let selfType: StructType?
    /// `self` may be mutated (class methods, mutating struct methods, initializers).
    let selfMutable: Bool
    let isInit: Bool
    let isClosure: Bool
    /// Function declarations whose bodies are compiled at the end of the cell.
    var deferred: [() -> Void] = []
    var hasReturnType = false
    /// Enclosing loops and switches (innermost last), for `break` / `continue` and their labels.
    var labels: [LabelEntry] = []
    /// Inside the body of a `do` that has `catch` clauses.
    var catchDepth = 0
    /// Inside the operand of `try` / `try?` / `try!`.
    var tryDepth = 0
    /// The function is declared `throws`.
    var isThrowing = false
    /// The declared return type of the function (for checks made before running).
    var returnType: TypeExpr?
    /// Code compiled here reads or writes a variable (or `self`) of an enclosing function's frame,
    /// so the frame of this one needs its parent. A closure that never does needs no environment.
    var usesOuterFrames = false

    /// Marks this context and the enclosing ones up to `depth - 1` as using outer frames (a name
    /// found `depth` frames up).
    func markUsesOuterFrames(_ depth: Int) {
        var c: FuncCtx? = self
        var d = depth
        while d > 0, let cc = c {
            cc.usesOuterFrames = true
            c = cc.parent
            d -= 1
        }
    }

    /// For static methods and static property initializers: the type whose static members are
    /// named bare (`count += 1` in `static func make()`), as in Swift.
    let staticType: StructType?

    init(parent: FuncCtx?, isTop: Bool = false, selfType: StructType? = nil, selfMutable: Bool = false, isInit: Bool = false, isClosure: Bool = false, staticType: StructType? = nil) {
        self.parent = parent
        self.staticType = staticType
        self.isTop = isTop
        self.selfType = selfType
        self.selfMutable = selfMutable
        self.isInit = isInit
        self.isClosure = isClosure
    }

    func newSlot() -> Int {
        slotCount += 1
        return slotCount - 1
    }

    /// The nearest enclosing method context (through closures) and the frame depth to it.
    func methodContext() -> (FuncCtx, Int)? {
        var c: FuncCtx? = self
        var d = 0
        while let cc = c {
            if cc.selfType != nil {
                markUsesOuterFrames(d)
                return (cc, d)
            }
            c = cc.parent
            d += 1
        }
        return nil
    }
}

/// A resolved name reference.
enum NameRef {
    case local(depth: Int, slot: Int, Binding)
    case global(Int, Binding)
    case selfField(depth: Int, StructType, Int)
    case selfComputed(depth: Int, StructType, String)
    case selfMethod(depth: Int, StructType, String)
    case type(StructType)
    case builtinType(String)
}

/// A loop or `switch` that `break` / `continue` can target.
struct LabelEntry {
    var name: String?
    /// Nonzero for labelled statements (compared with `Interpreter.pendingLabel`).
    var id: Int
    var isLoop: Bool
}
