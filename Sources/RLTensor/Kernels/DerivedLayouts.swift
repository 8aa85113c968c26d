import RLSupport

/// Layouts derived from a weight's contents (the transposed convolution weight `ConvKernels.forward`
/// multiplies by), built once and reused while the weight is unchanged.
///
/// An entry lives on the weight's `Storage` (so it dies with it, and a new storage at a recycled address
/// can never see it) and records the storage `version` it was built from, plus the view's geometry and a
/// kind tag. Every in-place write through the tensor API bumps the version (optimizer steps through
/// `withUnsafeMutableScalars`, `copy_`/`loadStateDict`, `fill_`, initialisers, gradient accumulation),
/// so a lookup after any write rebuilds: a stale layout is never returned. Results are those of building
/// the layout on every call (same values, same kernels).
enum DerivedLayouts {
    /// Which layout of the weight an entry holds.
    enum Kind: Int {
        /// `ConvKernels.forward`'s Wᵀ [C·kh·kw, O].
        case convTransposed
        /// `ConvKernels.winogradForward`'s kernel transforms G g Gᵀ, 16 × [C, O].
        case winogradForward
        /// `ConvKernels.winogradInputGrad`'s transforms of the turned kernels, 16 × [O, C].
        case winogradInputGrad
    }

    final class Entry {
        let kind: Kind
        let version: UInt64
        let offset: Int
        let shape: [Int]
        let strides: [Int]
        let dtype: DType
        let value: Tensor
        init(kind: Kind, version: UInt64, of w: Tensor, value: Tensor) {
            self.kind = kind; self.version = version; offset = w.offset; shape = w.shape; strides = w.strides; dtype = w.dtype
            self.value = value
        }
        func matches(_ kind: Kind, _ w: Tensor) -> Bool {
            self.kind == kind && version == w.storage.version && offset == w.offset && shape == w.shape && strides == w.strides && dtype == w.dtype
        }
    }

    /// The entries of one storage (a weight has one or two layouts in practice).
    final class Entries { var list: [Entry] = [] }

    static let lock = NSLockLite()

    /// The `kind` layout of `w` (`count` elements of `T`, written by `build`), cached on `w`'s storage.
    /// The returned tensor owns the buffer, so a concurrent rebuild cannot free it while it is in use.
    static func layout<T: GemmScalar>(_ kind: Kind, of w: Tensor, count: Int, _: T.Type, build: (UnsafeMutablePointer<T>) -> Void) -> Tensor {
        if let hit = lock.withLock({ () -> Tensor? in
            guard let e = w.storage.derived as? Entries else { return nil }
            return e.list.first { $0.matches(kind, w) }?.value
        }) { return hit }
        let version = w.storage.version
        let t = Tensor(uninitialized: [count], dtype: T.dtype)
        build(t.pointer(T.self))
        lock.withLock {
            // Written while building (another thread)? Then keep nothing: the next lookup rebuilds.
            guard w.storage.version == version else { return }
            let e = (w.storage.derived as? Entries) ?? Entries()
            e.list.removeAll { $0.kind == kind && $0.offset == w.offset && $0.shape == w.shape }
            e.list.append(Entry(kind: kind, version: version, of: w, value: t))
            if e.list.count > 4 { e.list.removeFirst() }
            w.storage.derived = e
        }
        return t
    }
}
