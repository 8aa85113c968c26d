/// CommonMark block structure: lines in, a tree of `BlockNode`s out (phase 1 of the spec's
/// parsing strategy; inline content is parsed afterwards by `InlineParser`).
///
/// The algorithm follows the spec's appendix "A parsing strategy" and the reference
/// implementation commonmark.js (`lib/blocks.js`, BSD-2): for each line, walk the open containers
/// and check that the line continues them, then look for new block starts, then add the rest of
/// the line to the innermost open leaf (or lazily continue a paragraph). Tabs count as
/// tab stops of 4 columns and may be consumed partially. Each line is looked at a bounded number
/// of times per open container, so parsing is linear in the input for bounded nesting, and
/// nesting deeper than `maxDepth` stops opening new containers (deep `>>>>…` stays text).
struct BlockParser {
    static let maxDepth = 100

    let options: MarkdownOptions
    let document: BlockNode
    var references: [String: LinkReference]
    /// Footnote labels defined in this run (normalised), in definition order.
    var footnoteLabels: [String] = []

    var tip: BlockNode
    var oldTip: BlockNode
    var lastMatchedContainer: BlockNode
    var allClosed = true
    var line: [Character] = []
    var lineNumber = 0
    var offset = 0
    var column = 0
    var nextNonspace = 0
    var nextNonspaceColumn = 0
    var indent = 0
    var indented = false
    var blank = false
    var partiallyConsumedTab = false
    var depth = 0

    init(options: MarkdownOptions, references: [String: LinkReference]) {
        self.options = options
        self.references = references
        document = BlockNode(.document, line: 1)
        tip = document
        oldTip = document
        lastMatchedContainer = document
    }

    /// Parses the lines (without line endings) into `document`.
    mutating func parse(_ lines: [String]) {
        for l in lines { incorporate(l) }
        while tip !== document { finalize(tip, lineNumber) }
        finalize(document, lineNumber)
    }

    // MARK: Position helpers

    func peek(_ i: Int) -> Character? { i < line.count ? line[i] : nil }

    static func isSpaceOrTab(_ c: Character?) -> Bool { c == " " || c == "\t" }

    mutating func findNextNonspace() {
        var i = offset
        var cols = column
        while i < line.count {
            let c = line[i]
            if c == " " { i += 1; cols += 1 } else if c == "\t" { i += 1; cols += 4 - cols % 4 } else { break }
        }
        blank = i >= line.count
        nextNonspace = i
        nextNonspaceColumn = cols
        indent = nextNonspaceColumn - column
        indented = indent >= 4
    }

    mutating func advanceNextNonspace() {
        offset = nextNonspace
        column = nextNonspaceColumn
        partiallyConsumedTab = false
    }

    /// Advances `count` characters, or `count` columns when `columns` (a tab may be consumed partially).
    mutating func advanceOffset(_ count: Int, columns: Bool) {
        var count = count
        while count > 0, offset < line.count {
            if line[offset] == "\t" {
                let toTab = 4 - column % 4
                if columns {
                    partiallyConsumedTab = toTab > count
                    let advance = min(toTab, count)
                    column += advance
                    offset += partiallyConsumedTab ? 0 : 1
                    count -= advance
                } else {
                    partiallyConsumedTab = false
                    column += toTab
                    offset += 1
                    count -= 1
                }
            } else {
                partiallyConsumedTab = false
                offset += 1
                column += 1
                count -= 1
            }
        }
    }

    // MARK: Tree building

    mutating func addLine() {
        if partiallyConsumedTab {
            offset += 1
            tip.content += String(repeating: " ", count: 4 - column % 4)
        }
        if offset < line.count { tip.content += String(line[offset...]) }
        tip.content += "\n"
    }

    @discardableResult
    mutating func addChild(_ kind: BlockNode.Kind, offset: Int) -> BlockNode {
        while !tip.canContain(kind) { finalize(tip, lineNumber - 1) }
        let node = BlockNode(kind, line: lineNumber)
        tip.append(node)
        tip = node
        return node
    }

    mutating func closeUnmatchedBlocks() {
        guard !allClosed else { return }
        while oldTip !== lastMatchedContainer {
            let parent = oldTip.parent
            finalize(oldTip, lineNumber - 1)
            guard let parent else { break }
            oldTip = parent
        }
        allClosed = true
    }

    /// The nesting depth of `node` (containers above it).
    static func depth(of node: BlockNode) -> Int {
        var d = 0
        var n = node.parent
        while let p = n { d += 1; n = p.parent }
        return d
    }

    // MARK: One line

