import DocgenModel
import MetadataReader

/// Compares one API version of the model of the pages with the service's CSDL metadata, as the Graph docs
/// team's ApiDoctor does: types, properties (missing on either side, type, collection-ness), base types,
/// abstract, enum members, and the parameters of actions and functions. Each disagreement is a warning with
/// a code of its own, at the page and line that documents the thing, or at the metadata's element when no
/// page does.
public struct MetadataComparison: Sendable {
    /// The kinds of disagreement, each with its diagnostic code.
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case typeNotInMetadata = "metadata-type-missing"
        case typeUndocumented = "metadata-type-undocumented"
        case propertyNotInMetadata = "metadata-property-missing"
        case propertyUndocumented = "metadata-property-undocumented"
        case propertyType = "metadata-property-type"
        case propertyCollection = "metadata-property-collection"
        case baseType = "metadata-base-type"
        case abstract = "metadata-abstract"
        case enumNotInMetadata = "metadata-enum-missing"
        case enumUndocumented = "metadata-enum-undocumented"
        case enumMemberNotInMetadata = "metadata-enum-member-missing"
        case enumMemberUndocumented = "metadata-enum-member-undocumented"
        case parameterNotInMetadata = "metadata-parameter-missing"
        case parameterUndocumented = "metadata-parameter-undocumented"

        public var code: DiagnosticCode { DiagnosticCode(rawValue: rawValue) }

        public var title: String {
            switch self {
            case .typeNotInMetadata: "types on pages, not in the metadata"
            case .typeUndocumented: "types in the metadata, on no page"
            case .propertyNotInMetadata: "properties on pages, not in the metadata"
            case .propertyUndocumented: "properties in the metadata, not on the type's page"
            case .propertyType: "properties whose type differs"
            case .propertyCollection: "properties whose collection-ness differs"
            case .baseType: "types whose base type differs"
            case .abstract: "types abstract on one side only"
            case .enumNotInMetadata: "enums on pages, not in the metadata"
            case .enumUndocumented: "enums in the metadata, on no page"
            case .enumMemberNotInMetadata: "enum members on pages, not in the metadata"
            case .enumMemberUndocumented: "enum members in the metadata, not on the enum's page"
            case .parameterNotInMetadata: "action and function parameters on pages, not in the metadata"
            case .parameterUndocumented: "action and function parameters in the metadata, not on the page"
            }
        }
    }

    /// How many of the things both sides have agree.
    public struct Agreement: Codable, Hashable, Sendable {
        public var typesCompared = 0
        public var propertiesCompared = 0
        /// Same name, type and collection-ness.
        public var propertiesAgreeing = 0
        /// Properties of compared types on the pages (the denominator of the documented agreement).
        public var propertiesDocumented = 0
        public var enumsCompared = 0
        public var membersCompared = 0
        public var actionsCompared = 0
        public var functionsCompared = 0
        public var parametersCompared = 0
    }

    public var diagnostics: [Diagnostic]
    public var counts: [Kind: Int]
    public var agreement: Agreement

    /// Compares `version` of the model with `metadata`, read from `metadataPath` (the path diagnostics at
    /// metadata elements name).
    public init(version: APIVersionModel, metadata: CSDLDocument, metadataPath: String) {
        var comparer = Comparer(version: version, metadata: metadata, metadataPath: metadataPath)
        comparer.run()
        diagnostics = comparer.diagnostics.sorted()
        var counts: [Kind: Int] = [:]
        for kind in comparer.kinds { counts[kind, default: 0] += 1 }
        self.counts = counts
        agreement = comparer.agreement
    }

    /// The readable report: counts by kind, then the agreement figures.
    public var report: String {
        var lines = ["metadata comparison: \(diagnostics.count) disagreements"]
        for kind in Kind.allCases {
            lines.append("  \(String(counts[kind] ?? 0).padded(6)) \(kind.title) [\(kind.rawValue)]")
        }
        let a = agreement
        let percent = { (part: Int, whole: Int) -> String in
            whole == 0 ? "-" : String(Double(part * 1000 / whole) / 10) + " %"
        }
        lines.append("  types compared \(a.typesCompared), properties compared \(a.propertiesCompared) (\(a.propertiesAgreeing) agree, \(percent(a.propertiesAgreeing, a.propertiesCompared)); of all \(a.propertiesDocumented) documented: \(percent(a.propertiesAgreeing, a.propertiesDocumented)))")
        lines.append("  enums compared \(a.enumsCompared) (\(a.membersCompared) members), actions compared \(a.actionsCompared), functions compared \(a.functionsCompared) (\(a.parametersCompared) parameters)")
        return lines.joined(separator: "\n")
    }
}

