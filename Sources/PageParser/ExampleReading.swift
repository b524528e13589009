import DocgenModel
import JSONText
import MarkdownSyntax

extension PageReader {
    /// Every example request and response of the "Example(s)" sections, paired: a request with the response
    /// that follows it. Code blocks in SDK languages are skipped. `requestLines`: the page's own, as
    /// `readRequestLines` read them.
    mutating func readExamples(requestLines: [RequestLine]) -> [Example] {
        let knownFirstSegments = Set(requestLines.compactMap { $0.path.segments.first?.text.lowercased() })
        var examples: [Example] = []
        var pendingRequest: ExampleRequest?
        var coveredUntilLine = 0
        for section in outline.sections(matching: { $0.hasPrefix("example") }) {
            if section.heading.range.startLine <= coveredUntilLine { continue }
            coveredUntilLine = section.blocks.last?.range.endLine ?? section.heading.range.startLine
            var subsection = ""
            var previous: MarkdownNode?
            for block in section.blocks {
                defer { previous = block }
                if block.kind == .heading {
                    subsection = PageOutline.normalize(block.plainText)
                    continue
                }
                guard block.kind == .codeBlock else { continue }
                let info = (block.fenceInfo ?? "").lowercased()
                let annotation = previous.flatMap { $0.kind == .htmlBlock ? readAnnotation($0) : nil }
                // `msgraph-interactive` fences hold Graph Explorer requests; SDK snippets (csharp, ...) are skipped.
                let isExampleFence = info.isEmpty || info.hasPrefix("http") || info == "json" || info == "msgraph-interactive"
                    || annotation?.blockType == "request" || annotation?.blockType == "response"
                guard isExampleFence else { continue }
                if annotation?.blockType == "ignored" { continue }
                let text = block.literal ?? ""
                let firstLine = text.splitAtLineFeeds().first { !$0.trimmed.isEmpty }.map { String($0).trimmed } ?? ""
                let isResponse = firstLine.hasPrefix("HTTP/") || annotation?.blockType == "response"
                    || (PathParsing.splitMethod(firstLine) == nil && subsection.containsText("response"))
                if isResponse {
                    let response = readResponseBlock(block, annotation: annotation)
                    if let request = pendingRequest {
                        examples.append(Example(name: request.annotation?.names.first, request: request, response: response))
                        pendingRequest = nil
                    } else {
                        warn(.exampleUnpaired, "example response has no request before it", at: response.location)
                        examples.append(Example(name: annotation?.names.first, request: nil, response: response))
                    }
                } else if PathParsing.splitMethod(firstLine) != nil {
                    if let request = pendingRequest {
                        examples.append(Example(name: request.annotation?.names.first, request: request, response: nil))
                    }
                    pendingRequest = readRequestBlock(block, annotation: annotation, knownFirstSegments: knownFirstSegments)
                } else if !firstLine.isEmpty, info.hasPrefix("http") {
                    warn(.exampleMalformed, "http example block starts with neither a request line nor a status line: '\(firstLine)'", at: location(of: block))
                }
            }
        }
        if let request = pendingRequest {
            examples.append(Example(name: request.annotation?.names.first, request: request, response: nil))
        }
        return examples
    }

    /// Reads `<!-- { "blockType": "request", "name": "x" } -->`.
    mutating func readAnnotation(_ block: MarkdownNode) -> ExampleAnnotation? {
        var text = Substring((block.literal ?? "").trimmed)
        guard text.hasPrefix("<!--") else { return nil }
        text = text.dropFirst(4)
        if let end = text.firstRange(of: "-->") { text = text[..<end.lowerBound] }
        let here = location(of: block)
        let body = String(text).trimmed
        guard body.hasPrefix("{") else { return nil }
        let result = JSONReader.read(body, options: jsonOptions)
        guard case .object(let members)? = result.value else {
            let issue = result.fatalIssue.map { ": \($0.message)" } ?? ""
            let code: DiagnosticCode = result.fatalIssue?.kind == .tooDeep ? .jsonTooDeep : .annotationMalformed
            warn(code, "annotation is not a JSON object\(issue)", at: here)
            return nil
        }
        if let issue = result.issues.first {
            warn(.annotationMalformed, "annotation is not valid JSON (\(issue.message)); read leniently", at: here)
        }
        var annotation = ExampleAnnotation(location: here)
        for member in members {
            switch member.key {
            case "blockType": annotation.blockType = member.value.stringValue
            case "name":
                switch member.value {
                case .string(let name): annotation.names = [name]
                case .array(let names): annotation.names = names.compactMap(\.stringValue)
                default: warn(.annotationMalformed, "annotation 'name' is neither a string nor an array of strings", at: here)
                }
            case "@odata.type": annotation.odataType = member.value.stringValue
            case "truncated": annotation.truncated = PageReader.flag(member.value)
            case "isCollection": annotation.isCollection = PageReader.flag(member.value)
            default: break
            }
        }
        return annotation
    }

