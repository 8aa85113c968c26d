import BookDSL
import BookMarkdown
import RLSupport

/// What the parameterise stage settled: the values this run uses.
struct ParameterisedBook {
    /// The book, its parameters cell shown with the values the run uses.
    var book: Book
    /// The parameters cell and the values bound to its declarations (`-p`, `--profile`).
    var parameterCell: Int?
    var boundValues: [String: Value]
    /// The bound values in a stable text form, for the parameters cell's cache key.
    var boundValuesKey: String
    /// (name, value as a literal) for the report header.
    var shownParameters: [(name: String, value: String)]
    var device: String
    var seed: Int?
}

extension BookRunner {
    /// Stage 2, parameterise: checks `-p` and `--profile` against the parameters cell (the values are
    /// bound when the cell is compiled, not written into its code), resolves the device and the seed,
    /// and checks the labels of `--from` and `--until`.
    func parameterise(_ parsed: ParsedBook) throws(RunError) -> ParameterisedBook {
        let applied = try Parameters.apply(to: parsed.book, profile: options.profile, overrides: options.parameters)
        let book = applied.book
        let device = try DeviceProbe.resolve(options.device ?? book.frontMatter.device, note: options.device == nil || options.quiet ? nil : { [stderrWrite] s in stderrWrite(s) })
        let seed = options.seed ?? book.frontMatter.seed
        let labels = book.cells.compactMap(\.options.label)
        for (flag, label) in [("--from", options.from), ("--until", options.until)] {
            if let label, !labels.contains(label) {
                throw .usage("\(flag) \(label): no cell has that label\(DidYouMean.hint(label, from: labels))\(labels.isEmpty ? "" : "; labels: " + labels.joined(separator: ", "))")
            }
        }
        var values: [String: Value] = [:]
        var key: [String] = []
        for (name, value) in applied.values {
            switch value {
            case .int(let v): values[name] = .int(v); key.append("\(name)=Int:\(v)")
            case .double(let v): values[name] = .double(v); key.append("\(name)=Double:\(v.bitPattern)")
            case .bool(let v): values[name] = .bool(v); key.append("\(name)=Bool:\(v)")
            case .string(let v): values[name] = .string(v); key.append("\(name)=String:\(v.utf8.count):\(v)")
            }
        }
        return ParameterisedBook(book: book, parameterCell: applied.cellIndex, boundValues: values, boundValuesKey: key.joined(separator: "\n"),
                                 shownParameters: applied.shown, device: device, seed: seed)
    }
}