/// The key both sides are matched by: the name without the `microsoft.graph.` namespace, lowercased
/// (`externalconnectors.externalitem` for another namespace).
func metadataKey(_ qualifiedName: String) -> String { TypeReference.lookupKey(for: qualifiedName) }

/// The last dotted segment of a key: pages often leave a sub-namespace out.
func shortKey(_ key: String) -> String { key.split(separator: ".").last.map(String.init) ?? key }

private struct Comparer {
    let version: APIVersionModel
    let metadata: CSDLDocument
    let metadataPath: String
    let index: TypeIndex
    var diagnostics: [Diagnostic] = []
    var kinds: [MetadataComparison.Kind] = []
    var agreement = MetadataComparison.Agreement()

    /// Metadata types by key and by short key (when the short key is unique).
    var structured: [String: CSDLStructuredType] = [:]
    var structuredShort: [String: CSDLStructuredType] = [:]
    var enums: [String: CSDLEnumType] = [:]
    var enumsShort: [String: CSDLEnumType] = [:]

    init(version: APIVersionModel, metadata: CSDLDocument, metadataPath: String) {
        self.version = version
        self.metadata = metadata
        self.metadataPath = metadataPath
        index = TypeIndex(version)
        var shortCounts: [String: Int] = [:]
        for schema in metadata.schemas {
            for type in schema.structuredTypes {
                let key = metadataKey(schema.namespace + "." + type.name)
                structured[key] = type
                shortCounts[shortKey(key), default: 0] += 1
            }
            for type in schema.enumTypes { enums[metadataKey(schema.namespace + "." + type.name)] = type }
        }
        for (key, type) in structured where shortCounts[shortKey(key)] == 1 { structuredShort[shortKey(key)] = type }
        for (key, type) in enums { enumsShort[shortKey(key)] = type }
    }

    mutating func report(_ kind: MetadataComparison.Kind, _ message: String, at location: SourceLocation) {
        kinds.append(kind)
        diagnostics.append(.warning(kind.code, message, at: location))
    }

    func metadataLocation(_ line: Int) -> SourceLocation { SourceLocation(path: metadataPath, line: max(line, 1), column: 1) }

    func metadataType(_ name: String) -> CSDLStructuredType? {
        let key = metadataKey(name)
        return structured[key] ?? structuredShort[shortKey(key)]
    }

    func metadataEnum(_ name: String) -> CSDLEnumType? {
        let key = metadataKey(name)
        return enums[key] ?? enumsShort[shortKey(key)]
    }

    /// The metadata type and its base types, nearest first.
    func metadataChain(_ type: CSDLStructuredType) -> [CSDLStructuredType] {
        var chain = [type]
        var seen: Set<String> = [type.name]
        while let base = chain.last?.baseType, let next = metadataType(metadata.qualified(base)), seen.insert(next.name).inserted {
            chain.append(next)
        }
        return chain
    }

    /// Whether a page's type reference names the metadata's type.
    func sameType(_ reference: TypeReference, _ metadataType: String) -> Bool {
        let element = metadata.qualified(metadataType)
        if element.hasPrefix("Edm.") {
            guard let primitive = PrimitiveType(docsName: element) else { return reference.primitive == .json }
            return reference.primitive == primitive
        }
        let key = metadataKey(element)
        // The docs' `Json` is untyped JSON to docgen; the metadata declares it as the complex type `Json`.
        if reference.primitive == .json { return shortKey(key) == "json" }
        guard reference.primitive == nil else { return false }
        let pageKey = reference.lookupKey
        return key == pageKey || shortKey(key) == shortKey(pageKey)
    }

    mutating func run() {
        let documented = version.types.filter { $0.origin == .typePage }
        var matched: Set<String> = []
        for type in documented.sorted(by: { $0.name < $1.name }) {
            guard let other = metadataType(type.name) else {
                report(.typeNotInMetadata, "type '\(type.name)' is not in the metadata", at: type.location)
                continue
            }
            matched.insert(other.name.lowercased() + "\u{0}" + String(other.line))
            compare(type, other)
        }
        for schema in metadata.schemas {
            for type in schema.structuredTypes where !matched.contains(type.name.lowercased() + "\u{0}" + String(type.line)) {
                report(.typeUndocumented, "\(type.kind.rawValue) type '\(schema.namespace).\(type.name)' of the metadata is on no page", at: metadataLocation(type.line))
            }
        }
        compareEnums()
        compareActions()
    }

