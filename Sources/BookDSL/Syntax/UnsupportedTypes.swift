/// Standard Swift types the cell language does not have, with why and what to write instead.
/// Accepting them would run differently from Swift (cell integers are 64-bit signed `Int`, cell
/// floating-point numbers are `Double`), so a type annotation or a use of the name is refused.
enum UnsupportedTypes {
    static func message(_ name: String) -> String? {
        if ["UInt", "UInt16", "UInt32", "UInt64", "Int8", "Int16"].contains(name) {
            return "'\(name)' is not supported in cells: cell integers are 64-bit signed Int, so \(name) arithmetic "
                + "(its range, overflow, wrapping '&+' '&*', shifts) would differ from Swift; use Int ('&+', '&*' wrap at 64 bits)"
        }
        if ["Float", "Float32", "Float16", "Float80"].contains(name) {
            return "'\(name)' is not supported in cells: cell numbers are Double (64-bit), so \(name) arithmetic and "
                + "printing would differ from Swift (Float(1) / 3 prints 0.33333334 in Swift); use Double"
        }
        if name == "Result" {
            return "'Result' is not supported in cells; use a function that 'throws' with do/catch, or an enum of your own "
                + "(enum Outcome { case success(Int), failure(String) })"
        }
        return nil
    }
}
