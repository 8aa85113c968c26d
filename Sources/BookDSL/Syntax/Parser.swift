import RLSupport

/// Recursive-descent parser for the cell language, with error recovery: a syntax error skips to
/// the next statement boundary so that several errors of one cell are reported together.
struct Parser {
    struct ParseError: Error { var message: String; var loc: Loc }

    var toks: [Token]
    var p = 0
    var errors: [ParseError] = []
    /// Inside `if`/`while`/`for`/`switch` heads a `{` starts the body, not a trailing closure.
    var noTrailingClosure = false
    /// Highest `$n` + 1 seen in each enclosing closure.
    var dollarStack: [Int] = []
    /// Depth of the tree being built: every bracket, block, type, prefix operator, postfix link
    /// (`f()()`, `a.b.c`) and operator of a chain (`1 + 1 + ...`) is a level. Bounded by
    /// `NestingLimit.maximum`, so the checker, compiler and interpreter that recurse over the tree
    /// cannot overflow the stack.
    var nesting = 0
    /// Parsing a `case`/`catch` pattern: `let x` inside it is a binding.
    var inPattern = false

    init(tokens: [Token]) { toks = tokens }

    /// Errors a cell collects before the parser gives up on the rest of it, as clang's
    /// `-ferror-limit` ("too many errors emitted, stopping now"): the interpreter shows the first 50,
    /// and a cell of thousands of stray tokens is not parsed (and reported on) to its end.
    static let errorCap = 200
    /// Whether the parser stopped at `errorCap` errors.
    private(set) var gaveUp = false

    /// Keeps a syntax error; at `errorCap` errors skips to the end of the cell.
    mutating func record(_ e: ParseError) {
        guard !gaveUp else { return }
        errors.append(e)
        if errors.count >= Self.errorCap {
            gaveUp = true
            p = toks.count - 1
        }
    }

    var tok: Token { toks[p] }
    func peekTok(_ k: Int) -> Token { toks[min(p + k, toks.count - 1)] }
    var atEnd: Bool { tok.kind == .eof }

    mutating func next() { if p < toks.count - 1 { p += 1 } }

    /// The location just after the previous token (for "expected X" errors at a line end).
    var afterPrevious: Loc {
        guard p > 0 else { return tok.loc }
        let t = toks[p - 1]
        return Loc(cell: Int(t.loc.cell), line: Int(t.loc.line), col: Int(t.loc.col) + Int(t.loc.len), len: 1)
    }

    /// Where to report "expected ..." when `tok` is wrong: the token itself, or the end of the previous line.
    var expectedLoc: Loc { (tok.newlineBefore || tok.kind == .eof) && p > 0 ? afterPrevious : tok.loc }

    func fail(_ message: String, _ loc: Loc) -> ParseError { ParseError(message: message, loc: loc) }

    mutating func expectPunct(_ s: String, _ context: String = "") throws {
        if tok.isPunct(s) { next(); return }
        throw fail("expected '\(s)'\(context.isEmpty ? "" : " " + context)", expectedLoc)
    }

    mutating func expectIdentifier(_ what: String = "identifier") throws -> (String, Loc) {
        if tok.kind == .identifier && !reservedWords.contains(tok.text) {
            let r = (tok.text, tok.loc); next(); return r
        }
        // `init`/keywords allowed after `.` are handled by callers
        throw fail("expected \(what)", expectedLoc)
    }

    mutating func skipPunct(_ s: String) -> Bool {
        if tok.isPunct(s) { next(); return true }
        return false
    }

    // MARK: - Top level

    /// Parses a whole cell.
    mutating func parseProgram() -> [Stmt] {
        var stmts: [Stmt] = []
        while !atEnd {
            if skipPunct(";") { continue }
            if tok.isPunct("}") {
                record(fail("extraneous '}' at top level", tok.loc)); next(); continue
            }
            stmts.append(parseStatementRecovering())
        }
        return stmts
    }

    /// Parses one statement; on error records it and skips to the next statement boundary.
    mutating func parseStatementRecovering() -> Stmt {
        let start = p
        do {
            let s = try parseStatement()
            // statements on one line need ';'
            if !atEnd && !tok.newlineBefore && !tok.isPunct(";") && !tok.isPunct("}") {
                record(fail("consecutive statements on a line must be separated by ';'", afterPrevious))
            }
            return s
        } catch let e as ParseError {
            record(e)
            recover(from: start)
            return .empty
        } catch {
            return .empty
        }
    }

