/// One node of the block tree the `BlockParser` builds (CommonMark's container and leaf blocks,
/// plus the GFM table, footnote definition and display-math extensions).
final class BlockNode {
    enum Kind: Equatable {
        case document, blockQuote, list, item, paragraph, heading, thematicBreak, codeBlock, htmlBlock
        case table, footnoteDefinition, mathBlock
    }

    /// Bullet or ordered list marker data (CommonMark "list data").
    struct ListData: Equatable {
        var ordered: Bool
        var bulletChar: Character = "-"
        var start = 1
        var delimiter: Character = "."
        var padding = 0
        var markerOffset = 0
        var tight = true
    }

    let kind: Kind
    var children: [BlockNode] = []
    weak var parent: BlockNode?
    var open = true
    /// Raw text of leaf blocks, lines joined with `\n`.
    var content = ""
    /// First and last source line (1-based), used for tight/loose list detection.
    var startLine: Int
    var endLine = 0

    var listData: ListData?
    var level = 0
    var fenced = false
    var fenceChar: Character = "`"
    var fenceLength = 0
    var fenceOffset = 0
    var info = ""
    var literal = ""
    var htmlBlockType = 0
    /// Footnote label, task-list state (`nil`: not a task item).
    var label = ""
    var taskChecked: Bool?
    /// Column alignments of a GFM table.
    var alignments: [GFMTable.Alignment] = []

    init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.startLine = line
    }

    var canContainBlocks: Bool {
        switch kind {
        case .document, .blockQuote, .item, .footnoteDefinition: true
        default: false
        }
    }

    func canContain(_ child: Kind) -> Bool {
        switch kind {
        case .list: child == .item
        case .document, .blockQuote, .item, .footnoteDefinition: child != .item
        default: false
        }
    }

    var acceptsLines: Bool { kind == .paragraph || kind == .codeBlock || kind == .htmlBlock || kind == .table || kind == .mathBlock }

    func append(_ child: BlockNode) {
        child.parent = self
        children.append(child)
    }

    /// Removes this node from its parent.
    func unlink() {
        guard let parent, let i = parent.children.lastIndex(where: { $0 === self }) else { return }
        parent.children.remove(at: i)
        self.parent = nil
    }

    /// Puts `sibling` right after this node in its parent.
    func insertAfter(_ sibling: BlockNode) {
        guard let parent, let i = parent.children.lastIndex(where: { $0 === self }) else { return }
        sibling.parent = parent
        parent.children.insert(sibling, at: i + 1)
    }
}
