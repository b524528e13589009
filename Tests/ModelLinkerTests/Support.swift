import DocgenModel
import Foundation
import ModelLinker
import PageParser

// Helpers that write small Graph reference pages as Markdown, parse them with the real PageParser and link
// them. Locations in expectations are found with `line(of:in:)` so that a test states *which* line of its
// page a diagnostic must point at.

/// Parses a page written in a test.
func parsePage(_ path: String, _ text: String, defaultVersion: String = "v1.0") -> ParsedPage {
    PageParser.parse(text: text, path: path, options: .init(defaultAPIVersion: defaultVersion))
}

/// Parses and links pages given as (path, text).
func link(_ pages: [(String, String)], defaultVersion: String = "v1.0") -> APIModel {
    ModelLinker.link(pages.map { parsePage($0.0, $0.1, defaultVersion: defaultVersion) })
}

/// The 1-based number of the first line of `text` that contains `needle` (0 when none does, which no
/// expectation can match).
func line(of needle: String, in text: String) -> Int {
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(needle) {
        return offset + 1
    }
    return 0
}

func loc(_ path: String, _ line: Int, _ column: Int) -> SourceLocation {
    SourceLocation(path: path, line: line, column: column)
}

// MARK: Page texts

/// A method page: title, "HTTP request" block, optional request body (prose and property rows), optional
/// response prose, then the example blocks.
func methodPage(
    title: String = "Do something", _ requestLines: [String], body: String? = nil, table: [String] = [],
    response: String? = nil, examples: [String] = []
) -> String {
    var lines = ["# \(title)", "", "Does something.", "", "## HTTP request", "", "```http"] + requestLines + ["```", ""]
    if body != nil || !table.isEmpty {
        lines += ["## Request body", "", body ?? "In the request body, supply the following properties.", ""]
        if !table.isEmpty { lines += ["|Property|Type|Description|", "|:---|:---|:---|"] + table + [""] }
    }
    if let response { lines += ["## Response", "", response, ""] }
    if !examples.isEmpty { lines += ["## Example", ""] + examples }
    return lines.joined(separator: "\n") + "\n"
}

/// "supply a JSON representation of the [x](../resources/x.md) object".
func bodyOf(_ type: String) -> String {
    "In the request body, supply a JSON representation of the [\(type)](../resources/\(type.lowercased()).md) object."
}

/// "returns a `201 Created` response code and a [x](...) object".
func returns(_ type: String, status: String = "201 Created") -> String {
    "If successful, this method returns a `\(status)` response code and a [\(type)](../resources/\(type.lowercased()).md) object in the response body."
}

/// "returns a `200 OK` response code and a collection of [x](...) objects".
func returnsCollection(_ type: String) -> String {
    "If successful, this method returns a `200 OK` response code and a collection of [\(type)](../resources/\(type.lowercased()).md) objects in the response body."
}

/// An example: a request block (`requestLine` as in `POST https://graph.microsoft.com/v1.0/x`) with an
/// optional JSON body, and an optional response block with an optional annotation.
func example(
    _ requestLine: String, body: String? = nil, status: String = "200 OK", response: String? = nil,
    responseAnnotation: String? = nil
) -> String {
    var lines = ["### Request", "", "```http", requestLine]
    if let body { lines += ["Content-type: application/json", "", body] }
    lines += ["```", ""]
    if response != nil || responseAnnotation != nil {
        lines += ["### Response", ""]
        if let responseAnnotation { lines += ["<!-- \(responseAnnotation) -->"] }
        lines += ["```http", "HTTP/1.1 \(status)"]
        if let response { lines += ["Content-type: application/json", "", response] }
        lines += ["```", ""]
    }
    return lines.joined(separator: "\n")
}

/// A resource page: "x resource type", optional "Inherits from", a properties table.
func resourcePage(_ name: String, base: String? = nil, properties: [String] = []) -> String {
    var lines = ["# \(name) resource type", "", "Namespace: microsoft.graph", "", "Represents a \(name).", ""]
    if let base { lines += ["Inherits from [\(base)](\(base.lowercased()).md)", ""] }
    lines += ["## Properties", "", "|Property|Type|Description|", "|:---|:---|:---|"] + properties + [""]
    lines += ["## Relationships", "None", ""]
    return lines.joined(separator: "\n") + "\n"
}

/// An enum page: "x enum type" with a members table.
func enumPage(_ name: String, members: [String]) -> String {
    var lines = ["# \(name) enum type", "", "Namespace: microsoft.graph", "", "Values of \(name).", "", "## Members", "",
                 "|Member|Value|Description|", "|:---|:---|:---|"]
    for (offset, member) in members.enumerated() { lines.append("|\(member)|\(offset)|The \(member) value.|") }
    return lines.joined(separator: "\n") + "\n"
}

// MARK: Looking at the model

extension APIModel {
    func version(_ name: String) -> APIVersionModel? { versions.first { $0.name == name } }

    func diagnostics(_ code: DiagnosticCode) -> [Diagnostic] { diagnostics.filter { $0.code == code } }

    /// The diagnostics the linker adds (every code of the linking stage).
    var linkerDiagnostics: [Diagnostic] { diagnostics.filter { linkerCodes.contains($0.code) } }
}

let linkerCodes: Set<DiagnosticCode> = [
    .exampleURLMismatch, .exampleMethodMismatch, .examplePropertyUndocumented, .exampleTypeMismatch, .typeInferred,
    .typeUnresolved, .typeConflict, .enumInferred, .baseTypeUnresolved, .inheritanceCycle, .duplicateOperation,
    .duplicateDefinition,
]

extension APIVersionModel {
    func type(_ name: String) -> TypeDefinition? { types.first { $0.name == name } }
    func enumeration(_ name: String) -> EnumDefinition? { enums.first { $0.name == name } }
    func operation(_ id: String) -> DocgenModel.Operation? { operations.first { $0.id == id } }
    var index: TypeIndex { TypeIndex(self) }
}

extension TypeDefinition {
    func property(_ name: String) -> PropertyDefinition? { properties.first { $0.name == name } }
    var propertySummary: [String] { properties.map { "\($0.name): \($0.type.displayName)" } }
}

extension Diagnostic {
    /// `code@path:line:column`, for compact expectations.
    var codeAndPlace: String { "\(code.rawValue)@\(location)" }
}



// MARK: The seed pages of docs-input/

enum Seeds {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let docsRoot = packageRoot.appendingPathComponent("docs-input")

    /// Every `.md` file below docs-input/, as paths relative to it, sorted.
    static func paths() throws -> [String] {
        let rootPath = docsRoot.standardizedFileURL.path + "/"
        var result: [String] = []
        let enumerator = FileManager.default.enumerator(at: docsRoot, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "md" else { continue }
            result.append(String(url.standardizedFileURL.path.dropFirst(rootPath.count)))
        }
        return result.sorted()
    }

    /// The pages parsed exactly as docs-input is: paths relative to docs-input, default version v1.0.
    static func pages() throws -> [ParsedPage] {
        try paths().map { path in
            let text = try String(contentsOf: docsRoot.appendingPathComponent(path), encoding: .utf8)
            return PageParser.parse(text: text, path: path, options: .init(defaultAPIVersion: "v1.0"))
        }
    }
}
