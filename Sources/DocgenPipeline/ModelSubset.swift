import DocgenModel

/// A right-sized client: the operations a selection keeps, and every type they need — the types of their
/// bodies and of those types' properties, base types and derived types, transitively — so that each
/// generated type is the same as in the whole client.
///
/// A selector is one of:
/// - an operation pattern: a path, optionally after a method (`GET /users/{id}`,
///   `/deviceManagement/managedDevices/**`). Segments compare as Graph compares them (any case); `{name}`
///   matches any parameter segment whatever its name, `*` any one segment, `**` any number of segments
///   (none included);
/// - a page selector: a path prefix when it contains `/` (`v1.0/api/`), else a file-name prefix
///   (`intune-`); it keeps the operations of the pages and the types and enums the pages define.
///
/// An operation is kept when some selector selects it (every operation when there are no selectors) and no
/// exclusion does; exclusions are selectors of the same two forms.
public struct ModelSubset: Sendable {
    public var selectors: [String]
    public var exclusions: [String]

    public init(selectors: [String], excluding exclusions: [String] = []) {
        self.selectors = selectors
        self.exclusions = exclusions
    }

    /// Whether the selection keeps everything (no selectors, no exclusions).
    public var isEverything: Bool { selectors.isEmpty && exclusions.isEmpty }

    private var pageSelectors: [String] { selectors.filter { OperationPattern($0) == nil } }
    private var operationPatterns: [OperationPattern] { selectors.compactMap(OperationPattern.init) }
    private var pageExclusions: [String] { exclusions.filter { OperationPattern($0) == nil } }
    private var operationExclusions: [OperationPattern] { exclusions.compactMap(OperationPattern.init) }

    /// Whether a page selector selects the page at `path` (relative to the docs root).
    public func selects(_ path: String) -> Bool {
        ModelSubset.matches(pageSelectors, path) && !ModelSubset.matches(pageExclusions, path)
    }

    private static func matches(_ selectors: [String], _ path: String) -> Bool {
        selectors.contains { selector in
            selector.contains("/") ? path.hasPrefix(selector) : (path.split(separator: "/").last.map { $0.hasPrefix(selector) } ?? false)
        }
    }

    /// Whether the selection keeps `operation`.
    public func keeps(_ operation: Operation) -> Bool {
        let pages = pageSelectors
        let patterns = operationPatterns
        let selected = (pages.isEmpty && patterns.isEmpty)
            || ModelSubset.matches(pages, operation.location.path)
            || patterns.contains { $0.matches(operation) }
        return selected && !ModelSubset.matches(pageExclusions, operation.location.path)
            && !operationExclusions.contains { $0.matches(operation) }
    }

    public func apply(to model: APIModel) -> APIModel {
        if isEverything { return model }
        var keptPaths = Set<String>()
        let pages = pageSelectors
        let pageExclusions = pageExclusions
        let definedOnSelectedPage = { (path: String) in
            ModelSubset.matches(pages, path) && !ModelSubset.matches(pageExclusions, path)
        }
        let versions = model.versions.map { version -> APIVersionModel in
            let index = TypeIndex(version)
            let operations = version.operations.filter(keeps)
            let operationIDs = Set(operations.map(\.id))
            var queue: [String] = operations.flatMap { [$0.requestBody, $0.responseBody].compactMap { $0?.lookupKey } }
            queue += version.types.filter { definedOnSelectedPage($0.location.path) }.map { TypeReference.lookupKey(for: $0.name) }
            queue += version.enums.filter { definedOnSelectedPage($0.location.path) }.map { TypeReference.lookupKey(for: $0.name) }
            var keep = Set<String>()
            while let key = queue.popLast() {
                guard keep.insert(key).inserted, let type = index.types[key] else { continue }
                queue += index.allProperties(of: type).compactMap { $0.type.primitive == nil ? $0.type.lookupKey : nil }
                queue += index.ancestors(of: type).map { TypeReference.lookupKey(for: $0.name) }
                queue += index.descendants(of: type).map { TypeReference.lookupKey(for: $0.name) }
            }
            let types = version.types.filter { keep.contains(TypeReference.lookupKey(for: $0.name)) }
            let enums = version.enums.filter { keep.contains(TypeReference.lookupKey(for: $0.name)) }
            // An example goes with its page when pages are selected, and with the operation it exercises.
            let examples = version.examples.filter { example in
                if let id = example.operationID, operationIDs.contains(id) { return true }
                return example.operationID == nil && (example.example.location.map { definedOnSelectedPage($0.path) } ?? false)
            }
            keptPaths.formUnion(operations.map(\.location.path))
            keptPaths.formUnion(types.map(\.location.path))
            keptPaths.formUnion(enums.map(\.location.path))
            return APIVersionModel(name: version.name, operations: operations, types: types, enums: enums, examples: examples)
        }.filter { !$0.operations.isEmpty || !$0.types.isEmpty || !$0.enums.isEmpty }
        let diagnostics = model.diagnostics.filter { definedOnSelectedPage($0.location.path) || keptPaths.contains($0.location.path) }
        return APIModel(versions: versions, diagnostics: diagnostics)
    }
}

