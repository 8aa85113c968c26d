import RLSupport

/// Expressions: Swift operator precedence, postfix chains, literals and closures.
extension Parser {
    /// Binary operator precedence (higher binds tighter) and right associativity.
    static func precedence(_ op: String) -> (Int, Bool)? {
        switch op {
        case "||": return (2, false)
        case "&&": return (3, false)
        case "==", "!=", "<", ">", "<=", ">=", "===", "!==", "~=": return (4, false)
        case "??": return (5, true)
        case "..<", "...": return (7, false)
        case "+", "-", "|", "^", "&+", "&-": return (8, false)
        case "*", "/", "%", "&", "&*": return (9, false)
        case "<<", ">>", "&<<", "&>>": return (10, false)
        default: return nil
        }
    }

    mutating func parseExpr() throws -> Expr {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > NestingLimit.maximum { throw fail(NestingLimit.message("expression"), tok.loc) }
        let cond = try parseBinary(2)
        // ternary: ` ? a : b`
        if tok.isOp("?") && tok.spaceBefore {
            let q = tok
            next()
            let a = try parseExpr()
            guard tok.isPunct(":") else { throw fail("expected ':' after '? ...' in ternary expression", expectedLoc) }
            next()
            let b = try parseExpr()
            return .ternary(cond, a, b, q.loc)
        }
        return cond
    }

    /// Whether the current operator token is used as a binary (infix) operator.
    var isBinaryOperator: Bool {
        let t = tok
        guard t.kind == .op else { return false }
        return t.spaceBefore == t.spaceAfter
    }

    /// One more level of the tree at `loc` (see `nesting`); the caller restores `nesting`.
    mutating func deeper(_ loc: Loc) throws {
        nesting += 1
        if nesting > NestingLimit.maximum { throw fail(NestingLimit.message("expression"), loc) }
    }

    mutating func parseBinary(_ minPrec: Int) throws -> Expr {
        let saved = nesting
        defer { nesting = saved }
        var lhs = try parseUnary()
        while true {
            let t = tok
            // each operator of a chain puts the expression so far one level deeper
            if t.kind == .op || t.kind == .identifier && (t.text == "as" || t.text == "is") { try deeper(t.loc) }
            if t.kind == .identifier && (t.text == "as" || t.text == "is") && 6 >= minPrec {
                next()
                var kind = t.text
                if kind == "as", tok.kind == .op, tok.text == "?" || tok.text == "!" { kind += tok.text; next() }
                let type = try parseType()
                lhs = .cast(lhs, type, kind, t.loc)
                continue
            }
            guard t.kind == .op, isBinaryOperator || t.newlineBefore == false && (t.text == "..<" || t.text == "..."),
                  let (prec, rightAssoc) = Parser.precedence(t.text), prec >= minPrec else { break }
            // `a...` (postfix range) has nothing after it
            let after = peekTok(1)
            let closes = after.isPunct(")") || after.isPunct("]") || after.isPunct("}") || after.isPunct(",") || after.isPunct(":")
            if (t.text == "..." || t.text == "..<") && !t.spaceBefore && (t.spaceAfter || closes) {
                next()
                lhs = .postfixOp(t.text, lhs, t.loc)
                continue
            }
            next()
            if atEnd || tok.isPunct(")") || tok.isPunct("]") || tok.isPunct("}") || tok.isPunct(",") {
                throw fail("expected expression after operator", expectedLoc)
            }
            let rhs = try parseBinary(rightAssoc ? prec : prec + 1)
            lhs = .binary(t.text, lhs, rhs, t.loc)
        }
        return lhs
    }

    mutating func parseUnary() throws -> Expr {
        let t = tok
        let saved = nesting
        defer { nesting = saved }
        if t.kind == .op && (t.text == "-" || t.text == "!" || t.text == "+" || t.text == "~" || t.text == "..<" || t.text == "...") {
            try deeper(t.loc)
            next()
            let operand = try parseUnary()
            if t.text == "-" {
                if case .intLit(let v, let l) = operand { return .intLit(-v, Loc(cell: Int(t.loc.cell), line: Int(t.loc.line), col: Int(t.loc.col), len: Int(l.len) + 1)) }
                if case .doubleLit(let v, let l) = operand { return .doubleLit(-v, Loc(cell: Int(t.loc.cell), line: Int(t.loc.line), col: Int(t.loc.col), len: Int(l.len) + 1)) }
            }
            if t.text == "+" { return operand }
            return .unary(t.text, operand, t.loc)
        }
        if t.kind == .op && (t.text == "&") { try deeper(t.loc); next(); return .unary("&", try parseUnary(), t.loc) }   // inout marker `&x`
        return try parsePostfix(try parsePrimary())
    }

