/// A small lexer for the Swift docgen prints: it splits a file into code, comments and string literals, so
/// that tests can ask what text ended up as code.
struct SwiftLexing {
    /// The file's code with every comment and string literal replaced by a space.
    var code = ""
    /// The comments, each without its `//` or `///`.
    var comments: [String] = []
    /// The contents of the string literals, still escaped.
    var literals: [String] = []
    /// What a lexer of docgen's output never expects: an unterminated literal, a block comment, a multi-line
    /// or raw string literal.
    var problems: [String] = []

    init(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func at(_ offset: Int) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "/", at(1) == "/" {
                var comment = String.UnicodeScalarView()
                index += 2
                while index < scalars.count, scalars[index] != "\n" {
                    comment.append(scalars[index])
                    index += 1
                }
                comments.append(String(comment))
                code += " "
            } else if scalar == "/", at(1) == "*" {
                problems.append("block comment at scalar \(index)")
                code += "/*"
                index += 2
            } else if scalar == "#", at(1) == "\"" {
                problems.append("raw string literal at scalar \(index)")
                code += "#\""
                index += 2
            } else if scalar == "\"", at(1) == "\"", at(2) == "\"" {
                problems.append("multi-line string literal at scalar \(index)")
                code += "\"\"\""
                index += 3
            } else if scalar == "\"" {
                var literal = String.UnicodeScalarView()
                index += 1
                var closed = false
                while index < scalars.count, scalars[index] != "\n" {
                    let inner = scalars[index]
                    if inner == "\\", index + 1 < scalars.count {
                        literal.append(inner)
                        literal.append(scalars[index + 1])
                        index += 2
                        continue
                    }
                    index += 1
                    if inner == "\"" {
                        closed = true
                        break
                    }
                    literal.append(inner)
                }
                if !closed { problems.append("unterminated string literal: \(String(literal).prefix(80))") }
                literals.append(String(literal))
                code += " "
            } else {
                code.unicodeScalars.append(scalar)
                index += 1
            }
        }
    }
}
