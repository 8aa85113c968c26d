import RLSupport

/// Declarations (functions, structs, classes, enums) and types.
extension Parser {
    mutating func parseType() throws -> TypeExpr {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > NestingLimit.maximum { throw fail(NestingLimit.message("type"), tok.loc) }
        while tok.isPunct("@") { next(); _ = try expectIdentifier("attribute") }
        if tok.isKeyword("inout") || tok.isKeyword("some") || tok.isKeyword("any") { next() }
        var t: TypeExpr
        if tok.isPunct("[") {
            next()
            let k = try parseType()
            if skipPunct(":") {
                let v = try parseType()
                try expectPunct("]", "in dictionary type")
                t = .dict(k, v)
            } else {
                try expectPunct("]", "in array type")
                t = .array(k)
            }
        } else if tok.isPunct("(") {
            next()
            var elems: [(String?, TypeExpr)] = []
            while !tok.isPunct(")") {
                var label: String?
                if tok.kind == .identifier && peekTok(1).isPunct(":") { label = tok.text; next(); next() }
                else if tok.kind == .identifier && peekTok(1).kind == .identifier && peekTok(2).isPunct(":") { label = peekTok(1).text; next(); next(); next() }
                elems.append((label, try parseType()))
                if !skipPunct(",") { break }
            }
            try expectPunct(")", "in type")
            if tok.isKeyword("throws") { next() }
            if skipPunct("->") {
                let r = try parseType()
                t = .function(elems.map(\.1), r)
            } else if elems.count == 1 && elems[0].0 == nil {
                t = elems[0].1
            } else {
                t = .tuple(elems)
            }
        } else if tok.kind == .identifier && !reservedWords.contains(tok.text) || tok.isKeyword("Self") {
            var name = tok.text
            if let why = UnsupportedTypes.message(name) { throw fail(why, tok.loc) }
            next()
            var generics: [TypeExpr] = []
            if tok.isOp("<") && !tok.spaceBefore {
                next()
                generics.append(try parseType())
                while skipPunct(",") { generics.append(try parseType()) }
                if tok.isOp(">") { next() } else if tok.kind == .op && tok.text.hasPrefix(">") {
                    // `>>` closing two generic lists
                    toks[p].text.removeFirst()
                } else { throw fail("expected '>' to complete generic argument list", expectedLoc) }
            }
            while tok.isPunct(".") && peekTok(1).kind == .identifier { next(); name += "." + tok.text; next() }
            if name == "Array", generics.count == 1 { t = .array(generics[0]) }
            else if name == "Dictionary", generics.count == 2 { t = .dict(generics[0], generics[1]) }
            else if name == "Optional", generics.count == 1 { t = .optional(generics[0]) }
            else { t = .named(name, generics) }
        } else {
            throw fail("expected type", expectedLoc)
        }
        while tok.kind == .op && (tok.text == "?" || tok.text == "!") && !tok.spaceBefore {
            t = .optional(t)
            next()
        }
        if tok.kind == .op && (tok.text == "?!" || tok.text == "??") && !tok.spaceBefore {
            t = .optional(.optional(t)); next()
        }
        if tok.isPunct("->") && !tok.newlineBefore {
            // `Int -> Int` (unparenthesised) — accept
            next()
            t = .function([t], try parseType())
        }
        return t
    }

    mutating func parseParams() throws -> [Param] {
        try expectPunct("(", "in parameter list")
        var params: [Param] = []
        while !tok.isPunct(")") {
            while tok.isPunct("@") { next(); _ = try expectIdentifier() }
            let loc = tok.loc
            guard tok.kind == .identifier else { throw fail("expected parameter name followed by ':'", expectedLoc) }
            let first = tok.text
            next()
            var label: String? = first == "_" ? nil : first
            var name = first
            if tok.kind == .identifier {
                name = tok.text
                next()
            }
            try expectPunct(":", "after parameter name")
            var isInout = false
            if tok.isKeyword("inout") { isInout = true; next() }
            let type = try parseType()
            var variadic = false
            if tok.isOp("...") { variadic = true; next() }
            var def: Expr?
            if tok.isOp("=") { next(); def = try parseExpr() }
            if name == "_" && label == nil { name = "_" }
            if first == name && label != nil { label = name }
            params.append(Param(label: label, name: name, type: type, defaultValue: def, variadic: variadic, isInout: isInout, loc: loc))
            if !skipPunct(",") { break }
        }
        try expectPunct(")", "in parameter list")
        return params
    }

