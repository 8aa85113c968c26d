/// Links, images and footnote references (CommonMark spec 6.3-6.4, "look for link or image";
/// commonmark.js `parseOpenBracket`, `parseBang`, `parseCloseBracket`).
extension InlineParser {
    mutating func addBracket(_ node: InlineTree, index: Int, image: Bool) {
        brackets?.bracketAfter = true
        let below = brackets.flatMap { $0.image ? $0.previousLinkOpener : $0 }
        brackets = Bracket(node: node, previous: brackets, previousDelimiter: delimiters, index: index, image: image)
        brackets?.previousLinkOpener = below
    }

    mutating func parseOpenBracket() {
        let node = InlineTree(.text, "[")
        root.append(node)
        addBracket(node, index: pos, image: false)
        pos += 1
    }

    mutating func parseBang() {
        if peek(pos + 1) == "[" {
            let node = InlineTree(.text, "![")
            root.append(node)
            addBracket(node, index: pos + 1, image: true)
            pos += 2
        } else {
            text("!")
            pos += 1
        }
    }

    mutating func parseCloseBracket() {
        pos += 1
        let start = pos
        guard let opener = brackets else { text("]"); return }
        guard opener.active else {
            text("]")
            brackets = opener.previous
            return
        }
        var dest = ""
        var title: String?
        var matched = false
        if peek(pos) == "(" {
            var j = LinkSyntax.spnl(s, pos + 1)
            if let (d, afterDest) = LinkSyntax.destination(s, at: j) {
                j = afterDest
                let beforeTitle = j
                j = LinkSyntax.spnl(s, j)
                if j > beforeTitle, let (t, afterTitle) = LinkSyntax.title(s, at: j) {
                    title = t
                    j = LinkSyntax.spnl(s, afterTitle)
                }
                if peek(j) == ")" {
                    dest = d
                    pos = j + 1
                    matched = true
                } else {
                    title = nil
                }
            }
        }
        if !matched {
            // Footnote reference `[^label]` (GFM).
            if options.gfm, !opener.image, peek(opener.index + 1) == "^", start - opener.index >= 4 {
                let label = LinkReference.normalize(String(s[(opener.index + 2)..<(start - 1)]))
                if footnotes.contains(label), !label.isEmpty {
                    let ref = InlineTree(.footnoteReference, label)
                    var tmp = opener.node.next
                    while let t = tmp { tmp = t.next; t.unlink() }
                    opener.node.unlink()
                    root.append(ref)
                    brackets = opener.previous
                    return
                }
            }
            var reflabel: String?
            let beforeLabel = pos
            let labelEnd = LinkSyntax.label(s, at: pos)
            let n = labelEnd.map { $0 - beforeLabel } ?? 0
            if n > 2 {
                reflabel = String(s[beforeLabel..<(beforeLabel + n)])
            } else if !opener.bracketAfter {
                reflabel = String(s[opener.index..<start])
            }
            if n == 0 { pos = start } else { pos = beforeLabel + n }
            if let reflabel, reflabel.count <= 1001, let ref = references[LinkReference.normalize(reflabel)] {
                dest = ref.destination
                title = ref.title
                matched = true
            } else {
                pos = start
            }
        }
        guard matched else {
            brackets = opener.previous
            pos = start
            text("]")
            return
        }
        let node = InlineTree(opener.image ? .image : .link)
        node.destination = dest
        node.title = title
        var tmp = opener.node.next
        while let t = tmp {
            let nxt = t.next
            node.append(t)
            tmp = nxt
        }
        root.append(node)
        processEmphasis(stackBottom: opener.previousDelimiter)
        brackets = opener.previous
        opener.node.unlink()
        if !opener.image {
            // No links in links: earlier `[` openers can no longer make links. The walk follows
            // link openers only and stops at an inactive one (those below it were deactivated
            // already), so it is linear overall even with many `![` openers in between.
            var b = brackets.flatMap { $0.image ? $0.previousLinkOpener : $0 }
            while let x = b, x.active {
                x.active = false
                b = x.previousLinkOpener
            }
        }
    }
}