/// How much of a model a selection kept, for `docgen lint` and `docgen --check`.
public struct SelectionSummary: Codable, Hashable, Sendable, CustomStringConvertible {
    public var operations: Int
    public var operationsInAll: Int
    public var types: Int
    public var typesInAll: Int
    public var enums: Int
    public var enumsInAll: Int

    public init(whole: APIModel, selected: APIModel) {
        func count(_ model: APIModel, _ part: (APIVersionModel) -> Int) -> Int { model.versions.map(part).reduce(0, +) }
        operations = count(selected) { $0.operations.count }
        operationsInAll = count(whole) { $0.operations.count }
        types = count(selected) { $0.types.count }
        typesInAll = count(whole) { $0.types.count }
        enums = count(selected) { $0.enums.count }
        enumsInAll = count(whole) { $0.enums.count }
    }

    /// `the selection keeps 3 of 12 operations, 8 of 40 types, 2 of 9 enums`
    public var description: String {
        "the selection keeps \(operations) of \(operationsInAll) operations, \(types) of \(typesInAll) types, \(enums) of \(enumsInAll) enums"
    }
}

/// `GET /users/{id}`, `/deviceManagement/managedDevices/**`: the operations a path pattern (and, when
/// given, a method) selects.
public struct OperationPattern: Hashable, Sendable {
    public enum Segment: Hashable, Sendable {
        /// A literal or keyword segment, compared in any case.
        case literal(String)
        /// `{name}`: any parameter segment.
        case parameter
        /// `*`: any one segment.
        case anySegment
        /// `**`: any number of segments, none included.
        case anySegments
    }

    /// Upper-case; nil matches every method.
    public var method: String?
    public var segments: [Segment]

    /// nil when `text` is not a pattern (it is a page selector then): a pattern starts with `/`, or with a
    /// method, spaces and `/`.
    public init?(_ text: String) {
        let trimmed = text.trimmed
        var path = Substring(trimmed)
        if !trimmed.hasPrefix("/") {
            guard let space = trimmed.firstIndex(of: " ") else { return nil }
            let method = trimmed[..<space]
            guard !method.isEmpty, method.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
            path = trimmed[space...].drop(while: { $0 == " " })
            guard path.hasPrefix("/") else { return nil }
            self.method = method.uppercased()
        } else {
            self.method = nil
        }
        segments = path.split(separator: "/").map { segment in
            switch segment {
            case "**": .anySegments
            case "*": .anySegment
            default: segment.hasPrefix("{") && segment.hasSuffix("}") ? .parameter : .literal(segment.lowercased())
            }
        }
    }

    public func matches(_ operation: Operation) -> Bool {
        if let method, method != operation.method.uppercased() { return false }
        return OperationPattern.matches(segments[...], operation.path.segments[...])
    }

    private static func matches(_ pattern: ArraySlice<Segment>, _ path: ArraySlice<PathSegment>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        switch first {
        case .anySegments:
            // Zero or more: try every split (patterns are short).
            var rest = path
            while true {
                if matches(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case .anySegment:
            return !path.isEmpty && matches(pattern.dropFirst(), path.dropFirst())
        case .parameter:
            guard let segment = path.first, segment.kind == .parameter else { return false }
            return matches(pattern.dropFirst(), path.dropFirst())
        case .literal(let text):
            guard let segment = path.first, segment.kind != .parameter, segment.text.lowercased() == text else { return false }
            return matches(pattern.dropFirst(), path.dropFirst())
        }
    }
}
