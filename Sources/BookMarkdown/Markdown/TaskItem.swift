/// GFM task list items: `- [ ] todo`, `- [x] done`.
enum TaskItem {
    /// nil if the item is not a task; else whether it is checked.
    static func state(of item: BlockNode) -> Bool? {
        guard item.kind == .item, let p = item.children.first, p.kind == .paragraph else { return item.taskChecked }
        let c = Array(p.content.prefix(4))
        guard c.count == 4, c[0] == "[", c[2] == "]", c[3] == " " || c[3] == "\t" || c[3] == "\n" else { return item.taskChecked }
        switch c[1] {
        case " ": return false
        case "x", "X": return true
        default: return nil
        }
    }

    static func strip(_ item: BlockNode) {
        guard let checked = state(of: item), let p = item.children.first, p.kind == .paragraph, item.taskChecked == nil else { return }
        item.taskChecked = checked
        p.content = String(p.content.dropFirst(4))
    }
}
