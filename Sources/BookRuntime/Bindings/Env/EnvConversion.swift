import BookDSL
import RLEnv
import RLRender
import RLTensor

/// Converting between environment values (`EnvValue`, `Info`, `EnvArg`, frames) and cell values.
///
/// Observations of `Box` spaces become `Tensor`s over the observation's own buffer (`NDArray` and
/// `Tensor` share `DType` and memory; int8/int32 widen to int64, the integer dtype tensors have),
/// `Discrete` observations `Int`s, `Tuple` observations tuples and `Dict` observations dictionaries.
/// Actions go the other way, shaped by the action space.
enum EnvConversion {
    // MARK: - Engine -> cell

    /// An environment array as a tensor over the same buffer (no copy), same shape and dtype
    /// (int8/int32 arrays widen to an int64 copy: tensors compute in int64).
    static func tensor(_ a: EnvArray) -> Tensor { Tensor(a) }

    /// A tensor as an environment array (same shape and dtype; one copy, so the array the env gets
    /// never changes when the cell later writes the tensor in place).
    static func envArray(_ t: Tensor) -> EnvArray { t.toNDArray() }

    /// An observation (or any environment value) as a cell value.
    static func value(_ v: EnvValue) throws -> Value {
        switch v {
        case .int(let i): return .int(i)
        case .array(let a): return TensorObject.value(tensor(a))
        case .tuple(let items): return .tuple(TupleBox.make(try items.map { try value($0) }))
        case .dict(let keys, let values):
            return .dict(DictBox(keys: keys.map { .string($0) }, values: try values.map { try value($0) }))
        }
    }

    /// An `info` dictionary as `[String: Value]` (nested infos become nested dictionaries).
    static func value(_ info: Info) throws -> Value {
        if info.isEmpty { return .dict(DictBox()) }
        var keys: [Value] = []
        var values: [Value] = []
        keys.reserveCapacity(info.count)
        values.reserveCapacity(info.count)
        for (k, v) in zip(info.keys, info.values) {
            keys.append(.string(k))
            values.append(try value(v))
        }
        return .dict(DictBox(keys: keys, values: values))
    }

    static func value(_ v: InfoValue) throws -> Value {
        switch v {
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .array(let a): return TensorObject.value(tensor(a))
        case .value(let e): return try value(e)
        case .info(let i): return try value(i)
        case .list(let l): return .array(try l.map { try value($0) })
        }
    }

    /// A rendered frame as a uint8 tensor of shape (H, W, 3) (or (H, W) for one channel).
    static func frame(_ image: RGBImage) throws -> Value {
        let shape = image.channels == 1 ? [image.height, image.width] : [image.height, image.width, image.channels]
        return TensorObject.value(try Tensor(image.pixels, shape: shape))
    }

    // MARK: - Cell -> engine

    /// Flattens numbers, nested arrays of numbers, Bools and tensors into doubles (nil if anything else).
    static func flatNumbers(_ v: Value) -> (values: [Double], shape: [Int], allInts: Bool)? {
        var out: [Double] = []
        var shape: [Int] = []
        var allInts = true
        func walk(_ v: Value, _ depth: Int) -> Bool {
            switch v {
            case .int(let i): out.append(Double(i))
            case .double(let d): out.append(d); allInts = false
            case .bool(let b): out.append(b ? 1 : 0)
            case .optional(let w): return walk(w, depth)
            case .array, .range:
                let items = v.asArray ?? []
                if depth == shape.count { shape.append(items.count) }
                for x in items where !walk(x, depth + 1) { return false }
            case .native(let o):
                guard let t = (o as? TensorObject)?.tensor else { return false }
                if depth == shape.count { shape.append(contentsOf: t.shape) }
                if t.dtype.isFloatingPoint { allInts = false }
                out.append(contentsOf: t.scalars)
            default: return false
            }
            return true
        }
        guard walk(v, 0) else { return nil }
        return (out, shape, allInts)
    }

