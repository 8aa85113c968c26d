/// Calls on an engine base class (`super.init(env)`, `super.reset(seed:)`).
extension Compiler {
    func hostSuperCall(_ hb: HostBaseClass, _ name: String, _ args: [Arg], depth d: Int, _ loc: Loc) -> Eval {
        let argEs = args.map { EvalBox(compileExpr($0.value)) }
        let labels = args.map(\.label)
        let interp = self.interp
        if name == "init" && hb.initialize == nil && !args.isEmpty {
            error("'\(hb.name)' takes no initializer arguments; write 'super.init()'", loc)
        }
        return { f in
            var vs: [Value] = []
            for a in argEs { vs.append(try a.f(f)) }
            let selfV = f.up(d).slots[0]
            let a = interp.makeArguments(vs, labels, loc)
            if name == "init" {
                if let i = hb.initialize { try interp.host(loc) { try i(selfV, a) } }
                return .void
            }
            if let r = try interp.host(loc, { try hb.member(selfV, name, a) }) { return r }
            throw RuntimeError("'\(hb.name)' has no method '\(name)'\(DidYouMeanHint.hint(name, hb.methods))", loc)
        }
    }
}
