import Testing
import RLSupport
@testable import BookMarkdown

@Suite struct FrontMatterTests {
    @Test func parsesAllKnownKeys() {
        let md = """
        ---
        title: "Training a car-racing agent: DQN"   # comment
        lang: zh
        device: cuda
        seed: 1_234
        profiles:
          quick: { totalTimesteps: 20_000, evalEpisodes: 2, lr: 1e-4, render: true, name: 'fast run' }
          full:
            totalTimesteps: 4_000_000
            evalEpisodes: 50
        ---

        # Body
        """
        let book = BookParser.parse(text: md, file: "t.md")
        #expect(book.diagnostics.isEmpty, "\(book.diagnostics)")
        let fm = book.frontMatter
        #expect(fm.title == "Training a car-racing agent: DQN")
        #expect(fm.lang == "zh")
        #expect(fm.device == "cuda")
        #expect(fm.seed == 1234)
        #expect(fm.profiles.map(\.name) == ["quick", "full"])
        #expect(fm.profiles[0].values.map(\.0) == ["totalTimesteps", "evalEpisodes", "lr", "render", "name"])
        #expect(fm.profiles[0].values.map(\.1) == [.int(20_000), .int(2), .double(1e-4), .bool(true), .string("fast run")])
        #expect(fm.profiles[1].values.map(\.1) == [.int(4_000_000), .int(50)])
    }

    @Test func defaultsWithoutFrontMatter() {
        let book = BookParser.parse(text: "# Hi\n", file: "t.md")
        #expect(book.frontMatter.lang == "en")
        #expect(book.frontMatter.device == "auto")
        #expect(book.frontMatter.title == nil)
        #expect(book.diagnostics.isEmpty)
    }

    func errors(_ frontMatter: String) -> [Diagnostic] {
        BookParser.parse(text: "---\n" + frontMatter + "\n---\n\nText.\n", file: "fm.md").diagnostics
    }

    @Test func unknownKeyHasLineAndSuggestion() {
        let d = errors("title: x\ntitel: y")
        #expect(d.count == 1)
        #expect(d[0].location == SourceLocation(file: "fm.md", line: 3, column: 1))
        #expect(d[0].message == "unknown front matter key 'titel'; did you mean 'title'?")
        #expect(d[0].notes.joined().contains("title, lang, device, seed, profiles"))
        #expect(d[0].sourceLine == "titel: y")
        #expect(d[0].rendered.hasPrefix("fm.md:3:1: error: unknown front matter key 'titel'"))
    }

    @Test func badValuesHaveLines() {
        let d = errors("lang: fr\ndevice: gpu\nseed: abc\ntitle: [a, b]")
        #expect(d.map { $0.location?.line } == [2, 3, 4, 5])
        #expect(d[0].message.contains("must be one of en, zh, got 'fr'"))
        #expect(d[1].message.contains("must be one of auto, cpu, cuda, got 'gpu'"))
        #expect(d[2].message.contains("'seed' must be an integer"))
        #expect(d[3].message.contains("'title' must be text"))
        #expect(d[1].location?.column == 9)
    }

    @Test func didYouMeanForValues() {
        let d = errors("device: cdua")
        #expect(d.first?.message.hasSuffix("did you mean 'cuda'?") == true)
    }

    @Test func duplicateKey() {
        let d = errors("seed: 1\nseed: 2")
        #expect(d.count == 1)
        #expect(d[0].location?.line == 3)
        #expect(d[0].message == "duplicate front matter key 'seed' (first given on line 2)")
    }

    @Test func syntaxErrors() {
        #expect(errors("just words").first?.message == "bad front matter: expected 'key: value' in front matter")
        #expect(errors("profiles:\n  quick: { a: 1, b: 2").first?.message.contains("'{' is not closed") == true)
        #expect(errors("profiles:\n  quick: { a: 1, b: 2").first?.location?.line == 3)
        #expect(errors("title: \"open").first?.message.contains("unterminated string") == true)
        #expect(errors("\ttitle: x").first?.message.contains("tabs") == true)
        #expect(errors("title: &anchor x").first?.message.contains("not supported") == true)
        #expect(errors("seed: 1\n  extra: 2").first?.location?.line == 3)
    }

    @Test func profileErrors() {
        let d = errors("profiles:\n  quick: 5\n  full: { a: [1, 2] }\n  full: { b: 1 }")
        #expect(d.map { $0.location?.line } == [3, 4, 5])
        #expect(d[0].message.contains("profile 'quick' must be a mapping"))
        #expect(d[1].message.contains("parameter 'a' in profile 'full'"))
        #expect(d[2].message == "duplicate profile 'full'")
        #expect(errors("profiles: 3").first?.message.contains("'profiles' must be a mapping") == true)
    }

