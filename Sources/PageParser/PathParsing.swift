import DocgenModel

/// Request lines and example URLs. A URL is never split on spaces: `{id | userPrincipalName}` has some.
enum PathParsing {
    static let httpMethods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

    /// `POST /a/{id}/b?x=1` -> ("POST", "/a/{id}/b?x=1"); nil when the line does not start with a method.
    static func splitMethod(_ line: String) -> (method: String, target: String)? {
        let trimmed = line.trimmed
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        let method = String(trimmed[..<space])
        guard httpMethods.contains(method.uppercased()) else { return nil }
        var target = String(trimmed[space...]).trimmed
        for suffix in [" HTTP/1.1", " HTTP/1.0", " HTTP/2"] where target.hasSuffix(suffix) {
            target = String(target.dropLast(suffix.count)).trimmed
        }
        return (method.uppercased(), target)
    }

    struct ParsedTarget {
        /// For absolute URLs: the first path segment, where Graph puts the version.
        var versionSegment: String?
        var path: PathTemplate
        var query: String?
    }

    /// Splits a request target (a path or an absolute URL) into version segment, path and query.
    /// `knownFirstSegments`: first segments of the page's request lines, so that an absolute URL that lacks
    /// a version (`https://graph.microsoft.com/me`) is not read as having version `me`.
    static func parseTarget(_ target: String, knownFirstSegments: Set<String> = []) -> ParsedTarget {
        let trimmedTarget = target.trimmed
        var rest = Substring(trimmedTarget)
        var isAbsolute = false
        if let scheme = trimmedTarget.firstRangeOfText("://") {
            isAbsolute = true
            rest = rest[scheme.upperBound...]
            if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "\\" }) {
                rest = rest[slash...]
            } else {
                rest = ""
            }
        }
        let (pathPart, query) = splitQuery(rest)
        var segments = splitSegments(pathPart)
        var versionSegment: String?
        if isAbsolute, let first = segments.first {
            let isVersion = PageParser.isAPIVersionName(first)
            let isKnownPath = knownFirstSegments.contains(first.lowercased())
            if isVersion || !isKnownPath {
                versionSegment = first
                segments.removeFirst()
            }
        }
        return ParsedTarget(versionSegment: versionSegment, path: PathTemplate(segments: segments.map(segment(from:))), query: query)
    }

    /// Splits at the first `?` outside braces.
    private static func splitQuery(_ text: Substring) -> (Substring, String?) {
        var depth = 0
        for index in text.indices {
            switch text[index] {
            case "{", "(": depth += 1
            case "}", ")": depth = max(0, depth - 1)
            case "?" where depth == 0:
                return (text[..<index], String(text[text.index(after: index)...]))
            default: break
            }
        }
        return (text, nil)
    }

    /// Splits at `/` outside braces, parentheses and quotes; empty segments are dropped.
    private static func splitSegments(_ text: Substring) -> [String] {
        var segments: [String] = []
        // The current segment is `text[start..<index]`.
        var start = text.startIndex
        var depth = 0
        var inQuote = false
        for index in text.indices {
            let character = text[index]
            if character == "'" {
                inQuote.toggle()
            } else if !inQuote, character == "{" || character == "(" || character == "<" {
                depth += 1
            } else if !inQuote, character == "}" || character == ")" || character == ">" {
                depth = max(0, depth - 1)
            } else if character == "/", depth == 0, !inQuote {
                if start < index { segments.append(String(text[start..<index])) }
                start = text.index(after: index)
            }
        }
        let last = text[start...].trimmed
        if !last.isEmpty { segments.append(last) }
        return segments.map { $0.trimmed }.filter { !$0.isEmpty }
    }

    /// Whether a segment of `path`, once parsed, is `.` or `..`, or holds one between slashes or backslashes
    /// that quotes or brackets kept inside it (`o'brien/../../x`, where the quote never closes): checked on
    /// the parsed segments, so no way of splitting a line can let a dot segment through.
    static func hasDotSegment(_ path: PathTemplate) -> Bool {
        path.segments.contains { segment in
            segment.text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "\\" })
                .contains { $0.trimmed == "." || $0.trimmed == ".." }
        }
    }

    static func segment(from text: String) -> PathSegment {
        if text.hasPrefix("{"), text.hasSuffix("}"), text.count > 2 {
            return .parameter(String(text.dropFirst().dropLast()).trimmed, text: text)
        }
        // `{user-id} | user-principal-name`: alternatives written with the bar outside the braces.
        if text.hasPrefix("{"), text.contains("}"), text.contains("|") {
            let name = text.filter { $0 != "{" && $0 != "}" }
            return .parameter(name.trimmed, text: text)
        }
        if text.hasPrefix("<"), text.hasSuffix(">"), text.count > 2 {
            return .parameter(String(text.dropFirst().dropLast()).trimmed, text: text)
        }
        if text.hasPrefix("$") { return .keyword(text) }
        if let function = functionCall(text) { return PathSegment(kind: .literal, text: text, function: function) }
        return .literal(text)
    }
}