    mutating func parseArgs(close: String) throws -> [Arg] {
        var args: [Arg] = []
        while !tok.isPunct(close) {
            if atEnd { throw fail("expected '\(close)' in expression list", expectedLoc) }
            var label: String?
            let labelLoc = tok.loc
            if tok.kind == .identifier && peekTok(1).isPunct(":") {
                label = tok.text
                next(); next()
            }
            // an operator passed as a function: `reduce(0, +)`, `sorted(by: >)`
            if tok.kind == .op && (peekTok(1).isPunct(close) || peekTok(1).isPunct(",")) {
                args.append(Arg(label: label, value: .opRef(tok.text, tok.loc), labelLoc: labelLoc))
                next()
            } else {
                let saved = noTrailingClosure
                noTrailingClosure = false
                let v = try parseExpr()
                noTrailingClosure = saved
                args.append(Arg(label: label, value: v, labelLoc: label == nil ? v.loc : labelLoc))
            }
            if tok.isPunct(",") { next(); continue }
            if !tok.isPunct(close) {
                throw fail("expected '\(close)' in expression list", expectedLoc)
            }
        }
        next()
        return args
    }

    mutating func parsePostfix(_ base: Expr) throws -> Expr {
        var e = base
        let saved = nesting
        defer { nesting = saved }
        // after `a?.b` (or `a?[i]`) the rest of the chain applies to the unwrapped value: `a?.b.c`,
        // `a?.b[0]` are nil when `a` is, and wrap the result otherwise (not after parentheses).
        // Optional's own members (`a?.zip.map { }` with `zip: Int?`) keep the plain path.
        var chained = false
        while true {
            let t = tok
            // each link of a chain (`f()()`, `a.b.c`, `x!?`) puts the expression so far one level deeper
            if t.isPunct("(") || t.isPunct("[") || t.isPunct(".") || t.isPunct("{") || t.kind == .op && (t.text == "!" || t.text == "?") && !t.spaceBefore { try deeper(t.loc) }
            if t.isPunct("(") && !t.newlineBefore {
                next()
                var args = try parseArgs(close: ")")
                args += try parseTrailingClosures()
                e = .call(e, args, t.loc)
            } else if t.isPunct("[") && !t.newlineBefore {
                next()
                let args = try parseArgs(close: "]")
                e = .subscriptAccess(chained ? .postfixOp("?", e, t.loc) : e, args, t.loc)
            } else if t.isPunct(".") {
                next()
                if tok.kind == .int {
                    let idx = tok.intValue
                    let l = tok.loc
                    next()
                    e = .tupleIndex(e, idx, l)
                } else if tok.kind == .double, !tok.text.contains("e") {
                    // `t.0.1` lexed as a double
                    let parts = tok.text.split(separator: ".")
                    let l = tok.loc
                    next()
                    e = .tupleIndex(.tupleIndex(e, Int(parts[0]) ?? 0, l), Int(parts.count > 1 ? parts[1] : "0") ?? 0, l)
                } else if tok.kind == .identifier {
                    let name = tok.text
                    let l = tok.loc
                    next()
                    // `Swift.min(...)`: the module name qualifies a global
                    if case .name("Swift", _) = e { e = .name("Swift." + name, l) } else { e = chained && !Parser.optionalMembers.contains(name) ? .optMember(e, name, l) : .member(e, name, l) }
                } else {
                    throw fail("expected member name following '.'", expectedLoc)
                }
            } else if t.kind == .op && t.text == "!" && !t.spaceBefore {
                next()
                e = .forceUnwrap(e, t.loc)
            } else if t.kind == .op && t.text == "?" && !t.spaceBefore {
                next()
                guard tok.isPunct(".") else {
                    // `x?[i]` or `f?()`: treat like `x!` but yielding nil when absent
                    e = .postfixOp("?", e, t.loc)
                    chained = true
                    continue
                }
                next()
                let (name, l) = try expectMemberName()
                e = .optMember(e, name, l)
                chained = true
            } else if t.isPunct("{") && !noTrailingClosure && !t.newlineBefore && canTakeTrailingClosure(e) {
                let closures = try parseTrailingClosures()
                if case .call(let callee, let args, let l) = e {
                    e = .call(callee, args + closures, l)
                } else {
                    e = .call(e, closures, t.loc)
                }
            } else {
                return e
            }
        }
    }