    /// `true`, `"true"`, `"True"`.
    static func flag(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let flag): flag
        case .string(let text): text.lowercased() == "true" ? true : (text.lowercased() == "false" ? false : nil)
        default: nil
        }
    }

    /// The lines of a code block with their page line numbers.
    private func lines(of block: MarkdownNode) -> [(text: String, line: Int)] {
        (block.literal ?? "").splitAtLineFeeds().enumerated().map {
            (String($0.element), block.range.startLine + 1 + $0.offset)
        }
    }

    private mutating func readRequestBlock(_ block: MarkdownNode, annotation: ExampleAnnotation?, knownFirstSegments: Set<String>) -> ExampleRequest {
        var lines = self.lines(of: block)[...]
        while let first = lines.first, first.text.trimmed.isEmpty { lines.removeFirst() }
        let requestLine = lines.removeFirst()
        let (method, target) = PathParsing.splitMethod(requestLine.text)!
        let parsed = PathParsing.parseTarget(target, knownFirstSegments: knownFirstSegments)
        let headers = readHeaders(&lines)
        let body = readBody(lines, headers: headers)
        return ExampleRequest(
            method: method, url: target, versionSegment: parsed.versionSegment, path: parsed.path, query: parsed.query,
            headers: headers, body: body, annotation: annotation,
            location: location(line: requestLine.line, column: block.range.startColumn)
        )
    }

    private mutating func readResponseBlock(_ block: MarkdownNode, annotation: ExampleAnnotation?) -> ExampleResponse {
        var lines = self.lines(of: block)[...]
        while let first = lines.first, first.text.trimmed.isEmpty { lines.removeFirst() }
        var status: Int?
        var headers: [HTTPHeaderLine] = []
        let start = lines.first?.line ?? block.range.startLine
        if let first = lines.first, first.text.trimmed.hasPrefix("HTTP/") {
            lines.removeFirst()
            let parts = first.text.trimmed.split(separator: " ")
            status = parts.count > 1 ? Int(parts[1]) : nil
            if status == nil {
                warn(.exampleMalformed, "response status line has no status code: '\(first.text.trimmed)'", at: location(line: first.line, column: 1))
            }
            headers = readHeaders(&lines)
        }
        let body = readBody(lines, headers: headers)
        return ExampleResponse(statusCode: status, headers: headers, body: body, annotation: annotation,
                               location: location(line: start, column: block.range.startColumn))
    }

    /// `Name: value` lines after the request or status line; a blank line may come first (181 real pages
    /// have one) and ends the headers after them.
    private func readHeaders(_ lines: inout ArraySlice<(text: String, line: Int)>) -> [HTTPHeaderLine] {
        var headers: [HTTPHeaderLine] = []
        var skippedBlank = lines
        while let first = skippedBlank.first, first.text.trimmed.isEmpty { skippedBlank.removeFirst() }
        guard let first = skippedBlank.first, PageReader.headerLine(first.text) != nil else { return [] }
        lines = skippedBlank
        while let line = lines.first, let header = PageReader.headerLine(line.text) {
            headers.append(header)
            lines.removeFirst()
        }
        return headers
    }

    static func headerLine(_ text: String) -> HTTPHeaderLine? {
        let trimmed = text.trimmed
        guard let colon = trimmed.firstIndex(of: ":"), colon != trimmed.startIndex else { return nil }
        let name = trimmed[..<colon]
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        return HTTPHeaderLine(name: String(name), value: String(trimmed[trimmed.index(after: colon)...]).trimmed)
    }

    /// The rest of the block after the headers. Text that starts like JSON (or is declared JSON) is read
    /// leniently; every repair is a warning and a fault beyond repair an error, at its place on the page.
    private mutating func readBody(_ lines: ArraySlice<(text: String, line: Int)>, headers: [HTTPHeaderLine]) -> ExampleBody? {
        var lines = lines
        while let first = lines.first, first.text.trimmed.isEmpty { lines.removeFirst() }
        while let last = lines.last, last.text.trimmed.isEmpty { lines.removeLast() }
        guard let first = lines.first else { return nil }
        let text = lines.map(\.text).joined(separator: "\n")
        let here = location(line: first.line, column: 1)
        let contentType = headers.first { $0.name.lowercased() == "content-type" }?.value.lowercased()
        let trimmedStart = text.trimmed.first
        let looksLikeJSON = trimmedStart == "{" || trimmedStart == "["
        let declaredNotJSON = contentType.map { !$0.containsText("json") } ?? false
        guard looksLikeJSON, !declaredNotJSON || trimmedStart == "{" else {
            return ExampleBody(kind: .text, json: nil, text: text, location: here)
        }
        let result = JSONReader.read(text, options: jsonOptions)
        let path = self.path
        let issueLocation = { (issue: JSONIssue) in
            SourceLocation(path: path, line: first.line + issue.line - 1, column: max(issue.column, 1))
        }
        if let value = result.value {
            for issue in result.issues {
                warn(.jsonLenient, "example JSON is not strict JSON: \(issue.message); read leniently", at: issueLocation(issue))
            }
            return ExampleBody(kind: result.issues.isEmpty ? .json : .lenientJSON, json: value, text: text, location: here)
        }
        for issue in result.issues where !issue.isFatal {
            warn(.jsonLenient, "example JSON is not strict JSON: \(issue.message)", at: issueLocation(issue))
        }
        if let fatal = result.fatalIssue {
            if fatal.kind == .tooDeep {
                error(.jsonTooDeep, "example JSON cannot be read: \(fatal.message); the body is kept as text", at: issueLocation(fatal))
            } else {
                error(.jsonInvalid, "example JSON cannot be read: \(fatal.message)", at: issueLocation(fatal))
            }
        }
        return ExampleBody(kind: .brokenJSON, json: nil, text: text, location: here)
    }
}