    mutating func parseFunc() throws -> FuncDecl {
        let kw = tok
        next()
        var name: String
        if tok.kind == .op { name = tok.text; next() } else { name = try expectIdentifier("function name").0 }
        if tok.isOp("<") { try skipGenericArgsDecl() }
        let params = try parseParams()
        var throwing = false, rethrowing = false
        while tok.isKeyword("throws") || tok.isKeyword("rethrows") || tok.isKeyword("async") {
            if !tok.isKeyword("async") { throwing = true }
            if tok.isKeyword("rethrows") { rethrowing = true }
            next()
        }
        var ret: TypeExpr?
        if skipPunct("->") { ret = try parseType() }
        if tok.isKeyword("where") { while !tok.isPunct("{") && !atEnd { next() } }
        let body = try parseBlock("in body of function declaration")
        let f = FuncDecl(name: name, params: params, returnType: ret, body: body, loc: kw.loc)
        f.isThrowing = throwing
        f.isRethrows = rethrowing
        return f
    }

    mutating func skipGenericArgsDecl() throws {
        var depth = 0
        repeat {
            if tok.isOp("<") { depth += 1 } else if tok.isOp(">") { depth -= 1 } else if tok.kind == .op && tok.text == ">>" { depth -= 2 }
            next()
        } while depth > 0 && !atEnd
    }

    mutating func parseTypeDecl() throws -> TypeDecl {
        let kw = tok
        next()
        let (name, _) = try expectIdentifier("type name")
        var genericParams: [String] = []
        if tok.isOp("<") {
            // `struct Pair<A, B: Comparable>`: the parameter names (printing writes `Pair<Int, String>`)
            let start = p
            try skipGenericArgsDecl()
            for i in start..<p where toks[i].kind == .identifier && i > start && (toks[i - 1].isOp("<") || toks[i - 1].isPunct(",")) {
                genericParams.append(toks[i].text)
            }
        }
        var inherits: [String] = []
        if skipPunct(":") {
            repeat {
                var n = try expectIdentifier("type name").0
                while tok.isPunct(".") && peekTok(1).kind == .identifier { next(); n += "." + tok.text; next() }   // gym.Wrapper
                inherits.append(n)
            } while skipPunct(",")
        }
        let kind: TypeDecl.Kind = kw.text == "struct" ? .structType : (kw.text == "class" ? .classType : .enumType)
        let decl = TypeDecl(kind: kind, name: name, inherits: inherits, loc: kw.loc)
        decl.genericParams = genericParams
        try expectPunct("{", "in \(kw.text) declaration")
        while !tok.isPunct("}") {
            if atEnd { throw fail("expected '}' in \(kw.text)", expectedLoc) }
            if skipPunct(";") { continue }
            let start = p
            do {
                try parseMember(into: decl)
            } catch let e as ParseError {
                record(e)
                recover(from: start)
            }
        }
        next()
        return decl
    }

