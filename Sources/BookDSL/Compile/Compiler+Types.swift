/// Struct, class and enum declarations.
extension Compiler {
    /// Registers the type name (first pass, so types can refer to each other).
    func declareType(_ d: TypeDecl) {
        if d.isExtension { return }
        if interp.currentCellGlobals.contains(d.name) {
            error("invalid redeclaration of '\(d.name)'", d.loc)
        }
        interp.currentCellGlobals.insert(d.name)
        let t = StructType(name: d.name, kind: d.kind)
        t.genericParams = d.genericParams
        if !d.genericParams.isEmpty { t.sourceDecl = d }
        t.owner = interp
        interp.globalBindings[d.name] = Binding(storage: .type(t), isLet: true, loc: d.loc)
        declaredTypes[ObjectIdentifier(d)] = t
    }

    /// Second pass: fields, method signatures, initializers, enum cases.
    func declareTypeMembers(_ d: TypeDecl) {
        if d.isExtension {
            guard let target = extensionTarget(d) else { return }
            declaredTypes[ObjectIdentifier(d)] = target
            if target.sourceDecl != nil { target.extensionDecls.append(d) }
        }
        guard let t = declaredTypes[ObjectIdentifier(d)] else { return }
        var protocols = d.inherits
        if d.isExtension || d.kind == .protocolType {
            // no superclass here
        } else if let first = d.inherits.first, userType(first) == nil, interp.hostBaseClasses[first] != nil {
            protocols.removeFirst()
            if d.kind == .classType { t.hostBaseName = first } else {
                error("only a class can inherit from the engine type '\(first)'; write 'class \(d.name): \(first)'", d.loc)
            }
        } else if let first = d.inherits.first, userType(first) == nil, first.contains(".") || isEngineGlobal(first) {
            error("cannot inherit from the engine type '\(first)'", d.loc, notes: [Compiler.engineBaseAdvice(first, interp)])
        } else if d.kind == .classType, let first = d.inherits.first, let sup = userType(first), sup.kind != .protocolType {
            protocols.removeFirst()
            if sup === t || sup.isSubtype(of: t) {
                error("class '\(d.name)' cannot inherit from '\(first)': '\(first)' already inherits from '\(d.name)' (a cycle)", d.loc)
            } else if sup.isClass {
                t.superType = sup
                t.fieldNames = sup.fieldNames
                t.fieldIndex = sup.fieldIndex
                t.fieldIsLet = sup.fieldIsLet
                t.hasOperators = sup.hasOperators
                t.fieldKinds = sup.fieldKinds
                t.fieldCoercions = sup.fieldCoercions
                t.fieldDefaults = sup.fieldDefaults
                t.fieldConstDefaults = sup.fieldConstDefaults
                t.fieldsWithDefaults = sup.fieldsWithDefaults
                t.observers = sup.observers
                inheritedDefaults[ObjectIdentifier(t)] = sup
            } else {
                error("inheritance from non-class type '\(first)'", d.loc)
            }
        } else if d.kind != .classType, let first = d.inherits.first, let sup = userType(first), sup.kind != .enumType, sup.kind != .protocolType {
            error("\(d.kind == .structType ? "struct" : "enum") '\(d.name)' cannot inherit from '\(first)'; only classes can inherit", d.loc)
        }
        adoptProtocols(t, protocols, d)
        if d.kind == .enumType && !d.isExtension {
            let rawKind = protocols.first { ["Int", "String", "Double"].contains($0) }
            var next = 0
            for (i, cd) in d.enumCases.enumerated() {
                let name = cd.name, raw = cd.raw
                if t.caseByName[name] != nil { error("invalid redeclaration of '\(name)'", cd.loc) }
                if cd.associated != nil && raw != nil { error("enum case with associated values cannot have a raw value", cd.loc) }
                var rv: Value?
                if let raw {
                    switch raw {
                    case .intLit(let n, _): rv = .int(n); next = n + 1
                    case .stringLit(let s, _): rv = .string(s)
                    case .doubleLit(let x, _): rv = .double(x)
                    default: error("raw value for enum case must be a literal", raw.loc)
                    }
                } else if rawKind == "Int" { rv = .int(next); next += 1 }
                else if rawKind == "String" { rv = .string(name) }
                let c = EnumCase(type: t, name: name, ordinal: i, rawValue: rv)
                if let a = cd.associated {
                    c.associatedLabels = a.map(\.label)
                    c.associatedCoercions = a.map { coercion(for: $0.type) }
                }
                t.cases.append(c)
                t.caseByName[name] = c
            }
            if protocols.contains("CaseIterable") {
                // `E.allCases`, synthesized as Swift does for cases without associated values
                if t.cases.contains(where: \.hasAssociatedValues) {
                    error("type '\(d.name)' cannot be CaseIterable: a case has associated values", d.loc)
                } else {
                    let slot = g.add("\(d.name).allCases")
                    g.slots[slot] = .array(t.cases.map { .enumCase($0) })
                    t.staticFields["allCases"] = slot
                }
            }
        }
        for p in d.properties {
            if p.isStatic && p.getter != nil && !(d.isExtension && userType(d.name)?.kind == .protocolType) {
                // was: read as a static stored property that was never set (`()`)
                error("static computed properties are not supported in cells; declare 'static func \(p.name)() -> T' and call it, or a 'static let'", p.loc)
                continue
            }
            if p.isStatic {
                let slot = g.add("\(d.name).\(p.name)")
                t.staticFields[p.name] = slot
                if p.isLet { t.staticLets.insert(p.name) }
                if p.type != nil { t.staticCoercions[p.name] = coercion(for: p.type) }
                if let st = p.type ?? p.initial.flatMap({ inferredType($0) }) { t.staticFieldTypes[p.name] = st }
                continue
            }
            if d.isExtension && p.getter == nil {
                error("extensions must not contain stored properties; use a computed property ('var \(p.name): T { ... }')", p.loc)
                continue
            }
            if p.getter != nil {
                let getter = FunctionProto(name: p.name, labels: [], paramNames: [], loc: p.loc)
                getter.hasSelf = true
                getter.returnCoercion = coercion(for: p.type)
                var setter: FunctionProto?
                if p.setter != nil {
                    let s = FunctionProto(name: p.name, labels: [nil], paramNames: [p.setterName], loc: p.loc)
                    s.hasSelf = true
                    s.isMutating = true
                    s.coercions = [coercion(for: p.type)]
                    setter = s
                }
                t.computed[p.name] = (getter, setter)
                continue
            }
            if t.fieldIndex[p.name] != nil {
                error("invalid redeclaration of '\(p.name)'", p.loc)
                continue
            }
            t.fieldIndex[p.name] = t.fieldNames.count
            t.fieldNames.append(p.name)
            t.fieldIsLet.append(p.isLet)
            t.fieldKinds.append(p.type.map { staticKind(of: $0) } ?? p.initial.map { staticKind($0) } ?? .unknown)
            var c = coercion(for: p.type)
            if p.type == nil, case .intLit? = p.initial { c = .identity }
            if p.type == nil, case .doubleLit? = p.initial { c = .toDouble }   // `var x = 0.0` is a Double
            // `var ys = [0.0]`, `var rewards = [Double]()`: an Int stored into it becomes a Double
            if p.type == nil, c.isNone, let ic = inferredConversion(p.initial) { c = ic }
            if let ft = p.type ?? p.initial.flatMap({ inferredType($0) }) { t.fieldStaticTypes[p.name] = substituted(ft) }
            t.fieldCoercions.append(c)
            t.fieldDefaults.append(nil)
            t.fieldConstDefaults.append(nil)
            t.fieldDeclaredTypes[p.name] = p.type
            if p.initial != nil { t.fieldsWithDefaults.insert(p.name) }
            if p.willSet != nil || p.didSet != nil {
                let obs = FieldObservers()
                if p.willSet != nil {
                    let w = FunctionProto(name: "\(p.name).willSet", labels: [nil], paramNames: [p.willSetName], loc: p.loc)
                    w.hasSelf = true
                    w.isMutating = true
                    obs.willSet = w
                }
                if p.didSet != nil {
                    let d = FunctionProto(name: "\(p.name).didSet", labels: [nil], paramNames: [p.didSetName], loc: p.loc)
                    d.hasSelf = true
                    d.isMutating = true
                    obs.didSet = d
                }
                t.observers[t.fieldNames.count - 1] = obs
            }
        }
        for m in d.methods + d.inits {
            if let p = m.params.first(where: \.isInout) {
                error("inout parameters are supported in functions, not in methods or initializers ('\(p.name)')", p.loc,
                      notes: ["note: return the new value instead, or make the method 'mutating' and change a property"])
            }
        }
        for m in d.methods {
            let proto = makeProto(m, hasSelf: !m.isStatic)
            declaredDecls[ObjectIdentifier(proto)] = m
            declaredProtos[ObjectIdentifier(m)] = (proto, .type(t))
            if m.isStatic, let c = m.name.first, !(c.isLetter || c == "_") { t.hasOperators = true }
            if m.isStatic { t.staticMethods[m.name, default: []].append(proto); t.binaryOperators = [] } else {
                if m.isOverride && t.superType?.findMethods(m.name).isEmpty ?? true && interp.hostBase(of: t) == nil {
                    error("method does not override any method from its superclass", m.loc)
                }
                t.methods[m.name, default: []].append(proto)
                if m.isMutating {
                    if t.isClass { error("'mutating' is not valid on instance methods in classes", m.loc) }
                    interp.mutatingMethodNames.insert(m.name)
                }
            }
        }
        for i in d.inits {
            let proto = makeProto(i, hasSelf: true)
            proto.isMutating = true
            proto.isConvenience = i.isConvenience
            declaredDecls[ObjectIdentifier(proto)] = i
            declaredProtos[ObjectIdentifier(i)] = (proto, .type(t))
            t.inits.append(proto)
            if d.isExtension { t.hasExtensionInits = true } else { t.hasExplicitInit = true }
        }
        if t.conforms(to: "CustomStringConvertible") && (t.findComputed("description") != nil || t.fieldIndex["description"] != nil) {
            t.usesDescription = true
        }
        if t.conforms(to: "CustomDebugStringConvertible") && (t.findComputed("debugDescription") != nil || t.fieldIndex["debugDescription"] != nil) {
            t.usesDebugDescription = true
        }
    }

