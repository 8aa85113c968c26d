/// Continuation checks and block starts of `BlockParser` (commonmark.js `lib/blocks.js`:
/// `blocks[type].continue` and `blockStarts`), plus the GFM table, footnote and `$$` starts.
extension BlockParser {
    enum Continuation { case matched, notMatched, lineDone }
    enum Start { case none, container, leaf }

    /// Whether the current line continues the open block `container`.
    mutating func continues(_ container: BlockNode) -> Continuation {
        switch container.kind {
        case .document, .list:
            return .matched
        case .blockQuote:
            guard !indented, peek(nextNonspace) == ">" else { return .notMatched }
            advanceNextNonspace()
            advanceOffset(1, columns: false)
            if Self.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
            return .matched
        case .item:
            let data = container.listData ?? .init(ordered: false)
            if blank {
                if container.children.isEmpty { return .notMatched } // at most one blank line starts an item
                advanceNextNonspace()
            } else if indent >= data.markerOffset + data.padding {
                advanceOffset(data.markerOffset + data.padding, columns: true)
            } else {
                return .notMatched
            }
            return .matched
        case .footnoteDefinition:
            if blank { advanceNextNonspace(); return .matched }
            if indent >= 4 { advanceOffset(4, columns: true); return .matched }
            return .notMatched
        case .heading, .thematicBreak:
            return .notMatched
        case .codeBlock:
            if container.fenced {
                if !indented, peek(nextNonspace) == container.fenceChar {
                    var n = 0
                    var i = nextNonspace
                    while i < line.count, line[i] == container.fenceChar { n += 1; i += 1 }
                    let restBlank = line[i...].allSatisfy { $0 == " " || $0 == "\t" }
                    if n >= container.fenceLength, restBlank {
                        finalize(container, lineNumber)
                        return .lineDone
                    }
                }
                var k = container.fenceOffset
                while k > 0, Self.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true); k -= 1 }
                return .matched
            }
            if indent >= 4 { advanceOffset(4, columns: true); return .matched }
            if blank { advanceNextNonspace(); return .matched }
            return .notMatched
        case .htmlBlock:
            return blank && (container.htmlBlockType == 6 || container.htmlBlockType == 7) ? .notMatched : .matched
        case .paragraph, .table:
            return blank ? .notMatched : .matched
        case .mathBlock:
            return blank ? .notMatched : .matched
        }
    }

    /// Tries every block start in CommonMark's order; `container` is the innermost matched block.
    mutating func tryStarts(_ container: BlockNode) -> Start {
        if !indented {
            let c = peek(nextNonspace)
            if c == ">" { return startBlockQuote() }
            if c == "#", let r = startATXHeading() { return r }
            if c == "`" || c == "~", let r = startFence() { return r }
            if c == "<", let r = startHTMLBlock(container) { return r }
            if options.math, c == "$", let r = startMathBlock() { return r }
            if options.gfm, c == "[", container.kind != .paragraph, let r = startFootnote() { return r }
            if container.kind == .paragraph, c == "=" || c == "-", let r = startSetext(container) { return r }
            if options.gfm, container.kind == .paragraph, let r = startTable(container) { return r }
            if c == "*" || c == "-" || c == "_", isThematicBreak() {
                closeUnmatchedBlocks()
                addChild(.thematicBreak, offset: nextNonspace)
                advanceOffset(line.count - offset, columns: false)
                return .leaf
            }
        }
        if !indented || container.kind == .list, let data = parseListMarker(container) {
            closeUnmatchedBlocks()
            if tip.kind != .list || !Self.listsMatch(tip.listData, data) {
                addChild(.list, offset: nextNonspace).listData = data
            }
            addChild(.item, offset: nextNonspace).listData = data
            return .container
        }
        if indented, tip.kind != .paragraph, tip.kind != .table, !blank {
            advanceOffset(4, columns: true)
            closeUnmatchedBlocks()
            addChild(.codeBlock, offset: offset)
            return .leaf
        }
        return .none
    }

    private mutating func startBlockQuote() -> Start {
        advanceNextNonspace()
        advanceOffset(1, columns: false)
        if Self.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
        closeUnmatchedBlocks()
        addChild(.blockQuote, offset: nextNonspace)
        return .container
    }

    private mutating func startATXHeading() -> Start? {
        var i = nextNonspace
        while i < line.count, line[i] == "#" { i += 1 }
        let level = i - nextNonspace
        guard level <= 6, i == line.count || Self.isSpaceOrTab(line[i]) else { return nil }
        advanceNextNonspace()
        advanceOffset(level, columns: false)
        closeUnmatchedBlocks()
        let h = addChild(.heading, offset: nextNonspace)
        h.level = level
        var text = Array(line[min(offset, line.count)...])
        // Strip trailing spaces, then a closing run of #s preceded by a space (or making up everything).
        while let l = text.last, Self.isSpaceOrTab(l) { text.removeLast() }
        var k = text.count
        while k > 0, text[k - 1] == "#" { k -= 1 }
        if k < text.count, k == 0 || Self.isSpaceOrTab(text[k - 1]) {
            text.removeSubrange(k...)
            while let l = text.last, Self.isSpaceOrTab(l) { text.removeLast() }
        }
        while let f = text.first, Self.isSpaceOrTab(f) { text.removeFirst() }
        h.content = String(text)
        advanceOffset(line.count - offset, columns: false)
        return .leaf
    }

    private mutating func startFence() -> Start? {
        let ch = line[nextNonspace]
        var i = nextNonspace
        while i < line.count, line[i] == ch { i += 1 }
        let n = i - nextNonspace
        guard n >= 3 else { return nil }
        if ch == "`", line[i...].contains("`") { return nil }
        closeUnmatchedBlocks()
        let b = addChild(.codeBlock, offset: nextNonspace)
        b.fenced = true
        b.fenceLength = n
        b.fenceChar = ch
        b.fenceOffset = indent
        advanceNextNonspace()
        advanceOffset(n, columns: false)
        return .leaf
    }

    private mutating func startHTMLBlock(_ container: BlockNode) -> Start? {
        let rest = Array(line[nextNonspace...])
        guard let type = HTMLBlockStart.type(of: rest) else { return nil }
        if type == 7 && (container.kind == .paragraph || (!allClosed && !blank && tip.kind == .paragraph)) { return nil }
        closeUnmatchedBlocks()
        let b = addChild(.htmlBlock, offset: offset)
        b.htmlBlockType = type
        return .leaf
    }

    private mutating func startMathBlock() -> Start? {
        let rest = String(line[nextNonspace...])
        guard rest.hasPrefix("$$") else { return nil }
        let after = rest.dropFirst(2)
        // `$$...$$` on one line stays inline (in its paragraph).
        if after.contains("$$") { return nil }
        closeUnmatchedBlocks()
        addChild(.mathBlock, offset: nextNonspace)
        advanceNextNonspace()
        advanceOffset(2, columns: false)
        return .leaf
    }

    private mutating func startFootnote() -> Start? {
        guard peek(nextNonspace + 1) == "^" else { return nil }
        var i = nextNonspace + 2
        var label = ""
        while i < line.count, line[i] != "]" {
            if line[i] == "[" || line[i] == " " || line[i] == "\t" { return nil }
            label.append(line[i]); i += 1
        }
        guard !label.isEmpty, i + 1 < line.count, line[i + 1] == ":" else { return nil }
        closeUnmatchedBlocks()
        let f = addChild(.footnoteDefinition, offset: nextNonspace)
        f.label = LinkReference.normalize(label)
        if !footnoteLabels.contains(f.label) { footnoteLabels.append(f.label) }
        advanceNextNonspace()
        advanceOffset(i + 2 - offset, columns: false)
        findNextNonspace()
        if !blank { advanceNextNonspace() }
        return .container
    }

    private mutating func startSetext(_ container: BlockNode) -> Start? {
        let ch = line[nextNonspace]
        var i = nextNonspace
        while i < line.count, line[i] == ch { i += 1 }
        guard line[i...].allSatisfy({ $0 == " " || $0 == "\t" }) else { return nil }
        closeUnmatchedBlocks()
        var content = container.content
        while content.first == "[", let used = LinkReference.parseDefinitions(content, into: &references) {
            content = String(content.dropFirst(used))
        }
        guard !content.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) else {
            container.content = content
            return nil
        }
        let h = BlockNode(.heading, line: container.startLine)
        h.level = ch == "=" ? 1 : 2
        h.content = content
        container.insertAfter(h)
        container.unlink()
        tip = h
        advanceOffset(line.count - offset, columns: false)
        return .leaf
    }

    private mutating func startTable(_ container: BlockNode) -> Start? {
        guard let aligns = GFMTable.alignments(String(line[nextNonspace...])) else { return nil }
        var paragraphLines = container.content.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        guard let header = paragraphLines.last, GFMTable.splitRow(header).count == aligns.count else { return nil }
        closeUnmatchedBlocks()
        paragraphLines.removeLast()
        let table = BlockNode(.table, line: lineNumber - 1)
        table.alignments = aligns
        table.content = header + "\n"
        if paragraphLines.isEmpty {
            container.insertAfter(table)
            container.unlink()
        } else {
            container.content = paragraphLines.joined(separator: "\n") + "\n"
            container.insertAfter(table)
            finalize(container, lineNumber - 2)
        }
        tip = table
        advanceOffset(line.count - offset, columns: false)
        return .leaf
    }

    private func isThematicBreak() -> Bool {
        guard let ch = peek(nextNonspace) else { return false }
        var n = 0
        for c in line[nextNonspace...] {
            if c == ch { n += 1 } else if c != " " && c != "\t" { return false }
        }
        return n >= 3
    }

    private static func listsMatch(_ a: BlockNode.ListData?, _ b: BlockNode.ListData) -> Bool {
        guard let a else { return false }
        return a.ordered == b.ordered && a.delimiter == b.delimiter && a.bulletChar == b.bulletChar
    }

    private mutating func parseListMarker(_ container: BlockNode) -> BlockNode.ListData? {
        guard indent < 4, let first = peek(nextNonspace) else { return nil }
        var data = BlockNode.ListData(ordered: false)
        data.markerOffset = indent
        var markerLength: Int
        if first == "*" || first == "+" || first == "-" {
            data.bulletChar = first
            markerLength = 1
        } else if first.isASCII, first.isNumber {
            var i = nextNonspace
            var digits = ""
            while i < line.count, line[i].isASCII, line[i].isNumber, digits.count < 10 { digits.append(line[i]); i += 1 }
            guard digits.count <= 9, let d = peek(i), d == "." || d == ")" else { return nil }
            let start = Int(digits) ?? 0
            if container.kind == .paragraph, start != 1 { return nil }
            data.ordered = true
            data.start = start
            data.delimiter = d
            markerLength = digits.count + 1
        } else {
            return nil
        }
        let next = peek(nextNonspace + markerLength)
        guard next == nil || Self.isSpaceOrTab(next) else { return nil }
        if container.kind == .paragraph, line[(nextNonspace + markerLength)...].allSatisfy({ $0 == " " || $0 == "\t" }) { return nil }
        advanceNextNonspace()
        advanceOffset(markerLength, columns: true)
        let spacesStartColumn = column
        let spacesStartOffset = offset
        repeat {
            advanceOffset(1, columns: true)
        } while column - spacesStartColumn < 5 && Self.isSpaceOrTab(peek(offset))
        let blankItem = peek(offset) == nil
        let spacesAfterMarker = column - spacesStartColumn
        if spacesAfterMarker >= 5 || spacesAfterMarker < 1 || blankItem {
            data.padding = markerLength + 1
            column = spacesStartColumn
            offset = spacesStartOffset
            if Self.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
        } else {
            data.padding = markerLength + spacesAfterMarker
        }
        return data
    }
}