    @Test func blockListsAndCommentsParse() {
        // Lists are valid YAML even if no known key takes one here: the error is about the key's type.
        let d = errors("# a comment\ntitle:\n  - a\n  - b")
        #expect(d.count == 1)
        #expect(d[0].message.contains("'title' must be text"))
        #expect(d[0].message.hasSuffix("got a list"))
    }

    @Test func unclosedFrontMatter() {
        let d = BookParser.parse(text: "---\ntitle: x\n\n# Hi\n", file: "u.md").diagnostics
        #expect(d.first?.location == SourceLocation(file: "u.md", line: 1, column: 1))
        #expect(d.first?.message.contains("never closed") == true)
    }
}

@Suite struct CellTests {
    @Test func cellsAndLineNumbers() {
        let md = """
        # Title

        ```swift
        //| label: params
        //| parameters: true
        let a = 1
        ```

        Text between.

        ~~~swift
        print(a)
        ~~~
        """
        let book = BookParser.parse(text: md, file: "c.md")
        #expect(book.diagnostics.isEmpty)
        let cells = book.cells
        #expect(cells.count == 2)
        #expect(cells[0].firstLine == 4)
        #expect(cells[0].source == "\n\nlet a = 1")
        #expect(cells[0].displaySource == "//| label: params\n//| parameters: true\nlet a = 1")
        #expect(cells[0].options.label == "params")
        #expect(cells[0].options.parameters)
        #expect(cells[0].name == "params")
        #expect(cells[1].firstLine == 12)
        #expect(cells[1].source == "print(a)")
        #expect(cells[1].index == 1)
        #expect(cells[1].name == "cell-2")
        #expect(book.blocks.count == 4)
    }

    @Test func allOptionsParse() {
        let md = """
        ```swift
        //| label: train.v2
        //| eval: false
        //| echo: false
        //| output: fold
        //| error: expect
        //| cache: true
        //| timeout: 2.5
        //| requires: gpu
        //| seed: -7
        //| parameters: false
        x()
        ```
        """
        let book = BookParser.parse(text: md, file: "c.md")
        #expect(book.diagnostics.isEmpty, "\(book.diagnostics)")
        let o = book.cells[0].options
        #expect(o.label == "train.v2")
        #expect(!o.eval && !o.echo && o.cache && !o.parameters)
        #expect(o.output == .fold && o.error == .expect)
        #expect(o.timeout == 2.5 && o.requires == "gpu" && o.seed == -7)
    }

    @Test func optionsOnlyAtTheTop() {
        let book = BookParser.parse(text: "```swift\nlet x = 1\n//| label: late\n```\n", file: "c.md")
        #expect(book.cells[0].options.label == nil)
        #expect(book.cells[0].source == "let x = 1\n//| label: late")
    }

    func optionErrors(_ options: String) -> [Diagnostic] {
        BookParser.parse(text: "Intro.\n\n```swift\n" + options + "\nprint(1)\n```\n", file: "o.md").diagnostics
    }

    @Test func unknownOptionNamesLineListsKeysAndSuggests() {
        let d = optionErrors("//| label: a\n//| lable: b")
        #expect(d.count == 1)
        #expect(d[0].location == SourceLocation(file: "o.md", line: 5, column: 5))
        #expect(d[0].message == "unknown cell option 'lable'; did you mean 'label'?")
        #expect(d[0].notes == ["note: known cell options are label, parameters, eval, echo, output, error, cache, timeout, requires, seed"])
        #expect(d[0].sourceLine == "//| lable: b")
        #expect(d[0].caretLine == "    ^~~~~")
    }

    @Test(arguments: [
        ("//| eval: maybe", "bad value 'maybe' for cell option 'eval': expected true or false"),
        ("//| echo: 1", "bad value '1' for cell option 'echo': expected true or false"),
        ("//| output: folded", "bad value 'folded' for cell option 'output': expected one of show, hide, fold; did you mean 'fold'?"),
        ("//| error: alow", "bad value 'alow' for cell option 'error': expected one of stop, allow, expect; did you mean 'allow'?"),
        ("//| timeout: -1", "bad value '-1' for cell option 'timeout': expected a positive number of seconds"),
        ("//| timeout: soon", "bad value 'soon' for cell option 'timeout': expected a positive number of seconds"),
        ("//| requires: tpu", "bad value 'tpu' for cell option 'requires': expected gpu; did you mean 'gpu'?"),
        ("//| seed: 1.5", "bad value '1.5' for cell option 'seed': expected an integer"),
        ("//| label: has space", "bad value 'has space' for cell option 'label': expected a name such as 'train' (letters, digits, '-', '_', '.')"),
        ("//| cache:", "bad value nothing for cell option 'cache': expected true or false"),
        ("//| parameters: yes", "bad value 'yes' for cell option 'parameters': expected true or false"),
        ("//| no colon here", "cell option line must be '//| key: value'"),
    ])
    func badOptionValues(line: String, message: String) {
        let d = optionErrors(line)
        #expect(d.count == 1)
        #expect(d.first?.message == message)
        #expect(d.first?.location?.line == 4)
        #expect(d.first?.notes.first?.contains("label, parameters, eval") == true)
    }