    /// Skips tokens to a plausible statement start: a new line at bracket depth 0, `;`, or an unmatched `}`.
    mutating func recover(from start: Int) {
        if p == start { next() }
        var depth = 0
        while !atEnd {
            let t = tok
            if depth == 0 && (t.newlineBefore && p > start) { return }
            if t.isPunct("(") || t.isPunct("[") || t.isPunct("{") { depth += 1 }
            if t.isPunct(")") || t.isPunct("]") || t.isPunct("}") {
                if depth == 0 { if t.isPunct("}") { return }; next(); continue }
                depth -= 1
            }
            if depth == 0 && t.isPunct(";") { next(); return }
            next()
        }
    }

    /// `{ statements }`
    mutating func parseBlock(_ what: String = "") throws -> [Stmt] {
        guard tok.isPunct("{") else { throw fail("expected '{'\(what.isEmpty ? "" : " " + what)", expectedLoc) }
        nesting += 1
        defer { nesting -= 1 }
        if nesting > NestingLimit.maximum { throw fail(NestingLimit.message("code"), tok.loc) }
        let open = tok.loc
        next()
        let saved = noTrailingClosure
        noTrailingClosure = false
        defer { noTrailingClosure = saved }
        var stmts: [Stmt] = []
        while !tok.isPunct("}") {
            if atEnd {
                throw fail("expected '}' at end of brace statement (to match '{' at line \(open.line))", expectedLoc)
            }
            if skipPunct(";") { continue }
            stmts.append(parseStatementRecovering())
        }
        next()
        return stmts
    }

    // MARK: - Statements

    mutating func parseStatement() throws -> Stmt {
        let t = tok
        // attributes and modifiers that change nothing here
        if t.isPunct("@") { next(); _ = try? expectIdentifier(); return try parseStatement() }
        if t.kind == .identifier && !reservedWords.contains(t.text) && peekTok(1).isPunct(":") && peekTok(2).kind == .identifier
            && ["for", "while", "repeat", "switch", "do", "if"].contains(peekTok(2).text) {
            // a statement label: `outer: for ...`
            next(); next()
            if tok.isKeyword("do") || tok.isKeyword("if") {
                throw fail("labels are supported on loops ('for', 'while', 'repeat') and 'switch'; remove the label '\(t.text)'", t.loc)
            }
            return .labeled(t.text, try parseStatement(), t.loc)
        }
        if t.kind == .identifier {
            switch t.text {
            case "let", "var": return try parseVarDecl()
            case "func": return .funcDecl(try parseFunc())
            case "struct", "class", "enum": return .typeDecl(try parseTypeDecl())
            case "protocol": return .typeDecl(try parseProtocol())
            case "typealias" where peekTok(1).kind == .identifier:
                throw fail("'typealias' is not supported in cells; write the type itself where '\(peekTok(1).text)' is used", t.loc)
            case "extension": return .typeDecl(try parseExtension())
            case "if": return try parseIf()
            case "guard": return try parseGuard()
            case "while":
                next()
                let conds = try parseConditions()
                let body = try parseBlock("after 'while' condition")
                return .whileStmt(conds, body, t.loc)
            case "repeat":
                next()
                let body = try parseBlock()
                guard tok.isKeyword("while") else { throw fail("expected 'while' after 'repeat' body", expectedLoc) }
                next()
                let cond = try parseExpr()
                return .repeatWhile(body, cond, t.loc)
            case "for": return try parseFor()
            case "switch": return try parseSwitch()
            case "return":
                next()
                if atEnd || tok.isPunct("}") || tok.isPunct(";") || tok.newlineBefore || tok.isKeyword("case") || tok.isKeyword("default") {
                    return .returnStmt(nil, t.loc)
                }
                return .returnStmt(try parseExpr(), t.loc)
            case "break", "continue":
                next()
                var label: String?
                if tok.kind == .identifier && !tok.newlineBefore && !reservedWords.contains(tok.text) { label = tok.text; next() }
                return t.text == "break" ? .breakStmt(label, t.loc) : .continueStmt(label, t.loc)
            case "fallthrough": next(); return .fallthroughStmt(t.loc)
            case "do": return try parseDo()
            case "throw":
                next()
                if atEnd || tok.newlineBefore || tok.isPunct("}") { throw fail("expected an error value after 'throw'", expectedLoc) }
                return .throwStmt(try parseExpr(), t.loc)
            case "defer":
                next()
                return .deferStmt(try parseBlock("after 'defer'"), t.loc)
            case "private", "public", "fileprivate", "internal", "final", "static", "mutating", "override", "lazy", "nonisolated":
                next(); return try parseStatement()
            case _ where (t.text == "weak" || t.text == "unowned") && (peekTok(1).isKeyword("var") || peekTok(1).isKeyword("let")):
                throw fail("'\(t.text)' references are not supported in cells: every reference keeps its object alive, so a '\(t.text)' variable would not become nil (or trap) when its object is freed as in Swift; remove '\(t.text)' where the object outlives the reference, or store an index or id instead", t.loc)
            case "indirect" where peekTok(1).text == "enum":
                next(); return try parseStatement()   // every enum payload is boxed already
            case "import":
                next(); _ = try expectIdentifier("module name"); return .empty
            default: break
            }
        }
        let e = try parseExpr()
        if tok.kind == .op && Parser.assignmentOps.contains(tok.text) {
            let op = tok
            next()
            let rhs = try parseExpr()
            return .assign(op.text, e, rhs, op.loc)
        }
        return .expr(e)
    }