    mutating func compare(_ type: TypeDefinition, _ other: CSDLStructuredType) {
        agreement.typesCompared += 1
        let chain = metadataChain(other)
        var metadataProperties: [String: CSDLProperty] = [:]
        for ancestor in chain.reversed() {
            for property in ancestor.properties { metadataProperties[property.name.lowercased()] = property }
        }
        for property in type.properties {
            agreement.propertiesDocumented += 1
            guard let counterpart = metadataProperties[property.name.lowercased()] else {
                report(.propertyNotInMetadata, "property '\(type.name).\(property.name)' is not in the metadata's '\(other.name)'", at: property.location)
                continue
            }
            agreement.propertiesCompared += 1
            let element = counterpart.elementType
            var agrees = true
            if !sameType(property.type, element) {
                agrees = false
                report(.propertyType, "property '\(type.name).\(property.name)' is \(property.type.name) on its page, \(element) in the metadata", at: property.location)
            }
            if property.type.isCollection != counterpart.isCollection {
                agrees = false
                report(.propertyCollection, "property '\(type.name).\(property.name)' is \(property.type.isCollection ? "a collection" : "a single value") on its page, \(counterpart.isCollection ? "a collection" : "a single value") in the metadata", at: property.location)
            }
            if agrees { agreement.propertiesAgreeing += 1 }
        }
        // What the metadata declares on the type itself that neither the page nor its documented base types show.
        var pageNames = Set(type.properties.map { $0.name.lowercased() })
        for ancestor in index.ancestors(of: type) { pageNames.formUnion(ancestor.properties.map { $0.name.lowercased() }) }
        for property in other.properties where !pageNames.contains(property.name.lowercased()) {
            report(.propertyUndocumented, "\(property.isNavigation ? "navigation property" : "property") '\(other.name).\(property.name)' (\(property.type)) of the metadata is not on the page of '\(type.name)' (\(type.location.path))", at: metadataLocation(property.line))
        }
        let pageBase = type.baseType.map { TypeReference.lookupKey(for: $0.name) }
        let metadataBase = other.baseType.map { metadataKey(metadata.qualified($0)) }
        let basesAgree = pageBase == metadataBase || (pageBase.map(shortKey) == metadataBase.map(shortKey))
            // Pages rarely say that a type derives from entity; the key property says it.
            || (pageBase == nil && metadataBase.map(shortKey) == "entity")
        if !basesAgree {
            report(.baseType, "type '\(type.name)' derives from \(type.baseType?.name ?? "nothing") on its page, from \(other.baseType ?? "nothing") in the metadata", at: type.location)
        }
        if type.isAbstract != other.isAbstract {
            report(.abstract, "type '\(type.name)' is \(type.isAbstract ? "" : "not ")abstract on its page, \(other.isAbstract ? "" : "not ")abstract in the metadata", at: type.location)
        }
    }

    mutating func compareEnums() {
        var matched: Set<Int> = []
        let documented = version.enums.filter { $0.origin == .typePage || $0.origin == .enumSection }
        for enumeration in documented.sorted(by: { $0.name < $1.name }) {
            guard let other = metadataEnum(enumeration.name) else {
                report(.enumNotInMetadata, "enum '\(enumeration.name)' is not in the metadata", at: enumeration.location)
                continue
            }
            matched.insert(other.line)
            agreement.enumsCompared += 1
            let theirs = Set(other.members.map { $0.name.lowercased() })
            let ours = Set(enumeration.members.map { $0.name.lowercased() })
            for member in enumeration.members {
                if theirs.contains(member.name.lowercased()) {
                    agreement.membersCompared += 1
                } else {
                    report(.enumMemberNotInMetadata, "member '\(member.name)' of enum '\(enumeration.name)' is not in the metadata", at: member.location)
                }
            }
            for member in other.members where !ours.contains(member.name.lowercased()) {
                report(.enumMemberUndocumented, "member '\(member.name)' of the metadata's enum '\(other.name)' is not on the page of '\(enumeration.name)' (\(enumeration.location.path))", at: metadataLocation(member.line))
            }
        }
        for schema in metadata.schemas {
            for type in schema.enumTypes where !matched.contains(type.line) {
                report(.enumUndocumented, "enum '\(schema.namespace).\(type.name)' of the metadata is on no page", at: metadataLocation(type.line))
            }
        }
    }

