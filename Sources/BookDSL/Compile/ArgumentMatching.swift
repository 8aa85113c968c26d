import RLSupport

// Matching a call's argument labels to parameters (Swift's rules, simplified), and Swift's
// wording when they do not match.

/// Where a parameter's value comes from at a call.
enum ArgSource {
    case arg(Int)
    case defaultValue
    case variadic([Int])
}

/// Parameter shape used for matching a call's labels (Swift's rules, simplified).
struct ParamShape {
    var label: String?
    var hasDefault: Bool
    var variadic: Bool
}

/// Matches the labels of a call against parameters; returns the mapping or a Swift-like message.
/// The outcome of matching call labels to parameters.
enum ArgMatch {
    case success([ArgSource])
    case failure(String)
}

func matchArguments(_ given: [String?], trailing: [Bool], _ params: [ParamShape]) -> ArgMatch {
    var out: [ArgSource] = []
    var i = 0
    for p in params {
        if p.variadic {
            var idx: [Int] = []
            if i < given.count && (given[i] == p.label || trailing[i]) {
                idx.append(i); i += 1
                while i < given.count && given[i] == nil && !(trailing[i] && false) { idx.append(i); i += 1 }
            }
            out.append(.variadic(idx))
            continue
        }
        if i < given.count && (given[i] == p.label || (trailing[i] && given[i] == nil)) {
            out.append(.arg(i)); i += 1
        } else if p.hasDefault {
            out.append(.defaultValue)
        } else {
            return .failure(labelMessage(given, params))
        }
    }
    if i < given.count { return .failure(labelMessage(given, params)) }
    return .success(out)
}

/// Swift's wording for label / arity mismatches.
func labelMessage(_ given: [String?], _ params: [ParamShape]) -> String {
    func text(_ ls: [String?]) -> String { ls.map { ($0 ?? "_") + ":" }.joined() }
    let required = params.filter { !$0.hasDefault && !$0.variadic }
    if given.count == params.count || (given.count >= required.count && given.count <= params.count) {
        let expected = Array(params.prefix(given.count)).map(\.label)
        let diffs = zip(given, expected).filter { $0.0 != $0.1 }
        if diffs.count == 1, let (g, e) = diffs.first {
            if g == nil, let e { return "missing argument label '\(e):' in call" }
            if e == nil, let g { return "extraneous argument label '\(g):' in call" }
        }
        if !diffs.isEmpty {
            return "incorrect argument label\(diffs.count > 1 ? "s" : "") in call (have '\(text(given))', expected '\(text(params.map(\.label)))')"
        }
    }
    if given.count < required.count {
        let missing = required[given.count]
        return "missing argument for parameter \(missing.label.map { "'\($0)'" } ?? "#\(given.count + 1)") in call"
    }
    if given.count > params.count && !params.contains(where: { $0.variadic }) {
        return params.isEmpty ? "argument passed to call that takes no arguments" : "extra argument\(given[params.count].map { " '\($0)'" } ?? "") in call"
    }
    return "incorrect argument labels in call (have '\(text(given))', expected '\(text(params.map(\.label)))')"
}

extension FunctionProto {
    var shapes: [ParamShape] {
        (0..<paramCount).map { ParamShape(label: labels[$0], hasDefault: defaults[$0] != nil, variadic: variadicIndex == $0) }
    }
}

extension Signature {
    var shapes: [ParamShape] { parameters.map { ParamShape(label: $0.label, hasDefault: $0.hasDefault, variadic: $0.variadic) } }

    /// The call's labels (and trailing flags) stably reordered to follow the signature: unlabelled
    /// values first as written, labelled ones in parameter order, unknown labels and trailing
    /// closures last.
    func inSignatureOrder(_ labels: [String?], _ trailing: [Bool]) -> ([String?], [Bool]) {
        func key(_ i: Int) -> Int {
            if trailing[i] { return Int.max }
            guard let l = labels[i] else { return -1 }
            return parameters.firstIndex { $0.label == l } ?? Int.max - 1
        }
        let order = labels.indices.sorted { a, b in key(a) != key(b) ? key(a) < key(b) : a < b }
        return (order.map { labels[$0] }, order.map { trailing[$0] })
    }
}