    static let assignmentOps: Set<String> = ["=", "+=", "-=", "*=", "/=", "%=", "&&=", "||=", "<<=", ">>=", "&=", "|=", "^="]

    mutating func parsePattern() throws -> Pattern {
        if tok.isPunct("(") {
            next()
            var items: [Pattern] = []
            while !tok.isPunct(")") {
                if tok.isKeyword("let") || tok.isKeyword("var") { next() }
                items.append(try parsePattern())
                if !skipPunct(",") { break }
            }
            try expectPunct(")", "in pattern")
            return .tuple(items)
        }
        if tok.isKeyword("_") || (tok.kind == .identifier && tok.text == "_") { next(); return .wildcard }
        let (n, l) = try expectIdentifier("pattern")
        return .name(n, l)
    }

    mutating func parseVarDecl() throws -> Stmt {
        let kw = tok
        next()
        var items: [(Pattern, TypeExpr?, Expr?, Loc)] = []
        repeat {
            let loc = tok.loc
            let pat = try parsePattern()
            var type: TypeExpr?
            if skipPunct(":") { type = try parseType() }
            var initial: Expr?
            if tok.isOp("=") {
                next()
                initial = try parseExpr()
                if tok.isPunct("{") && peekTok(1).kind == .identifier && ["willSet", "didSet", "get", "set"].contains(peekTok(1).text) {
                    throw fail("observers on variables outside a type are not supported; declare the variable in a class or struct", tok.loc)
                }
            } else if tok.isPunct("{"), case .name = pat {
                // a computed global (`var x: Int { ... }`) is not supported; give a clear message
                throw fail("computed variables are only supported as properties of a struct or class", tok.loc)
            }
            items.append((pat, type, initial, loc))
        } while skipPunct(",")
        return .varDecl(isLet: kw.text == "let", items, kw.loc)
    }

    mutating func parseConditions() throws -> [Condition] {
        let saved = noTrailingClosure
        noTrailingClosure = true
        defer { noTrailingClosure = saved }
        var conds: [Condition] = []
        repeat {
            if tok.isKeyword("let") || tok.isKeyword("var") {
                let kw = tok
                next()
                let pat = try parsePattern()
                var type: TypeExpr?
                if skipPunct(":") { type = try parseType() }
                var value: Expr
                if tok.isOp("=") { next(); value = try parseExpr() } else if case .name(let n, let l) = pat {
                    value = .name(n, l)   // `if let x` shorthand
                } else { throw fail("expected '=' in optional binding", expectedLoc) }
                conds.append(.optionalBinding(isLet: kw.text == "let", pat, type, value, kw.loc))
            } else if tok.isKeyword("case") {
                let kw = tok
                next()
                let pattern = try parseCasePattern()
                guard tok.isOp("=") else { throw fail("expected '=' in 'case' condition", expectedLoc) }
                next()
                conds.append(.casePattern(pattern, try parseExpr(), kw.loc))
            } else {
                conds.append(.expr(try parseExpr()))
            }
        } while skipPunct(",")
        return conds
    }