    /// Compiles property defaults, method bodies, accessors and initializers (at the end of the cell).
    func compileTypeBodies(_ d: TypeDecl) {
        let work = { [unowned self] in self.compileTypeBodiesNow(d) }
        if ctx.isTop && ctx.scopes.count == 1 { ctx.deferred.append(work) } else { work() }
    }

    func compileTypeBodiesNow(_ d: TypeDecl) {
        guard let t = declaredTypes[ObjectIdentifier(d)] else { return }
        let saved = ctx
        defer { ctx = saved }
        if let sup = inheritedDefaults[ObjectIdentifier(t)] {
            // superclass defaults may have been compiled after this type copied them (a subclass
            // declared inside a function before its superclass has fewer fields: only theirs in common)
            let common = min(sup.fieldDefaults.count, t.fieldDefaults.count, sup.fieldConstDefaults.count, t.fieldConstDefaults.count)
            for k in 0..<common {
                t.fieldDefaults[k] = sup.fieldDefaults[k]
                t.fieldConstDefaults[k] = sup.fieldConstDefaults[k]
            }
        }
        for p in d.properties where p.getter == nil {
            guard let initial = p.initial else { continue }
            if let ty = p.type { checkLiteral(initial, against: ty, context: "specified type") }
            ctx = FuncCtx(parent: nil, staticType: p.isStatic ? t : nil)
            let de = compileExpr(initial, expected: p.type)
            let n = ctx.slotCount
            if p.isStatic {
                guard let slot = t.staticFields[p.name] else { continue }
                let g = self.g
                let c = coercion(for: p.type)
                t.staticCoercions[p.name] = c
                let loc = p.loc
                topHoists.append(ExecBox { _ in g.slots[slot] = try c.apply(try de(Frame.make(count: n, parent: nil)), loc); return .normal })
                continue
            }
            guard let k = t.fieldIndex[p.name] else { continue }
            let c = t.fieldCoercions[k]
            let loc = p.loc
            t.fieldDefaults[k] = { _ in try c.apply(try de(Frame.make(count: n, parent: nil)), loc) }
            if let v = constantValue(initial), let cv = try? c.apply(v, loc) { t.fieldConstDefaults[k] = cv }
        }
        for p in d.properties where !p.isStatic {
            guard let getter = p.getter, let acc = t.computed[p.name] else { continue }
            ctx = FuncCtx(parent: nil, selfType: t, selfMutable: t.isClass)
            ctx.hasReturnType = true
            _ = ctx.newSlot()
            compileBody(getter, implicitReturn: true, into: acc.get)
            acc.get.slotCount = ctx.slotCount
            if let setter = p.setter, let sp = acc.set {
                ctx = FuncCtx(parent: nil, selfType: t, selfMutable: true)
                _ = ctx.newSlot()
                declare(p.setterName, isLet: true, coercion: sp.coercions[0], loc: p.loc)
                sp.body = compileStatements(setter)
                sp.slotCount = ctx.slotCount
            }
        }
        for p in d.properties where p.willSet != nil || p.didSet != nil {
            guard let k = t.fieldIndex[p.name], let obs = t.observers[k] else { continue }
            for (proto, body, name) in [(obs.willSet, p.willSet, p.willSetName), (obs.didSet, p.didSet, p.didSetName)] {
                guard let proto, let body else { continue }
                ctx = FuncCtx(parent: nil, selfType: t, selfMutable: true)
                _ = ctx.newSlot()
                declare(name, isLet: true, loc: p.loc)
                proto.body = compileStatements(body)
                proto.slotCount = ctx.slotCount
            }
        }
        ctx = saved
        for m in d.methods + d.inits {
            guard let (proto, _) = declaredProtos[ObjectIdentifier(m)] else { continue }
            compileFunctionBody(m, proto, selfType: m.isStatic ? nil : t, staticType: m.isStatic ? t : nil)
        }
    }

    /// What to write instead of subclassing an engine type that cannot be subclassed.
    static func engineBaseAdvice(_ name: String, _ interp: Interpreter) -> String {
        let bases = interp.hostBaseClasses.keys.sorted()
        let list = bases.isEmpty ? "" : " Engine types that can be subclassed: \(bases.joined(separator: ", "))."
        return "note: hold the engine object in a stored property and call it from your methods (an object with reset(seed:options:) and step(_:) is an environment; one with callAsFunction(_:) and layer properties is a network).\(list)"
    }

    /// A name the engine defines as a value (not a built-in type such as `Int`).
    func isEngineGlobal(_ name: String) -> Bool {
        if case .global? = interp.globalBindings[name]?.storage { return true }
        return false
    }
}