    mutating func expectMemberName() throws -> (String, Loc) {
        if tok.kind == .identifier { let r = (tok.text, tok.loc); next(); return r }
        throw fail("expected member name following '.'", expectedLoc)
    }

    func canTakeTrailingClosure(_ e: Expr) -> Bool {
        switch e {
        case .name, .member, .call, .dollar, .subscriptAccess, .optMember, .superRef, .selfRef: return true
        default: return false
        }
    }

    /// `{ ... }` after a call, plus `label: { ... }` for further trailing closures.
    mutating func parseTrailingClosures() throws -> [Arg] {
        var args: [Arg] = []
        guard tok.isPunct("{") && !noTrailingClosure && !tok.newlineBefore else { return args }
        let c = try parseClosure()
        args.append(Arg(label: nil, value: c, labelLoc: c.loc, isTrailing: true))
        while tok.kind == .identifier && peekTok(1).isPunct(":") && peekTok(2).isPunct("{") && !tok.newlineBefore {
            let label = tok.text
            let l = tok.loc
            next(); next()
            args.append(Arg(label: label, value: try parseClosure(), labelLoc: l, isTrailing: true))
        }
        return args
    }

    mutating func parsePrimary() throws -> Expr {
        let t = tok
        switch t.kind {
        case .int: next(); return .intLit(t.intValue, t.loc)
        case .double: next(); return .doubleLit(t.doubleValue, t.loc)
        case .string:
            next()
            return try stringExpr(t)
        case .dollar:
            // the closure gets `$n + 1` parameters: keep that a plausible count
            if t.intValue >= NestingLimit.maximum {
                throw fail("anonymous closure argument '\(t.text)' is out of range: a closure takes at most \(NestingLimit.maximum) parameters; name them with 'a, b in'", t.loc)
            }
            next()
            if !dollarStack.isEmpty { dollarStack[dollarStack.count - 1] = max(dollarStack[dollarStack.count - 1], t.intValue + 1) }
            return .dollar(t.intValue, t.loc)
        case .identifier:
            switch t.text {
            case "true": next(); return .boolLit(true, t.loc)
            case "false": next(); return .boolLit(false, t.loc)
            case "nil": next(); return .nilLit(t.loc)
            case "self": next(); return .selfRef(t.loc)
            case "super": next(); return .superRef(t.loc)
            case "Self": next(); return .name("Self", t.loc)
            case "try":
                next()
                var kind = "try"
                if tok.kind == .op && (tok.text == "?" || tok.text == "!") && !tok.spaceBefore { kind += tok.text; next() }
                // `try` covers the whole binary expression to its right
                return .tryExpr(kind, try parseBinary(2), t.loc)
            case "await": next(); return try parseUnary()
            case "init":
                next(); return .name("init", t.loc)
            case _ where inPattern && (t.text == "let" || t.text == "var"):
                // `.circle(let r)` inside a case pattern; `(.up, let (x, y))` binds each name
                next()
                if tok.isPunct("(") { return Parser.bindingEveryName(try parsePrimary()) }
                let (n, l) = try expectIdentifier("name to bind")
                return .call(.name("__bind", l), [Arg(label: nil, value: .name(n, l), labelLoc: l)], l)
            default:
                if reservedWords.contains(t.text) {
                    throw fail("expected expression, found keyword '\(t.text)'", t.loc)
                }
                next()
                // generic arguments directly after a type-like name: `Array<Double>()`,
                // `Stack<Double>()` become the written type (its arguments convert like Swift's)
                if tok.isOp("<") && !tok.spaceBefore, let first = t.text.first, first.isUppercase {
                    let save = p
                    if let args = try? parseGenericArgs() { return .typeRef(Parser.writtenGenericType(t.text, args), t.loc) }
                    p = save
                }
                return .name(t.text, t.loc)
            }
        case .op:
            if t.text == "." { break }
            throw fail("expected expression", expectedLoc)
        case .punct:
            switch t.text {
            case "(":
                next()
                var items: [(String?, Expr)] = []
                while !tok.isPunct(")") {
                    if atEnd { throw fail("expected ')' in expression list", expectedLoc) }
                    var label: String?
                    if tok.kind == .identifier && peekTok(1).isPunct(":") { label = tok.text; next(); next() }
                    let saved = noTrailingClosure
                    noTrailingClosure = false
                    items.append((label, try parseExpr()))
                    noTrailingClosure = saved
                    if tok.isPunct(",") { next(); continue }
                    if !tok.isPunct(")") { throw fail("expected ')' in expression list", expectedLoc) }
                }
                next()
                if items.count == 1 && items[0].0 == nil { return items[0].1 }
                return .tuple(items, t.loc)
            case "[":
                return try parseCollectionLiteral()
            case "{":
                return try parseClosure()
            case ".":
                next()
                let (name, l) = try expectMemberName()
                return .implicitMember(name, l)
            case "\\":
                return try parseKeyPath()
            default: break
            }
        case .eof:
            throw fail("expected expression", expectedLoc)
        }
        throw fail("expected expression", expectedLoc)
    }