    /// An action (or observation) for `space`: `Int` or a one-element integer tensor for `Discrete`;
    /// `[Double]`, nested arrays, a number or a `Tensor` for `Box` (converted to the box's dtype and
    /// shape); integer arrays for `MultiDiscrete` / `MultiBinary`; tuples and dictionaries for
    /// `Tuple` / `Dict`. Without a space, tensors and arrays keep their own shape.
    static func envValue(_ v: Value, space: Space?) throws -> EnvValue {
        if case .optional(let w) = v { return try envValue(w, space: space) }
        switch space {
        case let d as Discrete:
            if case .int(let i) = v { return .int(i) }
            if let t = v.tensor {
                if t.count == 1, !t.dtype.isFloatingPoint { return .int(Int(t.toArray(Int64.self)[0])) }
                return .array(envArray(t))
            }
            if case .double(let x) = v, x == x.rounded(), abs(x) < 9e15 { return .int(Int(x)) }
            throw BindingError("expected an Int action for the action space \(d), got a value of type '\(v.typeName)'")
        case let tuple as TupleSpace:
            guard case .tuple(let box) = v, box.values.count == tuple.spaces.count else {
                let items = v.asArray
                if let items, items.count == tuple.spaces.count {
                    return .tuple(try zip(items, tuple.spaces).map { try envValue($0, space: $1) })
                }
                throw BindingError("expected a tuple of \(tuple.spaces.count) values for \(tuple), got a value of type '\(v.typeName)'")
            }
            return .tuple(try zip(box.values, tuple.spaces).map { try envValue($0, space: $1) })
        case let dict as DictSpace:
            guard case .dict(let box) = v else {
                throw BindingError("expected a dictionary with keys \(dict.keys) for \(dict), got a value of type '\(v.typeName)'")
            }
            var values: [EnvValue] = []
            for (k, s) in zip(dict.keys, dict.spaces) {
                guard let x = box.get(.string(k)) else { throw BindingError("missing key '\(k)' for \(dict)") }
                values.append(try envValue(x, space: s))
            }
            return .dict(keys: dict.keys, values: values)
        case .some(let s):
            // Box, MultiDiscrete, MultiBinary and other array spaces
            if let t = v.tensor {
                // one copy, converted to the box's dtype on the way
                var a = t.toNDArray(dtype: (s is Box ? s.dtype : nil) ?? t.dtype)
                if let shape = s.shape, a.shape != shape, a.count == shape.reduce(1, *), let r = a.reshaped(shape) { a = r }
                return .array(a)
            }
            guard let (values, shape, _) = flatNumbers(v) else {
                throw BindingError("expected an action for the action space \(s) ([Double], a number or a Tensor), got a value of type '\(v.typeName)'")
            }
            if let d = s.dtype, !d.isFloat, values.contains(where: { !$0.isFinite || abs($0) >= 9.0e15 }) {
                throw BindingError("expected integer values for the action space \(s), got \(values)")
            }
            if let converted = s.value(fromScalars: values) { return converted }
            let dtype = s.dtype ?? .float64
            throw BindingError("expected \(s.shape.map { $0.reduce(1, *) } ?? values.count) values of type \(dtype) for the action space \(s), got \(values.count) (shape \(shape))")
        case .none:
            return try envValue(v)
        }
    }

    /// A cell value as an environment value by its own structure (no space to follow).
    static func envValue(_ v: Value) throws -> EnvValue {
        switch v {
        case .int(let i): return .int(i)
        case .bool(let b): return .int(b ? 1 : 0)
        case .optional(let w): return try envValue(w)
        case .tuple(let t): return .tuple(try t.values.map { try envValue($0) })
        case .dict(let d):
            let keys = try d.keys.map { k -> String in
                guard let s = k.asString else { throw BindingError("dictionary observations need String keys, got '\(k.typeName)'") }
                return s
            }
            return .dict(keys: keys, values: try d.values.map { try envValue($0) })
        default:
            if let t = v.tensor { return .array(envArray(t)) }
            if let (values, shape, allInts) = flatNumbers(v) {
                guard shape.reduce(1, *) == values.count else {
                    throw BindingError("nested arrays must be rectangular to be an environment value: \(values.count) numbers do not fill shape \(shape); give every row the same length")
                }
                return .array(allInts ? EnvArray(ints: try ints(values, "the value"), shape: shape) : EnvArray(float64: values, shape: shape))
            }
            throw BindingError("cannot use a value of type '\(v.typeName)' as an environment value; use an Int, [Double] or a Tensor")
        }
    }