    mutating func parseMember(into decl: TypeDecl) throws {
        var isStatic = false, isMutating = false, isOverride = false, isLazy = false, isConvenience = false
        while tok.kind == .identifier || tok.isPunct("@") {
            if tok.isPunct("@") { next(); _ = try expectIdentifier(); continue }
            switch tok.text {
            case "static":
                isStatic = true; next(); continue
            case "class" where peekTok(1).kind == .identifier && ["func", "var", "let"].contains(peekTok(1).text):
                isStatic = true; next(); continue
            case "mutating": isMutating = true; next(); continue
            case "indirect" where peekTok(1).text == "case": next(); continue   // every enum payload is boxed already
            case "override": isOverride = true; next(); continue
            case "lazy": isLazy = true; next(); continue
            case "convenience": isConvenience = true; next(); continue
            case _ where (tok.text == "weak" || tok.text == "unowned") && (peekTok(1).isKeyword("var") || peekTok(1).isKeyword("let") || peekTok(1).isPunct("(")):
                throw fail("'\(tok.text)' references are not supported in cells: every reference keeps its object alive, so a '\(tok.text)' property would not become nil (or trap) when its object is freed as in Swift; remove '\(tok.text)' where the object outlives the reference (a parent that owns its children), or store an index or id instead", tok.loc)
            case "private", "public", "fileprivate", "internal", "final", "open", "required", "nonmutating", "prefix", "postfix", "infix":
                next(); if tok.isPunct("(") { next(); next(); try expectPunct(")") }; continue
            default: break
            }
            break
        }
        let t = tok
        switch t.text {
        case "func":
            let f = try parseFunc()
            f.isMutating = isMutating
            f.isStatic = isStatic
            f.isOverride = isOverride
            decl.methods.append(f)
        case "init":
            next()
            var failable = false
            if tok.kind == .op && (tok.text == "?" || tok.text == "!") { failable = tok.text == "?"; next() }
            let params = try parseParams()
            var throwing = false
            while tok.isKeyword("throws") || tok.isKeyword("rethrows") { throwing = true; next() }
            let body = try parseBlock("in initializer")
            let f = FuncDecl(name: "init", params: params, returnType: nil, body: body, loc: t.loc)
            f.isInit = true
            f.isFailable = failable
            f.isThrowing = throwing
            f.isOverride = isOverride
            f.isConvenience = isConvenience
            decl.inits.append(f)
        case "subscript":
            try parseSubscript(into: decl, isStatic: isStatic)
        case "deinit":
            throw fail("'deinit' is not supported: cell objects are freed without running code; call a method such as close() explicitly", t.loc)
        case "case":
            next()
            repeat {
                let (n, l) = try expectIdentifier("enum case name")
                var raw: Expr?
                var assoc: [(label: String?, type: TypeExpr)]?
                if tok.isPunct("(") {
                    next()
                    var items: [(label: String?, type: TypeExpr)] = []
                    while !tok.isPunct(")") {
                        var label: String?
                        if tok.kind == .identifier && peekTok(1).isPunct(":") { label = tok.text == "_" ? nil : tok.text; next(); next() }
                        items.append((label, try parseType()))
                        if tok.isOp("=") { throw fail("default values for associated values are not supported; pass every value", tok.loc) }
                        if !skipPunct(",") { break }
                    }
                    try expectPunct(")", "after associated values")
                    assoc = items
                }
                if tok.isOp("=") { next(); raw = try parseExpr() }
                decl.enumCases.append(EnumCaseDecl(name: n, raw: raw, loc: l, associated: assoc))
            } while skipPunct(",")
        case "let", "var":
            next()
            repeat {
                let (name, l) = try expectIdentifier("property name")
                var type: TypeExpr?
                if skipPunct(":") { type = try parseType() }
                var prop = PropertyDecl(name: name, isLet: t.text == "let", type: type, initial: nil, getter: nil, setter: nil, setterName: "newValue", isStatic: isStatic, loc: l)
                if tok.isOp("=") { next(); prop.initial = try parseExpr() }
                if tok.isPunct("{") {
                    try parseAccessors(&prop)
                }
                if prop.willSet != nil || prop.didSet != nil {
                    if prop.getter != nil || prop.setter != nil {
                        throw fail("'willSet'/'didSet' cannot be combined with 'get'/'set'; observe a stored property", l)
                    }
                    if prop.isLet { throw fail("'let' declarations cannot be observing properties; use 'var'", t.loc) }
                    if isStatic { throw fail("observers on static properties are not supported", l) }
                    if isOverride { throw fail("overriding a property to add observers is not supported; observe it where it is declared", l) }
                }
                if isLazy {
                    guard !prop.isLet else { throw fail("'lazy' cannot be used on a let; use 'lazy var'", t.loc) }
                    guard prop.initial != nil, prop.getter == nil else { throw fail("lazy properties must have an initializer", l) }
                    guard decl.kind == .classType else {
                        throw fail("'lazy var' is supported in classes; in a struct, compute the value in init or use a computed property", t.loc)
                    }
                    prop.isLazy = true
                    decl.properties.append(Parser.lazyStorage(&prop))
                }
                decl.properties.append(prop)
            } while skipPunct(",")
        case "struct", "class", "enum":
            throw fail("nested type declarations are not supported; declare '\(peekTok(1).text)' at the top level", t.loc)
        case "typealias":
            // was skipped without advancing (the parser never finished)
            throw fail("'typealias' is not supported in cells; write the type itself where '\(peekTok(1).text)' is used", t.loc)
        default:
            let what = decl.isExtension ? "extension" : decl.kind == .classType ? "class" : decl.kind == .structType ? "struct" : "enum"
            throw fail("expected declaration in \(what) '\(decl.name)'", t.loc)
        }
    }

