/// The mutable tree `InlineParser` builds (a doubly linked list of siblings, so emphasis and links
/// can regroup nodes in constant time, as in commonmark.js's `Node`); turned into `InlineNode`s at the end.
final class InlineTree {
    enum Kind {
        case root, text, softBreak, hardBreak, code, html, emphasis, strong, strikethrough, link, image
        case math(display: Bool), footnoteReference
    }

    var kind: Kind
    var literal = ""
    var destination = ""
    var title: String?
    weak var parent: InlineTree?
    var first: InlineTree?
    weak var last: InlineTree?
    var next: InlineTree?
    weak var prev: InlineTree?

    static let maxDepth = 64

    init(_ kind: Kind, _ literal: String = "") {
        self.kind = kind
        self.literal = literal
    }

    func append(_ child: InlineTree) {
        child.unlink()
        child.parent = self
        if let l = last {
            l.next = child
            child.prev = l
            last = child
        } else {
            first = child
            last = child
        }
    }

    func insertAfter(_ sibling: InlineTree) {
        sibling.unlink()
        sibling.next = next
        if let n = next { n.prev = sibling }
        sibling.prev = self
        next = sibling
        sibling.parent = parent
        if parent?.last === self { parent?.last = sibling }
    }

    func unlink() {
        if let p = prev { p.next = next } else if let par = parent, par.first === self { par.first = next }
        if let n = next { n.prev = prev } else if let par = parent, par.last === self { par.last = prev }
        parent = nil
        next = nil
        prev = nil
    }

    /// The finished nodes below this one: adjacent texts merged, GFM bare URLs linked when `autolink`.
    /// Nesting deeper than `maxDepth` (e.g. 10 000 nested `**`) is kept as plain text.
    func nodes(autolink: Bool, depth: Int = 0) -> [InlineNode] {
        if depth > Self.maxDepth { return [.text(plainText())] }
        let d = depth + 1
        var out: [InlineNode] = []
        var pendingText = ""
        func flush() {
            guard !pendingText.isEmpty else { return }
            if autolink { out += GFMAutolink.link(pendingText) } else { out.append(.text(pendingText)) }
            pendingText = ""
        }
        var child = first
        while let c = child {
            switch c.kind {
            case .text: pendingText += c.literal
            case .root: break
            default:
                flush()
                switch c.kind {
                case .softBreak: out.append(.softBreak)
                case .hardBreak: out.append(.hardBreak)
                case .code: out.append(.code(c.literal))
                case .html: out.append(.html(c.literal))
                case .emphasis: out.append(.emphasis(c.nodes(autolink: autolink, depth: d)))
                case .strong: out.append(.strong(c.nodes(autolink: autolink, depth: d)))
                case .strikethrough: out.append(.strikethrough(c.nodes(autolink: autolink, depth: d)))
                case .link: out.append(.link(href: c.destination, title: c.title, children: c.nodes(autolink: false, depth: d)))
                case .image: out.append(.image(src: c.destination, title: c.title, alt: c.nodes(autolink: false, depth: d)))
                case .math(let display): out.append(.math(c.literal, display: display))
                case .footnoteReference: out.append(.footnoteReference(c.literal))
                case .text, .root: break
                }
            }
            child = c.next
        }
        flush()
        return out
    }

    /// The text below this node, walked without recursion.
    func plainText() -> String {
        var out = ""
        var stack: [InlineTree] = []
        var node = first
        while true {
            if let n = node {
                switch n.kind {
                case .text, .code, .math: out += n.literal
                case .softBreak, .hardBreak: out += " "
                default: break
                }
                if let f = n.first { stack.append(n); node = f } else { node = n.next }
            } else if let p = stack.popLast() {
                node = p.next
            } else {
                return out
            }
        }
    }

    /// Breaks all links below this node without recursion, so releasing a very long or deep tree
    /// cannot overflow the stack.
    func dismantle() {
        var stack: [InlineTree] = [self]
        while let n = stack.popLast() {
            var child = n.first
            n.first = nil
            while let c = child {
                child = c.next
                c.next = nil
                stack.append(c)
            }
        }
    }
}
