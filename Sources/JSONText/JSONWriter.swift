import DocgenModel

/// Writes `JSONValue`s as JSON text.
public enum JSONWriter {
    /// Compact or pretty (2-space indent) JSON text; members in stored order (duplicates included); strings
    /// escaped per RFC 8259 (`"`, `\`, and control characters as `\b \f \n \r \t` or `\u00XX`; `/` and
    /// non-ASCII characters are written as they are); numbers as their literal text, unchanged.
    ///
    /// Pretty output puts each member and element on its own line, writes `"key": value` with one space, and
    /// empty containers as `{}` and `[]`; there is no trailing newline.
    public static func write(_ value: JSONValue, pretty: Bool = false) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(128)
        append(value, to: &output, pretty: pretty, indent: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// `string` as a JSON string literal, quotes included.
    public static func quoted(_ string: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(string.utf8.count + 2)
        appendString(string, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func append(_ value: JSONValue, to output: inout [UInt8], pretty: Bool, indent: Int) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let literal):
            output.append(contentsOf: literal.utf8)
        case .string(let string):
            appendString(string, to: &output)
        case .array(let elements):
            output.append(0x5B)
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(0x2C) }
                if pretty { newline(to: &output, indent: indent + 1) }
                append(element, to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty && !elements.isEmpty { newline(to: &output, indent: indent) }
            output.append(0x5D)
        case .object(let members):
            output.append(0x7B)
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(0x2C) }
                if pretty { newline(to: &output, indent: indent + 1) }
                appendString(member.key, to: &output)
                output.append(0x3A)
                if pretty { output.append(0x20) }
                append(member.value, to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty && !members.isEmpty { newline(to: &output, indent: indent) }
            output.append(0x7D)
        }
    }

    private static func newline(to output: inout [UInt8], indent: Int) {
        output.append(0x0A)
        output.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func appendString(_ string: String, to output: inout [UInt8]) {
        output.append(0x22)
        for b in string.utf8 {
            switch b {
            case 0x22: output.append(contentsOf: [0x5C, 0x22])
            case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
            case 0x08: output.append(contentsOf: [0x5C, 0x62])
            case 0x0C: output.append(contentsOf: [0x5C, 0x66])
            case 0x0A: output.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: output.append(contentsOf: [0x5C, 0x72])
            case 0x09: output.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20:
                output.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]])
            default:
                output.append(b)
            }
        }
        output.append(0x22)
    }
}
