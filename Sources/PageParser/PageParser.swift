import DocgenModel
import MarkdownSyntax

/// Reads one Microsoft Graph reference page into a `ParsedPage`: the operations, permissions, bodies and
/// examples of a method page, the type of a resource page, the members of an enum page, and a diagnostic for
/// everything malformed or guessed. It looks at no other page; joining pages is the linker's work.
public enum PageParser {
    public struct Options: Sendable {
        /// The API version of pages whose folder and examples name none.
        public var defaultAPIVersion: String
        /// How much of a page is read (see `MarkdownLimits`); each cut is reported.
        public var limits: MarkdownLimits
        /// The deepest nesting of arrays and objects read in example bodies and annotations (the reference's
        /// deepest example has 39 levels). Deeper JSON is a `json-too-deep` error and is kept as text.
        public var maximumJSONDepth: Int

        public init(defaultAPIVersion: String = "v1.0", limits: MarkdownLimits = .standard, maximumJSONDepth: Int = 128) {
            self.defaultAPIVersion = defaultAPIVersion
            self.limits = limits
            self.maximumJSONDepth = maximumJSONDepth
        }
    }

    /// Parses the text of the page at `path` (relative to the docs root, `/`-separated).
    public static func parse(text: String, path: String, options: Options = Options()) -> ParsedPage {
        parse(document: MarkdownParser.parse(text, limits: options.limits), path: path, options: options)
    }

    public static func parse(document: MarkdownDocument, path: String, options: Options = Options()) -> ParsedPage {
        var reader = PageReader(document: document, path: path, options: options)
        return reader.read()
    }

    /// The API version named by a folder of `path` (`v1.0`, `beta`), if any.
    public static func versionFromFolder(_ path: String) -> String? {
        path.split(separator: "/").dropLast().map(String.init).last(where: isAPIVersionName)
    }

    /// `v1.0`, `v2`, `beta`: the names Microsoft Graph gives its versions.
    public static func isAPIVersionName(_ name: String) -> Bool {
        if name == "beta" { return true }
        guard name.hasPrefix("v"), name.count > 1 else { return false }
        return name.dropFirst().allSatisfy { $0.isNumber || $0 == "." } && name.dropFirst().first?.isNumber == true
    }
}

/// The state of reading one page.
struct PageReader {
    let document: MarkdownDocument
    let path: String
    let options: PageParser.Options
    let outline: PageOutline
    var diagnostics: [Diagnostic] = []