    static let optionalMembers: Set<String> = ["map", "flatMap", "unsafelyUnwrapped", "debugDescription", "customMirror"]

    /// `let (x, (y, _))` inside a pattern: every name in the tuple is bound.
    static func bindingEveryName(_ e: Expr) -> Expr {
        switch e {
        case .name(let n, let l) where n != "_": return .call(.name("__bind", l), [Arg(label: nil, value: .name(n, l), labelLoc: l)], l)
        case .tuple(let items, let l): return .tuple(items.map { ($0.0, bindingEveryName($0.1)) }, l)
        default: return e
        }
    }

    /// A type written with generic arguments in an expression (`Array<Double>`, `Set<Int>`,
    /// `Stack<Double>`), spelled as a type annotation would be.
    static func writtenGenericType(_ name: String, _ args: [TypeExpr]) -> TypeExpr {
        if name == "Array", args.count == 1 { return .array(args[0]) }
        if name == "Dictionary", args.count == 2 { return .dict(args[0], args[1]) }
        if name == "Optional", args.count == 1 { return .optional(args[0]) }
        return .named(name, args)
    }

    /// `<Double, Int>` directly after a type name in an expression; throws (nothing is taken)
    /// when the tokens are not a generic argument list (`a < b`).
    mutating func parseGenericArgs() throws -> [TypeExpr] {
        guard tok.isOp("<") else { throw fail("expected '<'", tok.loc) }
        next()
        var args = [try parseType()]
        while skipPunct(",") { args.append(try parseType()) }
        guard tok.isOp(">") else { throw fail("expected '>'", tok.loc) }
        next()
        return args
    }

    mutating func stringExpr(_ t: Token) throws -> Expr {
        var parts: [InterpPart] = []
        for part in t.parts {
            switch part {
            case .text(let s): parts.append(.text(s))
            case .interpolation(let toks, let l):
                var sub = Parser(tokens: toks)
                sub.nesting = nesting + 1
                sub.dollarStack = dollarStack.isEmpty ? [] : [0]
                defer { if let m = sub.dollarStack.first, !dollarStack.isEmpty { dollarStack[dollarStack.count - 1] = max(dollarStack[dollarStack.count - 1], m) } }
                if sub.atEnd { record(fail("expected expression in string interpolation", l)); continue }
                do {
                    let e = try sub.parseExpr()
                    if !sub.atEnd { sub.record(sub.fail("expected ')' in string interpolation", sub.tok.loc)) }
                    parts.append(.expr(e))
                } catch let e as ParseError { sub.record(e) }
                for e in sub.errors { record(e) }
            }
        }
        if parts.count == 1, case .text(let s) = parts[0] { return .stringLit(s, t.loc) }
        if parts.isEmpty { return .stringLit("", t.loc) }
        return .interp(parts, t.loc)
    }

