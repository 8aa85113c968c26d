/// `protocol` and `extension` declarations.
extension Parser {
    /// `protocol Name: Other { var x: T { get } func f(_ a: Int) -> T  init(...) }`
    mutating func parseProtocol() throws -> TypeDecl {
        let kw = tok
        next()
        let (name, _) = try expectIdentifier("protocol name")
        var inherits: [String] = []
        if skipPunct(":") {
            repeat { inherits.append(try expectIdentifier("protocol name").0) } while skipPunct(",")
        }
        if tok.isKeyword("where") { while !tok.isPunct("{") && !atEnd { next() } }
        let decl = TypeDecl(kind: .protocolType, name: name, inherits: inherits, loc: kw.loc)
        try expectPunct("{", "in protocol declaration")
        while !tok.isPunct("}") {
            if atEnd { throw fail("expected '}' in protocol", expectedLoc) }
            if skipPunct(";") { continue }
            let start = p
            do {
                try parseRequirement(into: decl)
            } catch let e as ParseError {
                record(e)
                recover(from: start)
                if tok.isPunct("{") { _ = try? parseBlock() }   // skip a body written by mistake
            }
        }
        next()
        return decl
    }

    /// One requirement of a protocol.
    mutating func parseRequirement(into decl: TypeDecl) throws {
        let name = decl.name
        var isStatic = false
        while tok.kind == .identifier && ["static", "mutating", "nonmutating", "public", "private"].contains(tok.text) {
            if tok.text == "static" { isStatic = true }
            next()
        }
        while tok.isPunct("@") { next(); _ = try expectIdentifier("attribute") }
        let t = tok
        switch t.text {
        case "var", "let":
            next()
            let (n, _) = try expectIdentifier("property name")
            try expectPunct(":", "after a protocol property name")
            _ = try parseType()
            try expectPunct("{", "with '{ get }' or '{ get set }' after a protocol property")
            while !tok.isPunct("}") {
                guard tok.isKeyword("get") || tok.isKeyword("set") || tok.isKeyword("mutating") else {
                    throw fail("expected 'get' or 'set' in a protocol property", tok.loc)
                }
                next()
            }
            next()
            if isStatic { decl.requiredStatics.append(n) } else { decl.requiredProperties.append(n) }
        case "func":
            next()
            var n: String
            if tok.kind == .op { n = tok.text; next() } else { n = try expectIdentifier("function name").0 }
            if tok.isOp("<") { try skipGenericArgsDecl() }
            _ = try parseParams()
            while tok.isKeyword("throws") || tok.isKeyword("rethrows") || tok.isKeyword("async") { next() }
            if skipPunct("->") { _ = try parseType() }
            if tok.isKeyword("where") { while !tok.newlineBefore && !tok.isPunct("}") && !atEnd { next() } }
            if tok.isPunct("{") { throw fail("a protocol requirement has no body; put default implementations in 'extension \(name) { ... }'", tok.loc) }
            if isStatic { decl.requiredStatics.append(n) } else { decl.requiredMethods.append(n) }
        case "init":
            next()
            if tok.kind == .op && (tok.text == "?" || tok.text == "!") { next() }
            _ = try parseParams()
            while tok.isKeyword("throws") { next() }
        case "associatedtype", "subscript", "typealias":
            throw fail("'\(t.text)' in protocols is not supported; declare the requirement with concrete types", t.loc)
        default:
            throw fail("expected 'var', 'func' or 'init' requirement in protocol '\(name)'", t.loc)
        }
    }

    /// `extension Name: Protocol where ... { members }`
    mutating func parseExtension() throws -> TypeDecl {
        let kw = tok
        next()
        var (name, _) = try expectIdentifier("type name")
        if tok.isOp("<") { try skipGenericArgsDecl() }
        while tok.isPunct(".") && peekTok(1).kind == .identifier { next(); name += "." + tok.text; next() }
        var inherits: [String] = []
        if skipPunct(":") {
            repeat { inherits.append(try expectIdentifier("protocol name").0) } while skipPunct(",")
        }
        // `where Element == Double`: accepted; the members apply to every element type
        if tok.isKeyword("where") { while !tok.isPunct("{") && !atEnd { next() } }
        let decl = TypeDecl(kind: .structType, name: name, inherits: inherits, loc: kw.loc)
        decl.isExtension = true
        try expectPunct("{", "in extension")
        while !tok.isPunct("}") {
            if atEnd { throw fail("expected '}' in extension", expectedLoc) }
            if skipPunct(";") { continue }
            let start = p
            do {
                if tok.isKeyword("case") { throw fail("enum cases cannot be added in an extension; declare them in the enum", tok.loc) }
                try parseMember(into: decl)
            } catch let e as ParseError {
                record(e)
                recover(from: start)
            }
        }
        next()
        return decl
    }
}

extension Parser {
    /// `lazy var x: T = e` becomes a hidden stored `lazy.x: T? = nil` and a computed `x` whose getter
    /// evaluates `e` (with `self` available) on first use and keeps the value.
    static func lazyStorage(_ prop: inout PropertyDecl) -> PropertyDecl {
        let l = prop.loc
        let store = "lazy." + prop.name
        let tmp = "lazy.value"
        let storage = PropertyDecl(name: store, isLet: false, type: prop.type.map { .optional($0) }, initial: .nilLit(l),
                                   getter: nil, setter: nil, setterName: "newValue", isStatic: false, loc: l)
        prop.getter = [
            .ifStmt([.optionalBinding(isLet: true, .name(tmp, l), nil, .name(store, l), l)], [.returnStmt(.name(tmp, l), l)], nil, l),
            .varDecl(isLet: true, [(.name(tmp, l), prop.type, prop.initial, l)], l),
            .assign("=", .name(store, l), .name(tmp, l), l),
            .returnStmt(.name(tmp, l), l),
        ]
        prop.setter = [.assign("=", .name(store, l), .name("newValue", l), l)]
        prop.initial = nil
        return storage
    }
}
