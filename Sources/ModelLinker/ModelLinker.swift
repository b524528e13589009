import Dispatch
import DocgenModel

/// Joins the pages of a docs tree into the `APIModel`: per API version, the operations of the method pages,
/// the types and enums of the resource and enum pages, types inferred from request-body tables and examples
/// where no page defines them, definitions that disagree merged by authority, and the examples linked to the
/// operations they exercise. Everything it guesses or finds inconsistent becomes a diagnostic.
///
/// The result depends only on the pages' contents and paths, never on the order they are given in.
public enum ModelLinker {
    /// `parallel`: link the API versions, which are independent, on threads of their own. The result is
    /// the same either way (tested).
    public static func link(_ pages: [ParsedPage], parallel: Bool = true) -> APIModel {
        let pages = LinkResolution.resolve(pages.sorted { $0.path < $1.path })
        var diagnostics = pages.flatMap(\.diagnostics)
        let byVersion = Dictionary(grouping: pages, by: \.apiVersion.version)
        let names = byVersion.keys.sorted()
        let linkVersion = { @Sendable (index: Int) -> (APIVersionModel, [Diagnostic]) in
            var linker = VersionLinker(name: names[index], pages: byVersion[names[index]]!)
            let version = linker.link()
            return (version, linker.diagnostics)
        }
        let linked: [(APIVersionModel, [Diagnostic])]
        if parallel, names.count > 1 {
            let results = LinkedVersions(count: names.count)
            DispatchQueue.concurrentPerform(iterations: names.count) { results.set($0, linkVersion($0)) }
            linked = results.values
        } else {
            linked = names.indices.map(linkVersion)
        }
        var versions: [APIVersionModel] = []
        for (version, versionDiagnostics) in linked {
            versions.append(version)
            diagnostics += versionDiagnostics
        }
        return APIModel(versions: versions, diagnostics: Array(Set(diagnostics)).sorted())
    }
}

/// The versions linked on concurrent threads, by index.
private final class LinkedVersions: @unchecked Sendable {
    private var slots: [(APIVersionModel, [Diagnostic])?]
    private let lock = DispatchSemaphore(value: 1)

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: (APIVersionModel, [Diagnostic])) {
        lock.wait()
        slots[index] = value
        lock.signal()
    }

    var values: [(APIVersionModel, [Diagnostic])] { slots.map { $0! } }
}

/// Links the pages of one API version.
struct VersionLinker {
    let name: String
    let pages: [ParsedPage]
    var diagnostics: [Diagnostic] = []

    /// Candidate definitions by lookup key, best first once sorted.
    private var typeCandidates: [String: [TypeDefinition]] = [:]
    /// Operations documented again on other pages, by id.
    var duplicates: [String: [Operation]] = [:]
    /// Body types of request lines whose page names none, by the line's location.
    var unnamedBodyTypes: [SourceLocation: TypeReference] = [:]
    private var enumCandidates: [String: [EnumDefinition]] = [:]

    init(name: String, pages: [ParsedPage]) {
        self.name = name
        self.pages = pages
    }

    mutating func link() -> APIVersionModel {
        collectDefinitions()
        var operations = collectOperations()
        inferFromPossibleValues()
        var types = mergeTypes()
        var enums = mergeEnums()
        inferUnresolved(types: &types, enums: &enums, operations: operations)
        checkInheritance(types: &types)
        var index = TypeIndex(types: types, enums: enums)
        unifyDuplicates(&operations, index: index)
        VersionLinker.settleResponseKinds(&operations, index: index)
        let matcher = OperationMatcher(operations)
        let inferredFromExamples = inferFromExamples(index: index, operations: matcher)
        if !inferredFromExamples.isEmpty {
            types += inferredFromExamples
            types.sort(by: VersionLinker.definitionOrder)
            index = TypeIndex(types: types, enums: enums)
        }
        let examples = linkExamples(operations: matcher, index: index)
        return APIVersionModel(name: name, operations: operations, types: types, enums: enums, examples: examples)
    }

    static func definitionOrder(_ lhs: TypeDefinition, _ rhs: TypeDefinition) -> Bool {
        (TypeReference.lookupKey(for: lhs.name), lhs.name) < (TypeReference.lookupKey(for: rhs.name), rhs.name)
    }

    mutating func warn(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        diagnostics.append(.warning(code, message, at: location))
    }

    // MARK: Definitions