    /// `[a, b]`, `[k: v]`, `[:]`, or a type used as a value: `[Int]()`, `[String: Double]()`.
    mutating func parseCollectionLiteral() throws -> Expr {
        let open = tok
        // a type in brackets followed by `(`: `[Double](repeating:...)`
        let save = p
        let savedErrors = errors.count
        if let type = try? parseType(), tok.isPunct("("), !tok.newlineBefore, case .array = type { return .typeRef(type, open.loc) }
        else if p != save { p = save; errors.removeSubrange(savedErrors...) }
        p = save
        if let type = try? parseType(), tok.isPunct("("), !tok.newlineBefore, case .dict = type { return .typeRef(type, open.loc) }
        p = save
        errors.removeSubrange(min(savedErrors, errors.count)...)
        next()
        if tok.isPunct(":") && peekTok(1).isPunct("]") { next(); next(); return .dict([], open.loc) }
        var elems: [Expr] = []
        var pairs: [(Expr, Expr)] = []
        var isDict = false
        while !tok.isPunct("]") {
            if atEnd { throw fail("expected ']' in container literal", expectedLoc) }
            let saved = noTrailingClosure
            noTrailingClosure = false
            let k = try parseExpr()
            if tok.isPunct(":") {
                next()
                isDict = true
                pairs.append((k, try parseExpr()))
            } else {
                if isDict { throw fail("expected ':' in dictionary literal", expectedLoc) }
                elems.append(k)
            }
            noTrailingClosure = saved
            if tok.isPunct(",") { next(); continue }
            if !tok.isPunct("]") { throw fail("expected ']' in container literal", expectedLoc) }
        }
        next()
        return isDict ? .dict(pairs, open.loc) : .array(elems, open.loc)
    }

    /// `{ params in body }`
    mutating func parseClosure() throws -> Expr {
        let open = tok
        try expectPunct("{")
        var params: [(name: String, type: TypeExpr?)] = []
        var returnType: TypeExpr?
        var explicit = false
        var inoutLoc: Loc?
        let save = p
        // capture list `[weak self]`, `[x]`, `[total = sum]`
        var captures: [(String, Expr)] = []
        if tok.isPunct("[") {
            captures = parseValueCaptures() ?? []
            while !tok.isPunct("]") && !atEnd { next() }
            next()
        }
        // A bracket at the start is a capture list only when a signature or `in` follows it;
        // otherwise it begins the body (`{ [$0, $0] }`, `{ ["k": $0] }`).
        if p != save && tok.isKeyword("in") {
            next()
            explicit = true
        } else if let sig = try? parseClosureSignature() {
            params = sig.0
            returnType = sig.1
            inoutLoc = sig.2
            explicit = true
        } else {
            p = save
        }
        let saved = noTrailingClosure
        noTrailingClosure = false
        dollarStack.append(0)
        defer { dollarStack.removeLast() }
        var body: [Stmt] = []
        while !tok.isPunct("}") {
            if atEnd {
                noTrailingClosure = saved
                throw fail("expected '}' at end of closure", expectedLoc)
            }
            if skipPunct(";") { continue }
            body.append(parseStatementRecovering())
        }
        next()
        noTrailingClosure = saved
        let c = ClosureExpr(params: params, returnType: returnType, body: body, loc: open.loc, hasExplicitParams: explicit)
        c.anonCount = dollarStack.last ?? 0
        // a plain `try` anywhere inside (even one a `do` catches): the closure may throw
        c.mayThrow = (save..<p).contains { toks[$0].isKeyword("try") && $0 + 1 < toks.count && !(toks[$0 + 1].kind == .op && !toks[$0 + 1].spaceBefore && (toks[$0 + 1].text == "?" || toks[$0 + 1].text == "!")) }
        c.inoutParameterLoc = inoutLoc
        if !captures.isEmpty && p != save {
            // `{ [x] in ... }` captures x's value now: `{ (x) in { ... } }(x)`, called where the
            // closure is made, so the inner closure sees a constant copy
            let outer = ClosureExpr(params: captures.map { ($0.0, nil) }, returnType: nil,
                                    body: [.returnStmt(.closure(c), open.loc)], loc: open.loc, hasExplicitParams: true)
            return .call(.closure(outer), captures.map { Arg(label: nil, value: $0.1, labelLoc: open.loc) }, open.loc)
        }
        return .closure(c)
    }

