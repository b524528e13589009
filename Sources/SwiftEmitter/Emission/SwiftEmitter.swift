import Dispatch
import DocgenModel

/// A generated file as text.
public struct PrintedFile: Hashable, Sendable {
    public var path: String
    public var contents: String
}

/// Turns the linked model into the Swift client: one module per API version (types, enums, polymorphic
/// wrappers, request builders, the module's client and catalog) and the `GeneratedCatalog` module that lists
/// them. Output depends on nothing but the model: same model, same bytes.
public enum SwiftEmitter {
    public static let catalogModuleName = "GeneratedCatalog"

    public static func emit(_ model: APIModel, options: EmitterOptions = EmitterOptions()) -> [PrintedFile] {
        files(for: model, options: options).map { PrintedFile(path: $0.path, contents: SwiftPrinter.print($0)) }.sorted { $0.path < $1.path }
    }

    /// The structured files, before printing (for tests that look at declarations). `parallel`: build the
    /// modules, which are independent once named, on threads of their own; the result is the same either way.
    public static func files(for model: APIModel, parallel: Bool = true, options: EmitterOptions = EmitterOptions()) -> [SwiftFile] {
        var files: [SwiftFile] = []
        let modules = versionModules(of: model, options: options)
        let moduleNames = modules.map(\.name.text)
        let moduleFiles = { @Sendable (index: Int) -> [SwiftFile] in
            var emitter = ModuleEmitter(version: modules[index].version, moduleName: modules[index].name.text, otherModules: moduleNames, options: options)
            return emitter.files()
        }
        if parallel, modules.count > 1 {
            let results = ModuleFiles(count: modules.count)
            DispatchQueue.concurrentPerform(iterations: modules.count) { results.set($0, moduleFiles($0)) }
            files = results.values.flatMap { $0 }
        } else {
            files = modules.indices.flatMap(moduleFiles)
        }
        if !modules.isEmpty, options.generatesCatalog {
            files.append(catalogFile(modules: modules.map(\.name), options: options))
        }
        return files
    }

    /// Names a version module must never take: the catalog, the runtime (and its tests' target), and the
    /// modules generated code imports.
    public static let reservedModuleNames = [catalogModuleName, "GraphRuntime", "GraphRuntimeTests"] + SwiftNaming.importedModules

    /// The module of each API version of `model`, in version order; two versions whose names would give the
    /// same module name get distinct ones (rule 7), and so does a version named like a reserved module. The
    /// command line refuses to write such a client (`moduleNameConflicts`): a new version must not silently
    /// rename an existing module. `options.moduleNames` (docgen.json's `modules`) names a version's module.
    public static func versionModules(of model: APIModel, options: EmitterOptions = EmitterOptions()) -> [(name: SwiftName, version: APIVersionModel)] {
        var moduleScope = NameScope(reserved: reservedModuleNames, ignoringCase: true)
        var modules: [(name: SwiftName, version: APIVersionModel)] = []
        for version in model.versions.sorted(by: { $0.name < $1.name }) {
            let configured = options.moduleNames[version.name].flatMap { EmitterOptions.isUsableName($0) ? SwiftName(verified: $0) : nil }
            modules.append((moduleScope.claim(configured ?? moduleName(for: version.name)), version))
        }
        return modules
    }

    /// An error for each API version whose module name is taken: by a reserved module (`GraphRuntime`, the
    /// catalog, `Swift`, `Foundation`) or by another version (`v1` beside `v1.0`: both `GraphV1`). At the
    /// version's first page. Empty when every version gets the name the rule gives it.
    public static func moduleNameConflicts(of model: APIModel) -> [Diagnostic] {
        var owners: [String: String] = [:]
        for name in reservedModuleNames { owners[name.lowercased()] = "the reserved module \(name)" }
        var diagnostics: [Diagnostic] = []
        for version in model.versions.sorted(by: { $0.name < $1.name }) {
            let name = moduleName(for: version.name).text
            if let owner = owners[name.lowercased()] {
                let locations = version.operations.map(\.location) + version.types.map(\.location) + version.enums.map(\.location)
                diagnostics.append(.error(
                    .moduleNameConflict,
                    "API version '\(version.name)' would be the module \(name), which is already \(owner); nothing is generated until one of them is renamed (its folder, or --default-api-version)",
                    at: locations.min() ?? SourceLocation(path: version.name, line: 1, column: 1)
                ))
            } else {
                owners[name.lowercased()] = "the module of API version '\(version.name)'"
            }
        }
        return diagnostics
    }

    /// The names and Swift types of each version's module, by version name.
    public static func moduleNames(of model: APIModel, options: EmitterOptions = EmitterOptions()) -> [String: SwiftModuleNames] {
        let modules = versionModules(of: model, options: options)
        var result: [String: SwiftModuleNames] = [:]
        for (name, version) in modules {
            result[version.name] = SwiftModuleNames(version: version, moduleName: name.text, otherModules: modules.map(\.name.text), options: options)
        }
        return result
    }

    /// `v1.0` -> `GraphV1`, `beta` -> `GraphBeta`, `v2.1` -> `GraphV2_1`.
    public static func moduleName(for version: String) -> SwiftName {
        var text = version
        if text.hasSuffix(".0") { text.removeLast(2) }
        var suffix = ""
        for scalar in text.unicodeScalars {
            if SwiftNaming.isASCIIAlphanumeric(scalar) {
                suffix.unicodeScalars.append(scalar)
            } else if scalar == ".", !suffix.isEmpty, !suffix.hasSuffix("_") {
                suffix += "_"
            }
        }
        // A module is a folder: its name must fit a file name (rule 9).
        return SwiftNaming.fittingFileName(SwiftName(verified: "Graph" + suffix.prefix(1).uppercased() + suffix.dropFirst()), identity: version)
    }

    private static func catalogFile(modules: [SwiftName], options: EmitterOptions) -> SwiftFile {
        let moduleType = SwiftType.existential(.qualified(module: "GraphRuntime", name: "GeneratedAPIModule.Type"))
        let all = SwiftProperty(
            documentation: ["Every generated API module."],
            name: SwiftNaming.fixed("all"), type: .array(moduleType),
            kind: .staticComputed([.returnStatement(.arrayLiteral(modules.map { .metatype(.qualified(module: $0.text, name: "\($0.text)Module")) }))])
        )
        let declaration = SwiftEnum(
            documentation: ["The API modules docgen generated, for tools and tests that work on all of them."],
            name: SwiftNaming.fixed("GeneratedModules"), isIndirect: false, rawType: nil, conformances: [],
            members: [.property(all)]
        )
        return SwiftFile(path: "\(catalogModuleName)/GeneratedModules.swift", imports: ["GraphRuntime"] + modules.map(\.text),
                         declaration: .enumeration(declaration), accessModifier: options.accessModifier)
    }
}

/// The modules' files built on concurrent threads, by index.
private final class ModuleFiles: @unchecked Sendable {
    private var slots: [[SwiftFile]?]
    private let lock = DispatchSemaphore(value: 1)

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: [SwiftFile]) {
        lock.wait()
        slots[index] = value
        lock.signal()
    }

    var values: [[SwiftFile]] { slots.map { $0! } }
}