    init(document: MarkdownDocument, path: String, options: PageParser.Options) {
        self.document = document
        self.path = path
        self.options = options
        self.outline = PageOutline(document: document)
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: path, line: max(line, 1), column: max(column, 1))
    }

    func location(of node: MarkdownNode) -> SourceLocation {
        location(line: node.range.startLine, column: node.range.startColumn)
    }

    mutating func warn(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        diagnostics.append(.warning(code, message, at: location))
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        diagnostics.append(.error(code, message, at: location))
    }

    mutating func read() -> ParsedPage {
        reportLimitsExceeded()
        if let frontMatter = document.frontMatter {
            for line in frontMatter.malformedLines {
                warn(.frontMatterMalformed, "front matter line is not 'key: value'", at: location(line: line, column: 1))
            }
        }
        let title = outline.title
        var page = ParsedPage(path: path, kind: .other, apiVersion: APIVersionEvidence(version: options.defaultAPIVersion, source: .defaulted))
        page.title = title.map { $0.plainText.trimmed } ?? document.frontMatter?["title"]
        page.description = outline.introduction ?? document.frontMatter?["description"]
        if title == nil {
            warn(.pageWithoutTitle, "page has no level-1 heading", at: location(line: 1, column: 1))
        }

        // Structure first: front matter labels are wrong on some real pages.
        page.requestLines = readRequestLines()
        page.examples = readExamples(requestLines: page.requestLines)
        page.enums = readEnumSections()
        let kind = decideKind(page: page)
        page.kind = kind
        if kind != .method { page.requestLines = [] }
        switch kind {
        case .method:
            page.permissions = readPermissions()
            page.requestHeaders = readRequestHeaders()
            page.requestBody = readRequestBody()
            page.response = readResponse()
            if page.response != nil, page.response?.type == nil, let section = outline.section(matching: { $0 == "response" || $0 == "responses" }) {
                page.response?.type = PageReader.primitiveResult(inProse: section.blocks.filter { $0.kind == .paragraph })
            }
            page.queryOptions = readQueryOptions()
            page.functionParameters = readFunctionParameters()
            if page.requestLines.isEmpty {
                let anchor = outline.section(matching: PageOutline.isHTTPRequestHeading)?.heading ?? title
                warn(.noRequestLines, "method page has no HTTP request line", at: anchor.map(location(of:)) ?? location(line: 1, column: 1))
            }
        case .resource:
            if let type = readResourceType(title: page.title, description: page.description) { page.types = [type] }
        case .enumeration:
            if page.enums.isEmpty, let enumeration = readEnumPage(title: page.title, description: page.description) {
                page.enums = [enumeration]
            }
        case .other:
            break
        }
        page.apiVersion = decideVersion(examples: page.examples, requestLines: page.requestLines)
        page.diagnostics = diagnostics.sorted()
        return page
    }

    /// "x resource type", "x complex type", "x entity type", "x enum type", "x enumeration type", "x enum".
    static func titleNamesAType(_ lowercasedTitle: String) -> Bool {
        [" resource type", " complex type", " entity type", " enum type", " enumeration type", " enum"].contains { lowercasedTitle.hasSuffix($0) }
    }

    /// Method when the page has request lines (on a page titled as a type, only in an HTTP request section); enum or resource by its title and tables; else the front
    /// matter's `doc_type`; else the folder.
    private mutating func decideKind(page: ParsedPage) -> PageKind {
        let title = (page.title ?? "").lowercased()
        let hasHTTPRequestSection = outline.section(matching: PageOutline.isHTTPRequestHeading) != nil
        // A type page may show a request in its prose ("GET /me/mailFolders/drafts" on mailFolder's page):
        // without an HTTP request section, its title decides.
        if !page.requestLines.isEmpty, hasHTTPRequestSection || !PageReader.titleNamesAType(title) { return .method }
        if title.hasSuffix(" enum type") || title.hasSuffix(" enumeration type") || title.hasSuffix(" enum") { return .enumeration }
        if title.hasSuffix(" resource type") || title.hasSuffix(" complex type") || title.hasSuffix(" entity type") { return .resource }
        if outline.section(matching: { $0 == "members" || $0 == "enum values" || $0 == "values" }) != nil,
           outline.section(matching: { $0 == "properties" }) == nil {
            return .enumeration
        }
        if hasHTTPRequestSection { return .method }
        let docType = (document.frontMatter?["doc_type"] ?? document.frontMatter?["doctype"] ?? "").lowercased()
        switch docType {
        case "apipagetype", "apipage", "api": return .method
        case "resourcepagetype", "resourcepage", "resource": return .resource
        case "enumpagetype", "enumpage", "enum": return .enumeration
        default: break
        }
        if outline.section(matching: { $0 == "properties" }) != nil, outline.section(matching: { $0.hasPrefix("json representation") }) != nil {
            return .resource
        }
        if !page.enums.isEmpty { return .enumeration }
        let folders = path.lowercased().split(separator: "/").dropLast()
        if folders.contains("api") {
            warn(.pageKindUnknown, "page is in an api folder but has no HTTP request section", at: location(line: 1, column: 1))
        }
        return .other
    }

    /// The folder, else the version segment of the first absolute example URL, else the default.
    private mutating func decideVersion(examples: [Example], requestLines: [RequestLine]) -> APIVersionEvidence {
        if let folder = PageParser.versionFromFolder(path) {
            return APIVersionEvidence(version: folder, source: .folder)
        }
        let requests = examples.compactMap(\.request)
        let segments = requests.compactMap(\.versionSegment)
        if let version = segments.first(where: PageParser.isAPIVersionName) {
            if let other = segments.first(where: { PageParser.isAPIVersionName($0) && $0 != version }),
               let request = requests.first(where: { $0.versionSegment == other }) {
                warn(.apiVersionConflict, "example uses API version '\(other)' but the page's first example uses '\(version)'", at: request.location)
            }
            return APIVersionEvidence(version: version, source: .exampleURL)
        }
        let found = segments.first
        let anchor = requests.first?.location ?? requestLines.first?.location ?? location(line: 1, column: 1)
        let what = found.map { "found '\($0)' where the version belongs in the example URL" }
            ?? "no folder or example URL names one"
        warn(.apiVersionDefaulted, "API version unknown (\(what)); using the default '\(options.defaultAPIVersion)'", at: anchor)
        return APIVersionEvidence(version: options.defaultAPIVersion, source: .defaulted, found: found)
    }
}