    /// The names a capture list copies (`[x]`, `[y = expr]`), with the expressions they copy;
    /// `weak`/`unowned` entries and `self` are skipped (they keep a reference, as before). Leaves
    /// the parser at the list's `]`; nil (and the position unchanged) when it is not a capture list.
    mutating func parseValueCaptures() -> [(String, Expr)]? {
        let start = p
        next()   // [
        var out: [(String, Expr)] = []
        while !tok.isPunct("]") {
            guard tok.kind == .identifier, !atEnd else { p = start; return nil }
            var byReference = false
            if tok.text == "weak" || tok.text == "unowned" {
                byReference = true
                next()
                if tok.isPunct("(") { while !tok.isPunct(")") && !atEnd { next() }; next() }
            }
            guard tok.kind == .identifier else { p = start; return nil }
            let name = tok.text, nameLoc = tok.loc
            next()
            var value = Expr.name(name, nameLoc)
            if tok.kind == .op && tok.text == "=" {
                next()
                guard let e = try? parseExpr() else { p = start; return nil }
                value = e
            }
            if !byReference && name != "self" { out.append((name, value)) }
            if tok.isPunct(",") { next(); continue }
            guard tok.isPunct("]") else { p = start; return nil }
        }
        return out
    }

    /// `x, y in` or `(x: Double, y) -> T in`; throws when what follows is not a signature.
    mutating func parseClosureSignature() throws -> ([(name: String, type: TypeExpr?)], TypeExpr?, Loc?) {
        var params: [(name: String, type: TypeExpr?)] = []
        var ret: TypeExpr?
        var inoutLoc: Loc?
        if tok.isPunct("(") {
            next()
            while !tok.isPunct(")") {
                guard tok.kind == .identifier else { throw fail("not a signature", tok.loc) }
                var name = tok.text
                next()
                if tok.kind == .identifier && !tok.isKeyword("in") { name = tok.text; next() }  // external label ignored
                var type: TypeExpr?
                if skipPunct(":") {
                    if tok.isKeyword("inout") && inoutLoc == nil { inoutLoc = tok.loc }
                    type = try parseType()
                }
                params.append((name, type))
                if !skipPunct(",") { break }
            }
            try expectPunct(")")
            if skipPunct("->") { ret = try parseType() }
        } else {
            repeat {
                guard tok.kind == .identifier, !tok.isKeyword("in") else { throw fail("not a signature", tok.loc) }
                params.append((tok.text, nil))
                next()
            } while skipPunct(",")
            if skipPunct("->") { ret = try parseType() }
        }
        guard tok.isKeyword("in") else { throw fail("not a signature", tok.loc) }
        next()
        return (params, ret, inoutLoc)
    }

    /// `\.name.other` or `\Type.name`: a key path used as a function, parsed as `{ $0.name.other }`.
    mutating func parseKeyPath() throws -> Expr {
        let start = tok
        next()
        if tok.kind == .identifier && !tok.spaceBefore, let f = tok.text.first, f.isUppercase { next() }   // the root type
        var e = Expr.dollar(0, start.loc)
        var any = false
        var chained = false
        while !tok.spaceBefore {
            if tok.isPunct(".") {
                next()
                let (name, l) = try expectMemberName()
                e = chained ? .optMember(e, name, l) : .member(e, name, l)
                chained = false
                any = true
            } else if tok.kind == .op && tok.text == "?" && any && peekTok(1).isPunct(".") {
                next(); chained = true   // `\.address?.city`: nil when `address` is
            } else if tok.kind == .op && tok.text == "!" && any {
                e = .forceUnwrap(e, tok.loc); next()
            } else { break }
        }
        guard any else { throw fail("expected a property after '\\' (a key path such as \\.count)", expectedLoc) }
        let c = ClosureExpr(params: [], returnType: nil, body: [.expr(e)], loc: start.loc, hasExplicitParams: false)
        c.anonCount = 1
        return .closure(c)
    }
}