    private mutating func collectDefinitions() {
        for page in pages {
            for type in page.types {
                typeCandidates[TypeReference.lookupKey(for: type.name), default: []].append(type)
            }
            for enumeration in page.enums {
                enumCandidates[TypeReference.lookupKey(for: enumeration.name), default: []].append(enumeration)
            }
            // A request-body table describes (some of) the properties of the body's type.
            if let body = page.requestBody, let type = body.type, type.primitive == nil, !body.properties.isEmpty {
                let definition = TypeDefinition(name: type.name, properties: body.properties, origin: .requestBodyTable, location: body.location)
                typeCandidates[type.lookupKey, default: []].append(definition)
            }
        }
        let unnamedBodies = UnnamedRequestBodies(pages: pages)
        unnamedBodyTypes = unnamedBodies.bodyTypes
        for definition in unnamedBodies.definitions {
            typeCandidates[TypeReference.lookupKey(for: definition.name), default: []].append(definition)
        }
    }

    /// A property typed by a name no page defines, whose description lists possible values, defines an enum.
    private mutating func inferFromPossibleValues() {
        for page in pages {
            for property in page.types.flatMap(\.properties) + (page.requestBody?.properties ?? []) {
                let key = property.type.lookupKey
                guard property.type.primitive == nil, !property.possibleValues.isEmpty,
                      typeCandidates[key] == nil else { continue }
                if enumCandidates[key]?.contains(where: { $0.origin < .possibleValues }) == true { continue }
                let members = property.possibleValues.map { EnumMember(name: $0, location: property.location) }
                enumCandidates[key, default: []].append(EnumDefinition(name: property.type.name, members: members, origin: .possibleValues, location: property.location))
            }
        }
    }

    private static func candidateOrder<T>(_ origin: @escaping (T) -> DefinitionOrigin, _ location: @escaping (T) -> SourceLocation) -> (T, T) -> Bool {
        { lhs, rhs in (origin(lhs), location(lhs)) < (origin(rhs), location(rhs)) }
    }

    /// One definition per type: the most authoritative source's, with the properties only lesser sources
    /// know added after its own. A property two sources type differently keeps the better source's type.
    private mutating func mergeTypes() -> [TypeDefinition] {
        var result: [TypeDefinition] = []
        for key in typeCandidates.keys.sorted() {
            if enumCandidates[key]?.contains(where: { $0.origin <= .enumSection }) == true {
                let type = typeCandidates[key]!.first!
                warn(.duplicateDefinition, "'\(type.name)' is documented both as an enum and as a type; using the enum", at: type.location)
                continue
            }
            let candidates = typeCandidates[key]!.sorted(by: VersionLinker.candidateOrder(\.origin, \.location))
            var merged = candidates[0]
            for other in candidates.dropFirst() {
                if other.origin == .typePage, merged.origin == .typePage {
                    warn(.duplicateDefinition, "type '\(other.name)' is also defined at \(merged.location); the first definition is used", at: other.location)
                    continue
                }
                if merged.baseType == nil, let base = other.baseType { merged.baseType = base }
                for property in other.properties {
                    if let existing = merged.properties.first(where: { $0.name == property.name }) {
                        if existing.type.lookupKey != property.type.lookupKey || existing.type.isCollection != property.type.isCollection {
                            warn(.typeConflict, "property '\(property.name)' of '\(merged.name)' is \(property.type.displayName) here but \(existing.type.displayName) at \(existing.location); using \(existing.type.displayName)", at: property.location)
                        }
                    } else if merged.properties.contains(where: { $0.name.lowercased() == property.name.lowercased() }) {
                        warn(.typeConflict, "property '\(property.name)' of '\(merged.name)' differs only in case from a documented property; it is kept apart", at: property.location)
                        merged.properties.append(property)
                    } else {
                        merged.properties.append(property)
                    }
                }
            }
            if merged.origin == .requestBodyTable {
                let sources = candidates.map(\.location.path)
                warn(.typeInferred, "no page defines type '\(merged.name)'; inferred from the request-body table\(sources.count > 1 ? "s" : "") of \(Set(sources).sorted().joined(separator: ", "))", at: merged.location)
            }
            result.append(merged)
        }
        return result.sorted(by: VersionLinker.definitionOrder)
    }

