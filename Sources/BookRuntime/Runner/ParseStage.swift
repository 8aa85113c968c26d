import BookMarkdown
import BookReport
import RLSupport

/// What the parse stage read: the tutorial's text, its book, and when the run started.
struct ParsedBook {
    var text: String
    var book: Book
    /// `Clock.monotonic()` and the UTC time when the run started.
    var started: Double
    var startTime: String
    /// The report folder (checked writable).
    var outDir: String
}

extension BookRunner {
    /// Stage 1, parse: reads the tutorial, parses it into a book and makes sure the report folder can
    /// be written. The book's own static errors (front matter, fences, cell options) stop the run
    /// here, with a report that says nothing ran.
    func parse() throws(RunError) -> ParsedBook {
        let started = Clock.monotonic()
        let startTime = Clock.utcTimestamp()
        let text = try Self.readTutorial(options.file)
        let book = BookParser.parse(text: text, file: options.file)
        let outDir = options.resolvedOutDir
        try checkOutputWritable(outDir)

        let staticBookErrors = Diagnostic.capped(book.diagnostics.filter { $0.severity == .error }).map { $0.withSource(from: text) }
        if !staticBookErrors.isEmpty {
            var report = newReport(book, startTime: startTime, device: options.device ?? book.frontMatter.device,
                                   seed: options.seed ?? book.frontMatter.seed, parameters: [])
            report.totalSeconds = Clock.monotonic() - started
            report.status = .notRun(errorCount: staticBookErrors.count)
            report.diagnostics = staticBookErrors
            try? writeReport(report, outDir)
            throw .staticErrors(staticBookErrors)
        }
        return ParsedBook(text: text, book: book, started: started, startTime: startTime, outDir: outDir)
    }

    /// The largest tutorial rlbook reads (a book is prose and code; data belongs in files). Parsing and
    /// checking take time and memory in proportion to the text, so this bounds both.
    static let maxTutorialBytes = 16 << 20

    /// Reads the tutorial as UTF-8 text.
    static func readTutorial(_ path: String) throws(RunError) -> String {
        if !FileIO.exists(path) {
            throw .input("no such tutorial '\(path)'; check the path (tutorials live in tutorials/, e.g. tutorials/hello.md)")
        }
        let bytes: [UInt8]
        do { bytes = try FileIO.read(path) } catch { throw .input("\(error)") }
        if bytes.count > maxTutorialBytes {
            throw .badTutorial("'\(path)' is \(bytes.count >> 20) MB; rlbook reads tutorials up to \(maxTutorialBytes >> 20) MB: keep data in files beside it and load them from a cell")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .badTutorial("'\(path)' is not valid UTF-8 text (first bad byte on line \(firstInvalidUTF8Line(bytes))); save it as UTF-8")
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    /// The 1-based line of the first byte that is not valid UTF-8 (one linear decoding pass).
    static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var parser = Unicode.UTF8.ForwardParser()
        var it = bytes.makeIterator()
        while case .valid(let scalar) = parser.parseScalar(from: &it) {
            if scalar.count == 1 && scalar.first == 0x0A { line += 1 }
        }
        return line
    }

    /// Fails early (before anything runs) when the output folder cannot be created or written.
    func checkOutputWritable(_ dir: String) throws(RunError) {
        if dir.isEmpty {
            throw .usage("--out needs a folder name (it was empty); e.g. --out outputs/my-book")
        }
        // The report must not overwrite the tutorial it comes from (`rlbook run index.html --out .`).
        let tutorial = FileIO.canonicalPath(options.file)
        for name in ["index.html", Transcript.fileName] where FileIO.canonicalPath(dir + "/" + name) == tutorial {
            throw .usage("the report would overwrite the tutorial itself (\(options.file) is \(dir)/\(name)); choose another folder with --out")
        }
        if FileIO.exists(dir) && !FileIO.isDirectory(dir) {
            throw .output("output folder '\(dir)' is a file; choose another with --out")
        }
        do { try FileIO.createDirectory(dir) } catch {
            throw .output("cannot create the output folder: \(error); choose another with --out")
        }
        let probe = dir + "/.rlbook-write-test"
        do { try FileIO.writeAtomically([], to: probe) } catch {
            throw .output("cannot write into the output folder '\(dir)' (\(error)); choose another with --out")
        }
        FileIO.remove(probe)
        // Temporary files of atomic writes that a killed run left behind (`index.html.tmp-<pid>-…`).
        for name in FileIO.listDirectory(dir) where name.hasPrefix("index.html.tmp-") || name.hasPrefix(Transcript.fileName + ".tmp-") {
            FileIO.remove(dir + "/" + name)
        }
    }
}
