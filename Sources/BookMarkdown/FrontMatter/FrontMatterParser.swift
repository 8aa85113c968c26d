import RLSupport

/// Reads the YAML-subset front matter into a `FrontMatter`, reporting every problem with its line.
///
/// Known keys: `title`, `lang` (en|zh), `device` (auto|cpu|cuda), `seed` (integer) and `profiles`
/// (a mapping of profile name to a mapping of parameter name to value). Unknown keys are errors
/// with a did-you-mean suggestion.
struct FrontMatterParser {
    static let knownKeys = ["title", "lang", "device", "seed", "profiles", "files", "cache"]
    static let languages = ["en", "zh"]
    static let devices = ["auto", "cpu", "cuda"]

    let report: DiagnosticSink

    /// Parses `rawLines` (between the `---` lines); `firstLine` is the file line of the first of them.
    func parse(rawLines: [String], firstLine: Int) -> FrontMatter {
        var parser = YAMLSubsetParser(rawLines: rawLines, firstLine: firstLine)
        let root = parser.parseDocument()
        for e in parser.errors {
            report.error("bad front matter: \(e.message)", line: e.line, column: e.column, length: e.length)
        }
        var fm = FrontMatter()
        guard case .map(let entries) = root.kind else { return fm }
        var seen: [String: Int] = [:]
        for entry in entries {
            if let first = seen[entry.key] {
                report.error("duplicate front matter key '\(entry.key)' (first given on line \(first))",
                             line: entry.line, column: entry.column, length: entry.key.count)
                continue
            }
            seen[entry.key] = entry.line
            switch entry.key {
            case "title":
                guard let v = entry.value.scalarText else {
                    mismatch(entry, expected: "text, e.g. 'title: My tutorial'")
                    continue
                }
                fm.title = v
            case "lang":
                if let v = choice(entry, Self.languages) { fm.lang = v }
            case "device":
                if let v = choice(entry, Self.devices) { fm.device = v }
            case "seed":
                guard case .int(let s)? = entry.value.scalarValue else {
                    mismatch(entry, expected: "an integer, e.g. 'seed: 1234'")
                    continue
                }
                fm.seed = s
            case "cache":
                guard case .bool(let b)? = entry.value.scalarValue else {
                    mismatch(entry, expected: "true or false, e.g. 'cache: true'")
                    continue
                }
                fm.cache = b
            case "profiles":
                fm.profiles = profiles(entry)
            case "files":
                // Folders outside the book's own that cells may read and write (`files: [../data, /scratch/runs]`).
                var folders: [String] = []
                switch entry.value.kind {
                case .list(let items):
                    for item in items {
                        guard let t = item.scalarText, !t.isEmpty else {
                            report.error("front matter 'files' lists folders, e.g. 'files: [../data]'; got \(describe(item))", line: item.line, column: item.column)
                            continue
                        }
                        folders.append(t)
                    }
                case .scalar(let t, _) where !t.isEmpty: folders = [t]
                default: mismatch(entry, expected: "a list of folders, e.g. 'files: [../data]'")
                }
                fm.files = folders
            default:
                let hint = DidYouMean.hint(entry.key, from: Self.knownKeys)
                report.error("unknown front matter key '\(entry.key)'\(hint)", line: entry.line, column: entry.column,
                             length: entry.key.count, notes: ["note: known keys are " + Self.knownKeys.joined(separator: ", ")])
            }
        }
        return fm
    }

    private func describe(_ node: YAMLNode) -> String {
        if let t = node.scalarText { return "'\(t)'" }
        return node.shapeName
    }

    private func mismatch(_ entry: YAMLEntry, expected: String) {
        report.error("front matter '\(entry.key)' must be \(expected), got \(describe(entry.value))",
                     line: entry.value.line, column: entry.value.column)
    }

    private func choice(_ entry: YAMLEntry, _ allowed: [String]) -> String? {
        guard let v = entry.value.scalarText else {
            mismatch(entry, expected: "one of " + allowed.joined(separator: ", "))
            return nil
        }
        guard allowed.contains(v) else {
            let hint = DidYouMean.hint(v, from: allowed)
            report.error("front matter '\(entry.key)' must be one of \(allowed.joined(separator: ", ")), got '\(v)'\(hint)",
                         line: entry.value.line, column: entry.value.column, length: v.count)
            return nil
        }
        return v
    }

    private func profiles(_ entry: YAMLEntry) -> [(name: String, values: [(String, ParameterValue)])] {
        guard case .map(let profileEntries) = entry.value.kind else {
            mismatch(entry, expected: "a mapping of profile names to parameter values, e.g. 'quick: { steps: 1000 }'")
            return []
        }
        var result: [(name: String, values: [(String, ParameterValue)])] = []
        var names: Set<String> = []
        for p in profileEntries {
            guard names.insert(p.key).inserted else {
                report.error("duplicate profile '\(p.key)'", line: p.line, column: p.column, length: p.key.count)
                continue
            }
            guard case .map(let params) = p.value.kind else {
                report.error("profile '\(p.key)' must be a mapping of parameter values, e.g. '\(p.key): { steps: 1000 }', got \(describe(p.value))",
                             line: p.value.line, column: p.value.column)
                continue
            }
            var values: [(String, ParameterValue)] = []
            var seenParams: Set<String> = []
            for param in params {
                guard seenParams.insert(param.key).inserted else {
                    report.error("duplicate parameter '\(param.key)' in profile '\(p.key)'", line: param.line, column: param.column, length: param.key.count)
                    continue
                }
                guard let v = param.value.scalarValue else {
                    report.error("parameter '\(param.key)' in profile '\(p.key)' must be a number, a bool or a string, got \(describe(param.value))",
                                 line: param.value.line, column: param.value.column)
                    continue
                }
                values.append((param.key, v))
            }
            result.append((p.key, values))
        }
        return result
    }
}