    /// Actions: an operation whose last path segment names an action of the metadata and whose request body
    /// is a type of the model; its properties are the action's parameters.
    mutating func compareActions() {
        var actions: [String: [CSDLOperation]] = [:]
        for schema in metadata.schemas {
            for operation in schema.operations where operation.kind == .action {
                actions[operation.name.lowercased(), default: []].append(operation)
            }
        }
        var compared: Set<String> = []
        for operation in version.operations where operation.method == "POST" {
            guard let last = operation.path.segments.last, last.kind != .parameter else { continue }
            let name = shortKey(metadataKey(last.text))
            guard let candidates = actions[name], let body = operation.requestBody, body.primitive == nil,
                  let type = index.type(named: body.name), compared.insert(operation.id).inserted else { continue }
            let ours = Set(type.properties.map { $0.name.lowercased() })
            // Of the overloads, the one whose parameters fit the page best.
            let best = candidates.max { lhs, rhs in
                Set(lhs.callerParameters.map { $0.name.lowercased() }).intersection(ours).count
                    < Set(rhs.callerParameters.map { $0.name.lowercased() }).intersection(ours).count
            }!
            agreement.actionsCompared += 1
            let theirs = Set(best.callerParameters.map { $0.name.lowercased() })
            for property in type.properties {
                if theirs.contains(property.name.lowercased()) {
                    agreement.parametersCompared += 1
                } else {
                    report(.parameterNotInMetadata, "parameter '\(property.name)' of action '\(best.name)' (\(operation.id)) is not in the metadata", at: property.location)
                }
            }
            for parameter in best.callerParameters where !ours.contains(parameter.name.lowercased()) {
                report(.parameterUndocumented, "parameter '\(parameter.name)' (\(parameter.type)) of the metadata's action '\(best.name)' is not documented for \(operation.id)", at: operation.location)
            }
        }
        compareFunctions()
    }

    /// Functions: a `GET` whose last path segment calls a function of the metadata with its parameters
    /// written in the path, `reminderView(startDateTime={startDateTime},endDateTime={endDateTime})`.
    mutating func compareFunctions() {
        var functions: [String: [CSDLOperation]] = [:]
        for schema in metadata.schemas {
            for operation in schema.operations where operation.kind == .function {
                functions[operation.name.lowercased(), default: []].append(operation)
            }
        }
        var compared: Set<String> = []
        for operation in version.operations where operation.method == "GET" {
            guard let last = operation.path.segments.last, last.kind != .parameter,
                  let open = last.text.firstIndex(of: "("), last.text.hasSuffix(")") else { continue }
            let name = shortKey(metadataKey(String(last.text[..<open])))
            guard let candidates = functions[name], compared.insert(operation.id).inserted else { continue }
            let inside = last.text[last.text.index(after: open)..<last.text.index(before: last.text.endIndex)]
            let written = inside.split(separator: ",").compactMap { argument -> String? in
                let parameter = argument.split(separator: "=", maxSplits: 1).first.map { $0.trimmed } ?? ""
                return parameter.isEmpty || parameter.hasPrefix("{") || parameter.hasPrefix("'") ? nil : parameter
            }
            let ours = Set(written.map { $0.lowercased() })
            let best = candidates.max { lhs, rhs in
                Set(lhs.callerParameters.map { $0.name.lowercased() }).intersection(ours).count
                    < Set(rhs.callerParameters.map { $0.name.lowercased() }).intersection(ours).count
            }!
            agreement.functionsCompared += 1
            let theirs = Set(best.callerParameters.map { $0.name.lowercased() })
            for parameter in written {
                if theirs.contains(parameter.lowercased()) {
                    agreement.parametersCompared += 1
                } else {
                    report(.parameterNotInMetadata, "parameter '\(parameter)' of function '\(best.name)' (\(operation.id)) is not in the metadata", at: operation.location)
                }
            }
            // A path that names no parameter at all documents them elsewhere (a table), so only a path
            // that names some is held to naming all.
            if !written.isEmpty {
                for parameter in best.callerParameters where !ours.contains(parameter.name.lowercased()) {
                    report(.parameterUndocumented, "parameter '\(parameter.name)' (\(parameter.type)) of the metadata's function '\(best.name)' is not in the path of \(operation.id)", at: operation.location)
                }
            }
        }
    }
}

extension String {
    func padded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
