import BookDSL
import BookReport

/// Outputs updated in place, as IPython's display handles (CELLS.md, "Report"):
///
/// ```swift
/// let chart = display(plot(returns, title: "AvgReturn"))   // or: let chart = plot(...)
/// for epoch in 1...200 {
///     ...
///     chart.update(plot(returns, title: "AvgReturn"))      // the report keeps one plot
/// }
/// clearOutput()                                            // Jupyter's clear_output()
/// reportProgress(step, total: maxSteps)                    // the live report's progress bar
/// ```
///
/// `plot`, `table`, `show` and `animate` return a handle to the output they added; `display(x)`
/// returns the handle of an output, or shows any other value as text and returns its handle.
/// `handle.update(x)` replaces the output (in the running cell or an earlier one): when `x` is the
/// handle of an output just added, that output moves into the handle's place.
enum DisplayBindings {
    static func install(into interpreter: Interpreter, session: RunSession) {
        interpreter.defineFunction("display", signature: Signature("_")) { args in
            guard let v = args.value(nil) else { throw BindingError("display needs a value: display(plot(...)) or display(\"text\")") }
            if case .native(let o) = v, let h = o as? OutputHandle { return .native(h) }
            return OutputHandle.value(session, session.emit(.text(v.description + "\n")))
        }
        // A cell's own training loop shows its progress in the live report, as an agent's `learn` does.
        interpreter.defineFunction("reportProgress", signature: Signature("_, total, unit?")) { args in
            let done = try args.int(nil), total = try args.int("total")
            guard total > 0, done >= 0 else { throw BindingError("reportProgress(done, total:) needs 0 ≤ done and total > 0, got \(done) and \(total)") }
            session.reportProgress(done: done, total: total, unit: try args.string("unit", default: "steps"))
            return .void
        }
        interpreter.defineFunction("clearOutput", signature: Signature("wait?")) { args in
            _ = try args.bool("wait", default: false)
            session.clearOutputs()
            return .void
        }
    }
}

/// A handle to one output of the report (what `plot`, `table`, `show`, `animate` and `display` return).
final class OutputHandle: NativeObject {
    unowned let session: RunSession
    /// The output's id now (it changes at each update, so the report encodes the new content once).
    var id: Int

    init(_ session: RunSession, id: Int) {
        self.session = session
        self.id = id
    }

    static func value(_ session: RunSession, _ id: Int) -> Value { .native(OutputHandle(session, id: id)) }

    var typeName: String { "DisplayHandle" }
    var description: String { "<DisplayHandle \(id)>" }
    var memberNames: [String] { ["update", "clear"] }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "update":
            guard args.positional.count == 1, args.labels.allSatisfy({ $0 == nil }) else {
                throw BindingError("update takes one value: chart.update(plot(...))")
            }
            let v = args.positional[0]
            let output: Output
            if case .native(let o) = v, let other = o as? OutputHandle {
                if other === self { return .void }
                guard let moved = session.remove(id: other.id) else {
                    throw BindingError("update(...) takes a display handle of an output of the running cell (e.g. chart.update(plot(...))); this one was already shown elsewhere")
                }
                output = moved
                try replace(with: output)
                other.id = id
            } else {
                output = .text(v.description + "\n")
                try replace(with: output)
            }
            return .void
        case "clear":
            try replace(with: .text(""))
            return .void
        default:
            return nil
        }
    }

    private func replace(with output: Output) throws {
        guard let fresh = session.replace(id: id, with: output) else {
            throw BindingError("this display handle's output is gone (cleared by clearOutput()); make a new one with display(...)")
        }
        id = fresh
    }
}
