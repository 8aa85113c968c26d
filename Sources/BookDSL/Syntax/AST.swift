/// The syntax tree of a cell.

/// A written type (`Int`, `[Double]`, `(Int) -> Int`, `Double?`, `(min: Int, max: Int)`).
indirect enum TypeExpr: CustomStringConvertible {
    case named(String, [TypeExpr])
    case optional(TypeExpr)
    case array(TypeExpr)
    case dict(TypeExpr, TypeExpr)
    case tuple([(String?, TypeExpr)])
    case function([TypeExpr], TypeExpr)

    var description: String {
        switch self {
        case .named(let n, let g): return g.isEmpty ? n : "\(n)<\(g.map(\.description).joined(separator: ", "))>"
        case .optional(let t): return "\(t)?"
        case .array(let t): return "[\(t)]"
        case .dict(let k, let v): return "[\(k): \(v)]"
        case .tuple(let es): return "(" + es.map { ($0.0.map { "\($0): " } ?? "") + $0.1.description }.joined(separator: ", ") + ")"
        case .function(let ps, let r): return "(" + ps.map(\.description).joined(separator: ", ") + ") -> \(r)"
        }
    }
}

/// A call argument: optional label and value.
struct Arg {
    var label: String?
    var value: Expr
    var labelLoc: Loc
    var isTrailing = false
}

/// A part of an interpolated string.
enum InterpPart {
    case text(String)
    case expr(Expr)
}

/// A closure literal `{ (params) -> T in body }`.
final class ClosureExpr {
    var params: [(name: String, type: TypeExpr?)]
    var returnType: TypeExpr?
    var body: [Stmt]
    var loc: Loc
    /// Highest `$n` used plus one (anonymous parameters).
    var anonCount = 0
    var hasExplicitParams: Bool
    /// Whether the body contains a plain `try` (a `rethrows` function called with it needs `try`).
    var mayThrow = false
    /// Where a parameter is declared `inout` (refused: closures cannot be called with `&`).
    var inoutParameterLoc: Loc?
    init(params: [(name: String, type: TypeExpr?)], returnType: TypeExpr?, body: [Stmt], loc: Loc, hasExplicitParams: Bool) {
        self.params = params
        self.returnType = returnType
        self.body = body
        self.loc = loc
        self.hasExplicitParams = hasExplicitParams
    }
}

indirect enum Expr {
    case intLit(Int, Loc)
    case doubleLit(Double, Loc)
    case boolLit(Bool, Loc)
    case stringLit(String, Loc)
    case interp([InterpPart], Loc)
    case nilLit(Loc)
    case name(String, Loc)
    case dollar(Int, Loc)
    case selfRef(Loc)
    case superRef(Loc)
    case array([Expr], Loc)
    case dict([(Expr, Expr)], Loc)
    case tuple([(String?, Expr)], Loc)
    case unary(String, Expr, Loc)
    case postfixOp(String, Expr, Loc)
    case binary(String, Expr, Expr, Loc)
    case ternary(Expr, Expr, Expr, Loc)
    case call(Expr, [Arg], Loc)
    case member(Expr, String, Loc)
    case optMember(Expr, String, Loc)
    case tupleIndex(Expr, Int, Loc)
    case subscriptAccess(Expr, [Arg], Loc)
    case forceUnwrap(Expr, Loc)
    case closure(ClosureExpr)
    case implicitMember(String, Loc)
    case opRef(String, Loc)
    case cast(Expr, TypeExpr, String, Loc)   // "as", "as?", "as!", "is"
    case typeRef(TypeExpr, Loc)              // `[Int]` or `[String: Int]` used as a value (e.g. `[Int]()`)
    case tryExpr(String, Expr, Loc)          // "try", "try?", "try!"
    case error(Loc)

    var loc: Loc {
        switch self {
        case .intLit(_, let l), .doubleLit(_, let l), .boolLit(_, let l), .stringLit(_, let l), .interp(_, let l),
             .nilLit(let l), .name(_, let l), .dollar(_, let l), .selfRef(let l), .superRef(let l), .array(_, let l),
             .dict(_, let l), .tuple(_, let l), .unary(_, _, let l), .postfixOp(_, _, let l), .binary(_, _, _, let l),
             .ternary(_, _, _, let l), .call(_, _, let l), .member(_, _, let l), .optMember(_, _, let l),
             .tupleIndex(_, _, let l), .subscriptAccess(_, _, let l), .forceUnwrap(_, let l), .implicitMember(_, let l),
             .opRef(_, let l), .cast(_, _, _, let l), .typeRef(_, let l), .tryExpr(_, _, let l), .error(let l):
            return l
        case .closure(let c): return c.loc
        }
    }
}

/// A binding pattern: `x`, `_`, `(a, _, b)`.
indirect enum Pattern {
    case name(String, Loc)
    case wildcard
    case tuple([Pattern])
}

/// A condition of `if` / `while` / `guard`.
enum Condition {
    case expr(Expr)
    case optionalBinding(isLet: Bool, Pattern, TypeExpr?, Expr, Loc)
    case casePattern(Expr, Expr, Loc)   // `if case .x = value`
}

