/// Delimiter runs and emphasis (CommonMark spec 6.2 and appendix "Process emphasis";
/// commonmark.js `scanDelims`, `handleDelim`, `processEmphasis`), with GFM `~`/`~~` strikethrough.
extension InlineParser {
    static func isUnicodeWhitespace(_ c: Character) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" || c.unicodeScalars.first!.properties.generalCategory == .spaceSeparator
    }

    static func isUnicodePunctuation(_ c: Character) -> Bool { c.isPunctuation || c.isSymbol }

    mutating func handleDelimiter(_ c: Character) {
        let start = pos
        while pos < s.count, s[pos] == c { pos += 1 }
        let n = pos - start
        let before: Character = start == 0 ? "\n" : s[start - 1]
        let after: Character = pos < s.count ? s[pos] : "\n"
        let afterSpace = Self.isUnicodeWhitespace(after), afterPunct = Self.isUnicodePunctuation(after)
        let beforeSpace = Self.isUnicodeWhitespace(before), beforePunct = Self.isUnicodePunctuation(before)
        let left = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
        let right = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
        let canOpen: Bool, canClose: Bool
        if c == "_" {
            canOpen = left && (!right || beforePunct)
            canClose = right && (!left || afterPunct)
        } else {
            canOpen = left
            canClose = right
        }
        let node = InlineTree(.text, String(repeating: c, count: n))
        root.append(node)
        if c == "~" && n > 2 { return } // `~~~` is never strikethrough
        let d = Delimiter(char: c, count: n, node: node, previous: delimiters, canOpen: canOpen, canClose: canClose)
        delimiters?.next = d
        delimiters = d
    }

    mutating func removeDelimiter(_ d: Delimiter) {
        if let p = d.previous { p.next = d.next }
        if let n = d.next { n.previous = d.previous } else { delimiters = d.previous }
        d.previous = nil
        d.next = nil
    }

    mutating func processEmphasis(stackBottom: Delimiter?) {
        var openersBottom: [Character: [Delimiter?]] = ["*": Array(repeating: stackBottom, count: 6),
                                                        "_": Array(repeating: stackBottom, count: 6),
                                                        "~": Array(repeating: stackBottom, count: 6)]
        var closer = delimiters
        while let c = closer, c.previous !== stackBottom { closer = c.previous }
        while let c = closer {
            guard c.canClose else { closer = c.next; continue }
            let bottomIndex = (c.canOpen ? 3 : 0) + c.originalCount % 3
            var opener = c.previous
            var found = false
            while let o = opener, o !== stackBottom, o !== openersBottom[c.char]![bottomIndex] {
                if o.char == c.char, o.canOpen {
                    if c.char == "~" {
                        if o.count == c.count { found = true; break }
                    } else {
                        let oddMatch = (c.canOpen || o.canClose) && c.originalCount % 3 != 0 && (o.originalCount + c.originalCount) % 3 == 0
                        if !oddMatch { found = true; break }
                    }
                }
                opener = o.previous
            }
            let oldCloser = c
            if found, let o = opener {
                let use = c.char == "~" ? c.count : (c.count >= 2 && o.count >= 2 ? 2 : 1)
                o.count -= use
                c.count -= use
                o.node.literal.removeLast(use)
                c.node.literal.removeLast(use)
                let kind: InlineTree.Kind = c.char == "~" ? .strikethrough : use == 1 ? .emphasis : .strong
                let wrapper = InlineTree(kind)
                var tmp = o.node.next
                while let t = tmp, t !== c.node {
                    let nxt = t.next
                    wrapper.append(t)
                    tmp = nxt
                }
                o.node.insertAfter(wrapper)
                // Delimiters between opener and closer are gone.
                if o.next !== c {
                    var d = c.previous
                    while let x = d, x !== o { d = x.previous; x.previous = nil; x.next = nil }
                    o.next = c
                    c.previous = o
                }
                if o.count == 0 {
                    o.node.unlink()
                    removeDelimiter(o)
                }
                if c.count == 0 {
                    c.node.unlink()
                    let nxt = c.next
                    removeDelimiter(c)
                    closer = nxt
                }
            } else {
                closer = c.next
                openersBottom[c.char]![bottomIndex] = oldCloser.previous
                if !oldCloser.canOpen { removeDelimiter(oldCloser) }
            }
        }
        while let d = delimiters, d !== stackBottom { removeDelimiter(d) }
    }
}