    /// A cell value as a Gymnasium keyword argument or reset option.
    static func arg(_ v: Value, name: String) throws -> EnvArg {
        switch v {
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .symbol(let s): return .string(s)
        case .nilValue: return .none
        case .optional(let w): return try arg(w, name: name)
        default:
            if let items = v.asArray {
                if items.allSatisfy({ $0.asString != nil }) { return .strings(items.compactMap { $0.asString }) }
                if let (values, _, _) = flatNumbers(v) { return .numbers(values) }
            }
            if case .tuple(let t) = v, let (values, _, _) = flatNumbers(.array(t.values)) { return .numbers(values) }
            if let t = v.tensor { return .numbers(t.scalars) }
            throw BindingError("argument '\(name)' cannot be a value of type '\(v.typeName)'; use a number, Bool, String, [String] or [Double]")
        }
    }

    /// `reset(options:)`: a `[String: Any]` dictionary (or nil).
    static func options(_ v: Value?) throws -> EnvOptions? {
        guard let v, let u = v.unwrapped else { return nil }
        guard case .dict(let d) = u else {
            throw BindingError("reset options must be a dictionary such as [\"low\": -0.1, \"high\": 0.1], got a value of type '\(u.typeName)'")
        }
        var out: EnvOptions = [:]
        for (k, x) in zip(d.keys, d.values) {
            guard let key = k.asString else { throw BindingError("reset option keys must be Strings, got '\(k.typeName)'") }
            out[key] = try arg(x, name: key)
        }
        return out
    }

    /// A cell dictionary as an `info` (for environments defined in cells).
    static func info(_ v: Value) -> Info {
        var info = Info()
        guard case .dict(let d) = v.unwrapped ?? .void else { return info }
        for (k, x) in zip(d.keys, d.values) {
            info[k.asString ?? k.description] = infoValue(x)
        }
        return info
    }

    static func infoValue(_ v: Value) -> InfoValue {
        switch v {
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .optional(let w): return infoValue(w)
        case .dict: return .info(info(v))
        case .array(let items): return .list(items.map { infoValue($0) })
        default:
            if let t = v.tensor { return .array(envArray(t)) }
            return .string(v.description)
        }
    }

    /// The largest number of elements a space, stacked observation or vector env may hold (a guard
    /// against typos such as `shape: [96, 96, 30000]` exhausting memory).
    static let maxElements = 100_000_000

    /// Checks a shape: no negative dimension, element count within `maxElements` (no overflow).
    @discardableResult
    static func checkedCount(_ shape: [Int], _ what: String) throws -> Int {
        var n = 1
        for d in shape {
            guard d >= 0 else { throw BindingError("\(what) has a negative dimension: \(shape)") }
            let (p, overflow) = n.multipliedReportingOverflow(by: d)
            guard !overflow, p <= maxElements else {
                throw BindingError("\(what) \(shape) is too large (more than \(maxElements) elements)")
            }
            n = p
        }
        return n
    }

    /// Integers from doubles (array elements), refusing non-integral, non-finite or huge values.
    static func ints(_ values: [Double], _ what: String) throws -> [Int] {
        try values.map { d in
            guard d.isFinite, d == d.rounded(), abs(d) < 9.0e15 else { throw BindingError("\(what) must hold integers, got \(d)") }
            return Int(d)
        }
    }

    /// A cell value as an `Int?` seed.
    static func seed(_ v: Value?) throws -> Int? {
        guard let v, let u = v.unwrapped else { return nil }
        if let i = u.asInt { return i }
        if let t = u.tensor, t.count == 1, !t.dtype.isFloatingPoint { return Int(t.toArray(Int64.self)[0]) }
        throw BindingError("seed must be an Int or nil, got a value of type '\(u.typeName)'")
    }
}