    mutating func parseIf() throws -> Stmt {
        let t = tok
        next()
        let conds = try parseConditions()
        let body = try parseBlock("after 'if' condition")
        var elseBody: [Stmt]?
        if tok.isKeyword("else") {
            next()
            if tok.isKeyword("if") { elseBody = [try parseIf()] } else { elseBody = try parseBlock("after 'else'") }
        }
        return .ifStmt(conds, body, elseBody, t.loc)
    }

    mutating func parseGuard() throws -> Stmt {
        let t = tok
        next()
        let conds = try parseConditions()
        guard tok.isKeyword("else") else { throw fail("expected 'else' after 'guard' condition", expectedLoc) }
        next()
        return .guardStmt(conds, try parseBlock("after 'guard ... else'"), t.loc)
    }

    mutating func parseFor() throws -> Stmt {
        let t = tok
        next()
        if tok.isKeyword("case") {
            // `for case .circle(let r) in shapes where r > 1 { }` is
            // `for item in shapes { if case .circle(let r) = item, r > 1 { } }`
            next()
            let casePattern = try parseCasePattern()
            guard tok.isKeyword("in") else { throw fail("expected 'in' after for-case pattern", expectedLoc) }
            next()
            let saved = noTrailingClosure
            noTrailingClosure = true
            let seq = try parseExpr()
            var conds: [Condition] = [.casePattern(casePattern, .name("case.item", t.loc), t.loc)]
            if tok.isKeyword("where") { next(); conds.append(.expr(try parseExpr())) }
            noTrailingClosure = saved
            let body = try parseBlock("to start the body of for-each loop")
            return .forIn(.name("case.item", t.loc), seq, nil, [.ifStmt(conds, body, nil, t.loc)], t.loc)
        }
        let isVar = tok.isKeyword("var")
        if tok.isKeyword("let") || isVar { next() }
        let pat = try parsePattern()
        if skipPunct(":") { _ = try parseType() }
        guard tok.isKeyword("in") else { throw fail("expected 'in' after for-each pattern", expectedLoc) }
        next()
        let saved = noTrailingClosure
        noTrailingClosure = true
        let seq = try parseExpr()
        var whereExpr: Expr?
        if tok.isKeyword("where") { next(); whereExpr = try parseExpr() }
        noTrailingClosure = saved
        let body = try parseBlock("to start the body of for-each loop")
        if isVar {
            // `for var p in ps where c { body }` is `for item in ps { var p = item; if c { body } }`:
            // the loop variable is a copy the body may change
            let item = Expr.name("var.item", t.loc)
            var inner: [Stmt] = [.varDecl(isLet: false, [(pat, nil, item, t.loc)], t.loc)]
            inner += whereExpr.map { [.ifStmt([.expr($0)], body, nil, t.loc)] } ?? body
            return .forIn(.name("var.item", t.loc), seq, nil, inner, t.loc)
        }
        return .forIn(pat, seq, whereExpr, body, t.loc)
    }

    mutating func parseSwitch() throws -> Stmt {
        let t = tok
        next()
        let saved = noTrailingClosure
        noTrailingClosure = true
        let subject = try parseExpr()
        noTrailingClosure = saved
        try expectPunct("{", "after 'switch' subject expression")
        var cases: [SwitchCase] = []
        while !tok.isPunct("}") {
            if atEnd { throw fail("expected '}' at end of 'switch' statement", expectedLoc) }
            let c = tok
            var patterns: [Expr] = []
            var isDefault = false
            var whereClause: Expr?
            if tok.isKeyword("default") {
                next(); isDefault = true
            } else if tok.isKeyword("case") {
                next()
                repeat {
                    patterns.append(try parseCasePattern())
                } while skipPunct(",")
                if tok.isKeyword("where") { next(); whereClause = try parseExpr() }
            } else {
                throw fail("'switch' body must start with 'case' or 'default'", tok.loc)
            }
            try expectPunct(":", "after case pattern")
            var body: [Stmt] = []
            while !tok.isKeyword("case") && !tok.isKeyword("default") && !tok.isPunct("}") && !atEnd {
                if skipPunct(";") { continue }
                body.append(parseStatementRecovering())
            }
            if body.isEmpty { record(fail("'\(isDefault ? "default" : "case")' label in a 'switch' must have at least one executable statement", c.loc)) }
            cases.append(SwitchCase(patterns: patterns, isDefault: isDefault, body: body, loc: c.loc, whereClause: whereClause))
        }
        next()
        return .switchStmt(subject, cases, t.loc)
    }
}
