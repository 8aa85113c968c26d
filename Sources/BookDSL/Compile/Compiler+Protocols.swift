import RLSupport

/// Protocols (requirements, default implementations in extensions, conformance checks) and
/// extensions of cell types and of built-in types.
extension Compiler {
    /// Built-in types that cells may extend, and the value kind each name stands for.
    static let extensibleBuiltins: [String: String] = [
        "Array": "Array", "Collection": "Array", "Sequence": "Array", "RandomAccessCollection": "Array",
        "BidirectionalCollection": "Array", "MutableCollection": "Array",
        "Double": "Double", "Float": "Double", "BinaryFloatingPoint": "Double", "FloatingPoint": "Double",
        "Int": "Int", "BinaryInteger": "Int", "FixedWidthInteger": "Int", "SignedInteger": "Int",
        "String": "String", "StringProtocol": "String", "Bool": "Bool", "Dictionary": "Dictionary", "Set": "Set",
    ]

    /// The type an `extension` adds to: a cell type, a cell protocol, or a built-in type.
    func extensionTarget(_ d: TypeDecl) -> StructType? {
        if let t = userType(d.name) { return t }
        if let kind = Compiler.extensibleBuiltins[d.name] {
            if let t = interp.builtinExtensions[kind] { return t }
            let t = StructType(name: kind, kind: .structType)
            t.isBuiltinExtension = true
            t.owner = interp
            interp.builtinExtensions[kind] = t
            return t
        }
        if case .global? = lookup(d.name)?.storageKind {
            error("extensions of engine types ('\(d.name)') are not supported", d.loc,
                  notes: ["note: write a function that takes a '\(d.name)', or wrap it in a class of your own"])
        } else {
            let known = Array(Compiler.extensibleBuiltins.keys) + interp.globalBindings.compactMap { if case .type = $0.value.storage { return $0.key }; return nil }
            error("cannot find type '\(d.name)' in scope\(DidYouMeanHint.hint(d.name, known))", d.loc)
        }
        return nil
    }

    /// Records the protocols `t` adopts; cell protocols give it their default implementations
    /// and are checked at the end of the cell.
    func adoptProtocols(_ t: StructType, _ names: [String], _ d: TypeDecl) {
        t.conformances.formUnion(names)
        if d.kind == .protocolType && !d.isExtension {
            t.requiredProperties = Set(d.requiredProperties)
            t.requiredMethods = Set(d.requiredMethods)
            t.requiredStatics = Set(d.requiredStatics)
        }
        var adopted: [StructType] = []
        for n in names {
            guard let p = userType(n) else { continue }
            guard p.kind == .protocolType else {
                error("'\(n)' is not a protocol; only a class's first inherited type may be a class", d.loc)
                continue
            }
            if p === t || p.refines(t) {
                error("'\(t.name)' cannot adopt '\(n)': '\(n)' already refines '\(t.name)' (a cycle)", d.loc)
                continue
            }
            if !t.protocolTypes.contains(where: { $0 === p }) { t.protocolTypes.append(p); adopted.append(p) }
        }
        if t.isBuiltinExtension && !adopted.isEmpty {
            error("built-in types cannot adopt cell protocols here; add the members directly in the extension", d.loc)
        }
        guard !adopted.isEmpty, t.kind != .protocolType else { return }
        let loc = d.loc
        let check = { [unowned self] in self.checkConformance(t, adopted, loc) }
        if ctx.isTop && ctx.scopes.count == 1 { ctx.deferred.append(check) } else { check() }
    }

    /// Every requirement of the adopted protocols must be met by the type or a default implementation.
    func checkConformance(_ t: StructType, _ protocols: [StructType], _ loc: Loc) {
        for p in protocols {
            let r = p.allRequirements
            var missing: [String] = []
            for n in r.properties.sorted() where t.fieldIndex[n] == nil && t.findComputed(n) == nil {
                missing.append("var \(n)")
            }
            for n in r.methods.sorted() where t.findMethods(n).isEmpty && t.fieldIndex[n] == nil {
                missing.append("func \(n)")
            }
            var statics = p.requiredStatics
            var refined = p.protocolTypes
            while let q = refined.popLast() { statics.formUnion(q.requiredStatics); refined += q.protocolTypes }
            for n in statics.sorted() where t.staticFields[n] == nil && t.findStatic(n).isEmpty {
                if t.protocolTypes.contains(where: { $0.staticFields[n] != nil || $0.staticMethods[n] != nil }) {
                    error("type '\(t.name)': the default of static requirement '\(n)' in a protocol extension is not supported", loc,
                          notes: ["note: declare 'static \(n)' in '\(t.name)' itself"])
                    continue
                }
                missing.append("static \(n)")
            }
            if !missing.isEmpty {
                error("type '\(t.name)' does not conform to protocol '\(p.name)': missing \(missing.joined(separator: ", "))", loc,
                      notes: ["note: implement them in '\(t.name)', or give defaults in 'extension \(p.name) { ... }' before this cell ends"])
            }
        }
    }

    /// In a protocol extension or a built-in extension, a bare name may be a member of `self`
    /// known only at run time: a requirement, or a member of the built-in type.
    func dynamicSelfMember(_ t: StructType, _ name: String, depth: Int) -> NameRef? {
        if t.kind == .protocolType {
            let r = t.allRequirements
            if r.properties.contains(name) { return .selfComputed(depth: depth, t, name) }
            if r.methods.contains(name) { return .selfMethod(depth: depth, t, name) }
            return nil
        }
        guard t.isBuiltinExtension, let sample = Interpreter.sampleValue(t.name) else { return nil }
        guard interp.builtinMemberNames(sample).contains(name) else { return nil }
        return Interpreter.builtinPropertyNames.contains(name) ? .selfComputed(depth: depth, t, name) : .selfMethod(depth: depth, t, name)
    }
}

extension NameRef {
    var storageKind: Storage? {
        switch self {
        case .global(let s, _): return .global(s)
        default: return nil
        }
    }
}
