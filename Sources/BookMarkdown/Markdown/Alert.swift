/// A GitHub alert: a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
/// `[!WARNING]` or `[!CAUTION]`. Building one removes the marker line from the quote.
struct Alert {
    static let kinds = ["note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution"]
    let kind: String
    let title: String

    init?(_ quote: BlockNode) {
        guard let first = quote.children.first, first.kind == .paragraph else { return nil }
        let firstLine = first.content.prefix(while: { $0 != "\n" })
        let marker = SourceLines.trimmed(String(firstLine))
        guard marker.hasPrefix("[!"), marker.hasSuffix("]") else { return nil }
        let name = marker.dropFirst(2).dropLast().lowercased()
        guard let title = Self.kinds[name] else { return nil }
        kind = name
        self.title = title
        let rest = first.content.dropFirst(firstLine.count).drop(while: { $0 == "\n" })
        if rest.allSatisfy({ $0 == " " || $0 == "\n" }) { first.unlink() } else { first.content = String(rest) }
    }
}