    mutating func incorporate(_ text: String) {
        var container = document
        oldTip = tip
        offset = 0
        column = 0
        blank = false
        partiallyConsumedTab = false
        lineNumber += 1
        line = Array(text.contains("\0") ? String(text.map { $0 == "\0" ? "\u{FFFD}" : $0 }) : text)

        while let last = container.children.last, last.open {
            container = last
            findNextNonspace()
            switch continues(container) {
            case .matched: continue
            case .notMatched:
                container = container.parent ?? document
            case .lineDone:
                return
            }
            break
        }
        allClosed = container === oldTip
        lastMatchedContainer = container
        var containerDepth = Self.depth(of: container)

        var matchedLeaf = container.kind != .paragraph && container.kind != .table && container.acceptsLines
        while !matchedLeaf {
            findNextNonspace()
            if !indented, let c = peek(nextNonspace), !Self.maybeSpecial(c) {
                advanceNextNonspace()
                break
            }
            if containerDepth >= Self.maxDepth { advanceNextNonspace(); break }
            switch tryStarts(container) {
            case .none:
                advanceNextNonspace()
                matchedLeaf = true
                continue
            case .container:
                container = tip
                containerDepth += 1
            case .leaf:
                container = tip
                matchedLeaf = true
            }
            if matchedLeaf { break }
        }

        if !allClosed, !blank, tip.kind == .paragraph {
            addLine() // lazy paragraph continuation
        } else {
            closeUnmatchedBlocks()
            if container.acceptsLines {
                addLine()
                if container.kind == .htmlBlock, (1...5).contains(container.htmlBlockType),
                   HTMLBlockStart.ends(type: container.htmlBlockType, line: Array(line[min(offset, line.count)...])) {
                    finalize(container, lineNumber)
                }
                if container.kind == .mathBlock, MathBlock.closes(String(line[min(offset, line.count)...])) {
                    finalize(container, lineNumber)
                }
            } else if offset < line.count, !blank {
                addChild(.paragraph, offset: offset)
                advanceNextNonspace()
                addLine()
            }
        }
    }

    /// Characters that can start a block (others go straight to paragraph text).
    static func maybeSpecial(_ c: Character) -> Bool {
        switch c {
        case "#", "`", "~", "*", "+", "_", "=", "<", ">", "-", "|", "[", "$", ":": true
        default: c.isASCII && c.isNumber
        }
    }

    // MARK: Finalizing

    mutating func finalize(_ block: BlockNode, _ line: Int) {
        let above = block.parent
        block.open = false
        block.endLine = line
        switch block.kind {
        case .paragraph:
            var changed = false
            while block.content.first == "[", let used = LinkReference.parseDefinitions(block.content, into: &references) {
                block.content = String(block.content.dropFirst(used))
                changed = true
            }
            if changed, block.content.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) { block.unlink() }
        case .codeBlock:
            if block.fenced {
                let content = block.content
                if let nl = content.firstIndex(of: "\n") {
                    block.info = InlineParser.unescape(SourceLines.trimmed(String(content[..<nl])))
                    block.literal = String(content[content.index(after: nl)...])
                } else {
                    block.info = InlineParser.unescape(SourceLines.trimmed(content))
                }
            } else {
                var lines = block.content.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
                block.literal = lines.joined(separator: "\n") + "\n"
                block.endLine = block.startLine + max(lines.count - 1, 0)
            }
            block.content = ""
        case .htmlBlock:
            var s = Substring(block.content)
            while s.hasSuffix("\n") || s.hasSuffix(" ") {
                // CommonMark: trailing blank lines are not part of the block.
                guard let nl = s.lastIndex(of: "\n") else { break }
                let tail = s[s.index(after: nl)...]
                guard tail.allSatisfy({ $0 == " " }) else { break }
                s = s[..<nl]
            }
            block.literal = String(s)
            block.content = ""
        case .mathBlock:
            block.literal = block.content
            block.content = ""
        case .item:
            if let last = block.children.last { block.endLine = last.endLine } else { block.endLine = block.startLine }
        case .list:
            var tight = true
            outer: for (k, item) in block.children.enumerated() {
                if k + 1 < block.children.count, item.endLine + 1 < block.children[k + 1].startLine { tight = false; break }
                for (j, sub) in item.children.enumerated() where j + 1 < item.children.count {
                    if sub.endLine + 1 < item.children[j + 1].startLine { tight = false; break outer }
                }
            }
            block.listData?.tight = tight
            if let last = block.children.last { block.endLine = last.endLine }
        default:
            break
        }
        tip = above ?? document
    }
}