    private mutating func mergeEnums() -> [EnumDefinition] {
        var result: [EnumDefinition] = []
        for key in enumCandidates.keys.sorted() {
            let candidates = enumCandidates[key]!.sorted(by: VersionLinker.candidateOrder(\.origin, \.location))
            var merged = candidates[0]
            for other in candidates.dropFirst() {
                if other.origin <= .enumSection, merged.origin <= .enumSection {
                    warn(.duplicateDefinition, "enum '\(other.name)' is also defined at \(merged.location); the first definition is used", at: other.location)
                    continue
                }
                for member in other.members where !merged.members.contains(where: { $0.name == member.name }) {
                    if merged.origin <= .enumSection {
                        warn(.typeConflict, "value '\(member.name)' of '\(merged.name)' is listed here but not among the members at \(merged.location); it is added", at: member.location)
                    }
                    merged.members.append(member)
                }
            }
            if merged.origin == .possibleValues {
                warn(.enumInferred, "no page defines enum '\(merged.name)'; inferred from 'Possible values' in property descriptions", at: merged.location)
            }
            result.append(merged)
        }
        return result.sorted { (TypeReference.lookupKey(for: $0.name), $0.name) < (TypeReference.lookupKey(for: $1.name), $1.name) }
    }

    /// Every named type that is referenced but defined nowhere becomes an open type with no declared
    /// properties (it keeps all members it meets), with a warning at each first reference.
    private mutating func inferUnresolved(types: inout [TypeDefinition], enums: inout [EnumDefinition], operations: [Operation]) {
        var known = Set(types.map { TypeReference.lookupKey(for: $0.name) }).union(enums.map { TypeReference.lookupKey(for: $0.name) })
        // Named references only, each with its lookup key; the role is spelled out only for a warning.
        enum Role {
            case baseType(String)
            case propertyType(String, String)
            case requestBody(String)
            case response(String)

            var description: String {
                switch self {
                case .baseType(let type): "base type of '\(type)'"
                case .propertyType(let type, let property): "type of '\(type).\(property)'"
                case .requestBody(let operation): "request body of \(operation)"
                case .response(let operation): "response of \(operation)"
                }
            }
        }
        var references: [(reference: TypeReference, location: SourceLocation, key: String, role: Role)] = []
        func add(_ reference: TypeReference, _ location: SourceLocation, _ role: Role) {
            guard reference.primitive == nil else { return }
            references.append((reference, location, reference.lookupKey, role))
        }
        for type in types {
            if let base = type.baseType { add(base, type.location, .baseType(type.name)) }
            for property in type.properties { add(property.type, property.location, .propertyType(type.name, property.name)) }
        }
        for operation in operations {
            if let body = operation.requestBody { add(body, operation.location, .requestBody(operation.id)) }
            if let body = operation.responseBody { add(body, operation.location, .response(operation.id)) }
        }
        references.sort { ($0.location, $0.key) < ($1.location, $1.key) }
        for (reference, location, key, role) in references {
            guard known.insert(key).inserted else { continue }
            let link = reference.link.map { " (link '\($0)')" } ?? ""
            warn(.typeUnresolved, "no page defines type '\(reference.name)'\(link), the \(role.description); it is generated as an open type that keeps every member", at: location)
            types.append(TypeDefinition(name: reference.name, origin: .example, location: location))
        }
        types.sort(by: VersionLinker.definitionOrder)
    }

    /// Breaks inheritance cycles and drops base types that name an enum or nothing.
    private mutating func checkInheritance(types: inout [TypeDefinition]) {
        let keys = Set(types.map { TypeReference.lookupKey(for: $0.name) })
        let byKey = Dictionary(types.map { (TypeReference.lookupKey(for: $0.name), $0) }, uniquingKeysWith: { first, _ in first })
        for index in types.indices {
            guard let base = types[index].baseType else { continue }
            if !keys.contains(base.lookupKey) {
                warn(.baseTypeUnresolved, "base type '\(base.name)' of '\(types[index].name)' is not a type; the type is generated without it", at: types[index].location)
                types[index].baseType = nil
                continue
            }
            let ownKey = TypeReference.lookupKey(for: types[index].name)
            var seen: Set<String> = [ownKey]
            var current = base.lookupKey
            while true {
                if current == ownKey {
                    diagnostics.append(.error(.inheritanceCycle, "'\(types[index].name)' inherits from itself through '\(base.name)'; the inheritance is dropped", at: types[index].location))
                    types[index].baseType = nil
                    break
                }
                // A cycle further up that this type is not part of is reported at the types in it.
                guard seen.insert(current).inserted else { break }
                guard let next = byKey[current]?.baseType?.lookupKey, keys.contains(next) else { break }
                current = next
            }
        }
    }
}
