import BookDSL
import RLAgents
import RLEnv
import RLSupport

/// Reading SB3-style keyword arguments from a cell call: labels in any order (as Python keyword
/// arguments are written), unknown labels refused with a did-you-mean.
enum AgentArguments {
    /// Checks the labels of `args` against `allowed` and the number of unlabelled values.
    static func check(_ args: Arguments, _ function: String, allowed: [String], positional: Int) throws {
        for label in args.labels.compactMap({ $0 }) where !allowed.contains(label) {
            let hint = DidYouMean.suggest(label, from: allowed).map { "; did you mean '\($0)'?" } ?? ""
            throw BindingError("\(function) has no argument '\(label)'\(hint) (it takes \(allowed.joined(separator: ", ")))")
        }
        var seen = Set<String>()
        for label in args.labels.compactMap({ $0 }) where !seen.insert(label).inserted {
            throw BindingError("\(function): argument '\(label)' is given twice")
        }
        if args.positional.count > positional {
            throw BindingError("\(function) takes at most \(positional) unlabelled argument\(positional == 1 ? "" : "s"), got \(args.positional.count); label the others (e.g. learningRate: 1e-4)")
        }
    }

    /// The value for `label`, or the `index`-th unlabelled value.
    static func value(_ args: Arguments, _ label: String, index: Int? = nil) -> Value? {
        if let v = args.value(label), !v.isNil { return v }
        if let index, let v = args.value(nil, index: index), !v.isNil { return v }
        return nil
    }

    /// A number or a closure of progress remaining, as a schedule.
    static func schedule(_ v: Value?, default def: Double, what: String, interpreter: Interpreter?) throws -> Schedule {
        guard let v, let u = v.unwrapped else { return .constant(def) }
        if let d = u.asDouble { return .constant(d) }
        if case .function(let f) = u {
            guard let interpreter else { throw BindingError("no interpreter to call the \(what) schedule") }
            return Schedule(text: f.name.isEmpty ? "<function>" : "<function \(f.name)>") { [weak interpreter] progress in
                guard let interpreter else { throw BindingError("the \(what) schedule outlived its book") }
                let r = try interpreter.call(u, [.double(progress)])
                guard let d = r.asDouble else {
                    throw BindingError("the \(what) schedule must return a Double, it returned a value of type '\(r.typeName)'")
                }
                return d
            }
        }
        throw BindingError("\(what) must be a number or a closure of progress remaining ({ progress in progress * 1e-4 }), got a value of type '\(u.typeName)'")
    }

    /// `policyKwargs: ["netArch": [64, 64], "activationFn": "ReLU", ...]`.
    static func policyKwargs(_ v: Value?) throws -> PolicyKwargs {
        var k = PolicyKwargs()
        guard let v, let u = v.unwrapped else { return k }
        guard case .dict(let d) = u else { throw BindingError("policyKwargs must be a dictionary such as [\"netArch\": [256, 256]], got '\(u.typeName)'") }
        for (key, value) in zip(d.keys, d.values) {
            guard let name = key.asString else { throw BindingError("policyKwargs keys must be strings") }
            switch name {
            case "netArch", "net_arch":
                if let arr = value.asArray {
                    k.netArchPi = try ints(arr, "netArch"); k.netArchVf = k.netArchPi
                } else if case .dict(let nd) = value {
                    for (nk, nv) in zip(nd.keys, nd.values) {
                        guard let arr = nv.asArray else { throw BindingError("netArch[\"\(nk.asString ?? "?")\"] must be a list of layer sizes") }
                        switch nk.asString {
                        case "pi", "qf": k.netArchPi = try ints(arr, "netArch")
                        case "vf": k.netArchVf = try ints(arr, "netArch")
                        default: throw BindingError("netArch keys are \"pi\" and \"vf\", not \(nk)")
                        }
                    }
                } else { throw BindingError("netArch must be a list of layer sizes ([64, 64]) or [\"pi\": [...], \"vf\": [...]]") }
            case "activationFn", "activation_fn":
                let n: String
                if let s = value.asString { n = s } else if case .function(let f) = value { n = f.name } else { n = "\(value.typeName)" }
                guard let a = Activation(rawValue: n) else {
                    throw BindingError("activationFn must be one of \(Activation.allCases.map(\.rawValue).joined(separator: ", ")), got \(n)")
                }
                k.activation = a
            case "orthoInit": k.orthoInit = try bool(value, name)
            case "logStdInit": k.logStdInit = try number(value, name)
            case "featuresDim": k.featuresDim = Int(try number(value, name))
            case "normalizeImages": k.normalizeImages = try bool(value, name)
            default:
                let hint = DidYouMean.suggest(name, from: PolicyKwargs.keys).map { "; did you mean '\($0)'?" } ?? ""
                throw BindingError("unknown policyKwargs key '\(name)'\(hint) (known: \(PolicyKwargs.keys.joined(separator: ", ")))")
            }
        }
        return k
    }

    static func ints(_ arr: [Value], _ what: String) throws -> [Int] {
        try arr.map { v in
            guard let i = v.asInt, i > 0 else { throw BindingError("\(what) sizes must be positive integers, got \(v)") }
            return i
        }
    }

    static func number(_ v: Value, _ what: String) throws -> Double {
        guard let d = v.asDouble else { throw BindingError("\(what) must be a number, got '\(v.typeName)'") }
        return d
    }

    static func bool(_ v: Value, _ what: String) throws -> Bool {
        guard let b = v.asBool else { throw BindingError("\(what) must be true or false, got '\(v.typeName)'") }
        return b
    }
}
