/// Where a fact came from: a page (its path relative to the docs root, with `/` separators), a 1-based line
/// and a 1-based column. Every fact of the model carries one, so that a diagnostic, a doc comment or a drift
/// report can point a docs writer at the exact spot.
public struct SourceLocation: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }

    /// `path:line:column`, the form compilers and editors understand.
    public var description: String { "\(path):\(line):\(column)" }
}
