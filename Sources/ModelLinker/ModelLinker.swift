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

    /// `properties` with each name only once: a table that lists a property twice keeps its first row (the
    /// later one is most likely a copy left behind), with a warning at each later row.
    mutating func withoutDuplicates(_ properties: [PropertyDefinition], of owner: String) -> [PropertyDefinition] {
        var first: [String: SourceLocation] = [:]
        return properties.filter { property in
            if let earlier = first[property.name] {
                warn(.duplicateProperty, "property '\(property.name)' of '\(owner)' is listed again (first at line \(earlier.line)); the first row is used", at: property.location)
                return false
            }
            first[property.name] = property.location
            return true
        }
    }

    /// `members` with each value only once (the first kept): a value listed twice would give two cases of
    /// which only the first could ever be decoded.
    mutating func withoutDuplicates(_ members: [EnumMember], of owner: String) -> [EnumMember] {
        var first: [String: SourceLocation] = [:]
        return members.filter { member in
            if let earlier = first[member.name] {
                warn(.duplicateEnumMember, "value '\(member.name)' of '\(owner)' is listed again (first at line \(earlier.line)); the first is used", at: member.location)
                return false
            }
            first[member.name] = member.location
            return true
        }
    }

    private mutating func collectDefinitions() {
        for page in pages {
            for var type in page.types {
                type.properties = withoutDuplicates(type.properties, of: type.name)
                typeCandidates[TypeReference.lookupKey(for: type.name), default: []].append(type)
            }
            for var enumeration in page.enums {
                enumeration.members = withoutDuplicates(enumeration.members, of: enumeration.name)
                enumCandidates[TypeReference.lookupKey(for: enumeration.name), default: []].append(enumeration)
            }
            // A request-body table describes (some of) the properties of the body's type.
            if let body = page.requestBody, let type = body.type, type.primitive == nil, !body.properties.isEmpty {
                let definition = TypeDefinition(name: type.name, properties: withoutDuplicates(body.properties, of: type.name), origin: .requestBodyTable, location: body.location)
                typeCandidates[type.lookupKey, default: []].append(definition)
            }
        }
        let unnamedBodies = UnnamedRequestBodies(pages: pages)
        unnamedBodyTypes = unnamedBodies.bodyTypes
        for var definition in unnamedBodies.definitions {
            definition.properties = withoutDuplicates(definition.properties, of: definition.name)
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
                var seen: Set<String> = []
                let members = property.possibleValues.filter { seen.insert($0).inserted }.map { EnumMember(name: $0, location: property.location) }
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

    /// The deepest inheritance kept: a chain of pages deeper than this is cut, with a warning, so that no
    /// page can make the client grow with the square of the chain (each type repeats every inherited
    /// property, and each `Any…` enum lists every descendant). Graph's deepest chain is far shorter.
    static let maximumInheritanceDepth = 32
    /// The most properties a type may inherit: past it the inheritance is cut, with a warning, for the same
    /// reason (a page of thousands of properties, inherited by thousands of types).
    static let maximumInheritedProperties = 2_000

    /// Breaks inheritance cycles, drops base types that name an enum or nothing, and cuts chains that are
    /// too deep or inherit too much. Each type is looked at a bounded number of times: linear in the types.
    private mutating func checkInheritance(types: inout [TypeDefinition]) {
        var position: [String: Int] = [:]
        for (offset, type) in types.enumerated() where position[TypeReference.lookupKey(for: type.name)] == nil {
            position[TypeReference.lookupKey(for: type.name)] = offset
        }
        for index in types.indices {
            guard let base = types[index].baseType, position[base.lookupKey] == nil else { continue }
            warn(.baseTypeUnresolved, "base type '\(base.name)' of '\(types[index].name)' is not a type; the type is generated without it", at: types[index].location)
            types[index].baseType = nil
        }
        func baseIndex(_ index: Int) -> Int? { types[index].baseType.flatMap { position[$0.lookupKey] } }

        // Each type has at most one base, so following bases from any type either ends or enters a cycle.
        // 0: not seen, 1: on the walk being made, 2: done.
        var state = [UInt8](repeating: 0, count: types.count)
        for start in types.indices where state[start] == 0 {
            var walk: [Int] = []
            var current: Int? = start
            while let node = current, state[node] == 0 {
                state[node] = 1
                walk.append(node)
                current = baseIndex(node)
            }
            if let node = current, state[node] == 1, let cycleStart = walk.firstIndex(of: node) {
                // Every type of the cycle loses its base, each with an error; the types that lead into it keep theirs.
                for member in walk[cycleStart...] {
                    let base = types[member].baseType!
                    diagnostics.append(.error(.inheritanceCycle, "'\(types[member].name)' inherits from itself through '\(base.name)'; the inheritance is dropped", at: types[member].location))
                    types[member].baseType = nil
                }
            }
            for node in walk { state[node] = 2 }
        }

        // Depth and inherited properties, from the root of each chain down (bases first).
        var depth = [Int](repeating: -1, count: types.count)
        var inherited = [Int](repeating: 0, count: types.count)
        for start in types.indices where depth[start] < 0 {
            var chain: [Int] = []
            var current: Int? = start
            while let node = current, depth[node] < 0 {
                chain.append(node)
                current = baseIndex(node)
            }
            for node in chain.reversed() {
                guard let base = baseIndex(node) else {
                    depth[node] = 0
                    continue
                }
                let baseInherited = inherited[base] + types[base].properties.count
                if depth[base] + 1 > Self.maximumInheritanceDepth {
                    warn(.inheritanceTooDeep, "'\(types[node].name)' would be \(depth[base] + 1) levels below its farthest base type (at most \(Self.maximumInheritanceDepth)); it is generated without its base type '\(types[node].baseType!.name)'", at: types[node].location)
                } else if baseInherited > Self.maximumInheritedProperties {
                    warn(.inheritanceTooDeep, "'\(types[node].name)' would inherit \(baseInherited) properties (at most \(Self.maximumInheritedProperties)); it is generated without its base type '\(types[node].baseType!.name)'", at: types[node].location)
                } else {
                    depth[node] = depth[base] + 1
                    inherited[node] = baseInherited
                    continue
                }
                types[node].baseType = nil
                depth[node] = 0
            }
        }
    }
}