    @Test func duplicateOptionAndLabel() {
        let d = optionErrors("//| eval: true\n//| eval: false")
        #expect(d.first?.message == "duplicate cell option 'eval' (first given on line 4)")
        let md = "```swift\n//| label: a\n```\n\n```swift\n//| label: a\n```\n"
        let dup = BookParser.parse(text: md, file: "d.md").diagnostics
        #expect(dup.count == 1)
        #expect(dup[0].location == SourceLocation(file: "d.md", line: 6, column: 12))
        #expect(dup[0].message.hasPrefix("duplicate cell label 'a' (first used by the cell on line 2)"))
    }

    @Test func quotedOptionValuesAndComments() {
        let book = BookParser.parse(text: "```swift\n//| label: \"train\"   # the training cell\n```\n", file: "q.md")
        #expect(book.diagnostics.isEmpty)
        #expect(book.cells[0].options.label == "train")
    }

    @Test func fencesInsideListsAreCellsWithIndent() {
        let md = "1. Step one:\n\n   ```swift\n   //| label: inner\n   let x = 1\n     indented()\n   ```\n2. Step two\n"
        let book = BookParser.parse(text: md, file: "l.md")
        #expect(book.diagnostics.isEmpty)
        #expect(book.cells.count == 1)
        #expect(book.cells[0].indent == 3)
        #expect(book.cells[0].firstLine == 4)
        #expect(book.cells[0].source == "\nlet x = 1\n  indented()")
        #expect(book.cells[0].options.label == "inner")
        let bad = BookParser.parse(text: "- x\n\n  ```swift\n  //| evl: true\n  ```\n", file: "l.md").diagnostics
        #expect(bad.first?.location == SourceLocation(file: "l.md", line: 4, column: 7))
    }

    @Test func swiftFenceInsideALongerFenceIsNotACell() {
        let md = "````markdown\n```swift\nlet x = 1\n```\n````\n"
        let book = BookParser.parse(text: md, file: "n.md")
        #expect(book.cells.isEmpty)
        #expect(book.diagnostics.isEmpty)
        #expect(prose(md).contains("```swift"))
    }

    @Test func unclosedFencePointsAtOpening() {
        let md = "Intro\n\n  ```swift\nlet x = 1\n"
        let book = BookParser.parse(text: md, file: "f.md")
        #expect(book.diagnostics.count == 1)
        #expect(book.diagnostics[0].location == SourceLocation(file: "f.md", line: 3, column: 3))
        #expect(book.diagnostics[0].message.hasPrefix("unclosed code fence"))
        #expect(book.diagnostics[0].caretLine == "  ^~~")
        let other = BookParser.parse(text: "~~~~text\nabc\n", file: "f.md")
        #expect(other.diagnostics.first?.location?.line == 1)
    }

    @Test func closingFenceMustBeAsLongAndSameChar() {
        let md = "````swift\nlet s = \"```\"\n~~~~\n```\n````\n"
        let book = BookParser.parse(text: md, file: "f.md")
        #expect(book.diagnostics.isEmpty)
        #expect(book.cells.first?.source == "let s = \"```\"\n~~~~\n```")
    }

    @Test func emptyTutorial() {
        for text in ["", "\n\n  \n", "---\ntitle: x\n---\n\n"] {
            let d = BookParser.parse(text: text, file: "e.md").diagnostics
            #expect(d.count == 1)
            #expect(d.first?.message.hasPrefix("the tutorial is empty") == true)
        }
        #expect(BookParser.parse(text: "Just prose.", file: "e.md").diagnostics.isEmpty)
        #expect(BookParser.parse(text: "```swift\n```", file: "e.md").diagnostics.isEmpty)
    }

    @Test func crlfAndBOM() {
        let book = BookParser.parse(text: "\u{FEFF}---\r\ntitle: x\r\n---\r\n```swift\r\nlet a = 1\r\n```\r\n", file: "w.md")
        #expect(book.diagnostics.isEmpty)
        #expect(book.frontMatter.title == "x")
        #expect(book.cells.first?.source == "let a = 1")
        #expect(book.cells.first?.firstLine == 5)
    }
}
