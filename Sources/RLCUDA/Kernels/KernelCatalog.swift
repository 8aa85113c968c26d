/// Every kernel module rlbook compiles with NVRTC (CI compiles all of them without a GPU).
public enum KernelCatalog {
    /// All modules, for every element type.
    public static var all: [KernelSource] {
        KernelType.allCases.flatMap { t in
            [ElementwiseKernels.source(t), ReductionKernels.source(t), ConvKernels.source(t), OptimizerKernels.source(t), GEMMKernels.source(t)]
        }
    }

    /// The module named `name`, if any.
    public static func module(_ name: String) -> KernelSource? { all.first { $0.module == name } }
}