/// One `case` clause of a switch (or `default` when `patterns` is empty).
struct SwitchCase {
    var patterns: [Expr]
    var isDefault: Bool
    var body: [Stmt]
    var loc: Loc
    var whereClause: Expr?
}

/// A parameter of a declared function.
struct Param {
    var label: String?       // external label; nil for `_`
    var name: String         // internal name
    var type: TypeExpr?
    var defaultValue: Expr?
    var variadic: Bool
    var isInout: Bool
    var loc: Loc
}

final class FuncDecl {
    var name: String
    var params: [Param]
    var returnType: TypeExpr?
    var body: [Stmt]
    var loc: Loc
    var isMutating = false
    var isStatic = false
    var isOverride = false
    var isInit = false
    /// `init?(...)`: may `return nil`, and constructing gives an optional.
    var isFailable = false
    /// `convenience init`: inherited by a subclass that has every designated initializer of its superclass.
    var isConvenience = false
    /// Declared `throws` (or `rethrows`).
    var isThrowing = false
    /// Declared `rethrows`: a call whose closure arguments cannot throw needs no `try`.
    var isRethrows = false
    init(name: String, params: [Param], returnType: TypeExpr?, body: [Stmt], loc: Loc) {
        self.name = name
        self.params = params
        self.returnType = returnType
        self.body = body
        self.loc = loc
    }
    /// A new declaration with the same parts and flags (a generic type's copy, specialised for its type arguments).
    func copy() -> FuncDecl {
        let c = FuncDecl(name: name, params: params, returnType: returnType, body: body, loc: loc)
        c.isMutating = isMutating
        c.isStatic = isStatic
        c.isOverride = isOverride
        c.isInit = isInit
        c.isFailable = isFailable
        c.isConvenience = isConvenience
        c.isThrowing = isThrowing
        c.isRethrows = isRethrows
        return c
    }
    /// `name(label:label:)`
    var signatureText: String { "\(name)(" + params.map { ($0.label ?? "_") + ":" }.joined() + ")" }
}

/// A stored or computed property of a type.
struct PropertyDecl {
    var name: String
    var isLet: Bool
    var type: TypeExpr?
    var initial: Expr?
    var getter: [Stmt]?
    var setter: [Stmt]?
    var setterName: String
    var isStatic: Bool
    var loc: Loc
    /// Property observers of a stored property.
    var willSet: [Stmt]? = nil
    var willSetName = "newValue"
    var didSet: [Stmt]? = nil
    var didSetName = "oldValue"
    var isLazy = false
}

final class TypeDecl {
    enum Kind { case structType, classType, enumType, protocolType }
    var kind: Kind
    var name: String
    var inherits: [String]
    /// `struct Stack<Element>`: the generic parameters' names.
    var genericParams: [String] = []
    var properties: [PropertyDecl] = []
    var methods: [FuncDecl] = []
    var inits: [FuncDecl] = []
    var enumCases: [EnumCaseDecl] = []
    /// `extension Name { ... }`: members added to an existing (cell or built-in) type.
    var isExtension = false
    /// Protocol requirements (names of properties and of methods).
    var requiredProperties: [String] = []
    var requiredMethods: [String] = []
    /// `static var`/`static func` requirements (met by the adopting type's own static members).
    var requiredStatics: [String] = []
    var loc: Loc
    init(kind: Kind, name: String, inherits: [String], loc: Loc) {
        self.kind = kind
        self.name = name
        self.inherits = inherits
        self.loc = loc
    }
}

indirect enum Stmt {
    case expr(Expr)
    case varDecl(isLet: Bool, [(Pattern, TypeExpr?, Expr?, Loc)], Loc)
    case assign(String, Expr, Expr, Loc)
    case ifStmt([Condition], [Stmt], [Stmt]?, Loc)
    case guardStmt([Condition], [Stmt], Loc)
    case whileStmt([Condition], [Stmt], Loc)
    case repeatWhile([Stmt], Expr, Loc)
    case forIn(Pattern, Expr, Expr?, [Stmt], Loc)
    case switchStmt(Expr, [SwitchCase], Loc)
    case breakStmt(String?, Loc)
    case continueStmt(String?, Loc)
    case returnStmt(Expr?, Loc)
    case funcDecl(FuncDecl)
    case typeDecl(TypeDecl)
    case doBlock([Stmt], Loc)
    case fallthroughStmt(Loc)
    /// `do { } catch pattern where cond { } ...`
    case doCatch([Stmt], [CatchClause], Loc)
    case throwStmt(Expr, Loc)
    case deferStmt([Stmt], Loc)
    /// `name: for ...` (loops, `switch`).
    case labeled(String, Stmt, Loc)
    case empty
}

/// One `catch` clause: no pattern binds `error`.
struct CatchClause {
    var pattern: Expr?
    var whereClause: Expr?
    var body: [Stmt]
    var loc: Loc
}

/// `case name = raw` or `case name(label: Type, Type)` in an enum.
struct EnumCaseDecl {
    var name: String
    var raw: Expr?
    var loc: Loc
    /// Associated values (labels and types); nil when the case has none.
    var associated: [(label: String?, type: TypeExpr)]?
}