    /// `subscript(i: Int) -> T { ... }` or `{ get { } set { } }`: the getter becomes a method named
    /// `subscript`, the setter one named `subscript=` taking the new value last. Parameters have
    /// no argument labels unless two names are written (`subscript(row r: Int)`), as in Swift.
    mutating func parseSubscript(into decl: TypeDecl, isStatic: Bool) throws {
        let kw = tok
        next()
        if isStatic { throw fail("static subscripts are not supported; declare a static func", kw.loc) }
        var params = try parseParams()
        for i in params.indices where params[i].label == params[i].name { params[i].label = nil }
        guard skipPunct("->") else { throw fail("expected '->' and the element type after the subscript's parameters", expectedLoc) }
        let ret = try parseType()
        guard tok.isPunct("{") else { throw fail("expected '{' to start the subscript's body", expectedLoc) }
        var acc = PropertyDecl(name: "subscript", isLet: false, type: ret, initial: nil, getter: nil, setter: nil, setterName: "newValue", isStatic: false, loc: kw.loc)
        try parseAccessors(&acc)
        guard let getter = acc.getter else { throw fail("a subscript needs a getter ('get { ... }')", kw.loc) }
        if acc.willSet != nil || acc.didSet != nil { throw fail("a subscript cannot have 'willSet'/'didSet'", kw.loc) }
        decl.methods.append(FuncDecl(name: "subscript", params: params, returnType: ret, body: getter, loc: kw.loc))
        if let setter = acc.setter {
            let newValue = Param(label: nil, name: acc.setterName, type: ret, defaultValue: nil, variadic: false, isInout: false, loc: kw.loc)
            let f = FuncDecl(name: "subscript=", params: params + [newValue], returnType: nil, body: setter, loc: kw.loc)
            f.isMutating = decl.kind != .classType
            decl.methods.append(f)
        }
    }

    /// `{ expr }`, `{ get { } set { } }`, `{ willSet { } didSet { } }`.
    mutating func parseAccessors(_ prop: inout PropertyDecl) throws {
        let isAccessorBlock = peekTok(1).kind == .identifier && ["get", "set", "didSet", "willSet"].contains(peekTok(1).text) && (peekTok(2).isPunct("{") || peekTok(2).isPunct("("))
        if !isAccessorBlock {
            prop.getter = try parseBlock()
            return
        }
        next()
        while !tok.isPunct("}") {
            if atEnd { throw fail("expected '}' in accessor block", expectedLoc) }
            let (kind, _) = (tok.text, tok.loc)
            next()
            var name = kind == "set" ? "newValue" : (kind == "willSet" ? "newValue" : "oldValue")
            if tok.isPunct("(") { next(); name = try expectIdentifier().0; try expectPunct(")") }
            let body = try parseBlock()
            switch kind {
            case "get": prop.getter = body
            case "set": prop.setter = body; prop.setterName = name
            case "willSet": prop.willSet = body; prop.willSetName = name
            case "didSet": prop.didSet = body; prop.didSetName = name
            default: throw fail("expected 'get', 'set', 'willSet' or 'didSet'", tok.loc)
            }
        }
        next()
    }
}
