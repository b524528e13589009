import DocgenModel
@testable import SwiftEmitter
import Testing

/// A model whose output depends on order wherever an emitter could let it: colliding type, enum and
/// builder names, many path children, parameters named differently on different pages, literals that
/// differ only in case, and two versions.
let orderSensitiveModel: APIModel = {
    let types = [
        typeDefinition("x y", properties: [string("b"), string("a")]), typeDefinition("xY"), typeDefinition("X-Y"),
        typeDefinition("base"), typeDefinition("derivedB", base: "base"), typeDefinition("derivedA", base: "base"),
        typeDefinition("derivedC", base: "derivedA"), typeDefinition("anyBase"),
    ]
    let enums = [enumDefinition("x.y", members: ["b", "a"]), enumDefinition("zKind", members: ["none"]), enumDefinition("aKind", members: ["x"])]
    var operations = [
        operation("GET", "/users/{userId}"), operation("DELETE", "/users/{id}"), operation("GET", "/Users/{a}/photo"),
        operation("POST", "/users/{x}/sendMail", requestBody: .named("x y")), operation("GET", "/xY"),
    ]
    for name in ["delta", "alpha", "Charlie", "bravo", "echo", "foxtrot", "golf", "hotel", "india", "juliett", "kilo", "lima"] {
        operations.append(operation("GET", "/root/\(name)"))
        operations.append(operation("PATCH", "/root/\(name)/{id}/\(name)", requestBody: .named("base")))
    }
    return model(version("v1.0", types: types, enums: enums, operations: operations),
                 version("beta", types: types.reversed(), enums: enums, operations: operations.reversed()))
}()

/// `model` with the versions and each version's types, enums and operations reordered by `reorder`.
func reordered(_ model: APIModel, _ reorder: ([Int]) -> [Int]) -> APIModel {
    func apply<T>(_ values: [T]) -> [T] { reorder(Array(values.indices)).map { values[$0] } }
    var result = model
    result.versions = apply(model.versions).map { version in
        var version = version
        version.types = apply(version.types)
        version.enums = apply(version.enums)
        version.operations = apply(version.operations)
        return version
    }
    return result
}

/// The model as the linker hands it over: versions by name, types and enums by lookup key then name,
/// operations by path shape then method.
func linkerSorted(_ model: APIModel) -> APIModel {
    var result = model
    result.versions = model.versions.sorted { $0.name < $1.name }.map { version in
        var version = version
        version.types.sort { (TypeReference.lookupKey(for: $0.name), $0.name) < (TypeReference.lookupKey(for: $1.name), $1.name) }
        version.enums.sort { (TypeReference.lookupKey(for: $0.name), $0.name) < (TypeReference.lookupKey(for: $1.name), $1.name) }
        version.operations.sort { ($0.path.shape, $0.method) < ($1.path.shape, $1.method) }
        return version
    }
    return result
}

@Suite("Determinism")
struct DeterminismTests {
    @Test("Emitting the same model twice gives identical files")
    func sameModelSameBytes() {
        let first = SwiftEmitter.emit(orderSensitiveModel)
        let second = SwiftEmitter.emit(orderSensitiveModel)
        #expect(first == second)
        #expect(SwiftEmitter.emit(structureModel) == SwiftEmitter.emit(structureModel))
        #expect(SwiftEmitter.files(for: orderSensitiveModel) == SwiftEmitter.files(for: orderSensitiveModel))
    }

    @Test("The order of versions, types, enums and operations in the model does not change the output", arguments: [
        "reversed", "rotated", "interleaved", "shuffled",
    ])
    func orderIndependence(permutation: String) {
        let reorder: ([Int]) -> [Int] = switch permutation {
        case "reversed": { $0.reversed() }
        case "rotated": { indices in Array(indices.dropFirst(indices.count / 2) + indices.prefix(indices.count / 2)) }
        case "interleaved": { indices in indices.filter { $0 % 2 == 1 } + indices.filter { $0 % 2 == 0 } }
        default: { indices in
            // A fixed pseudo-random permutation (no randomness in tests).
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            var result = indices
            for i in stride(from: result.count - 1, to: 0, by: -1) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                result.swapAt(i, Int(state >> 33) % (i + 1))
            }
            return result
        }
        }
        let expected = SwiftEmitter.emit(linkerSorted(orderSensitiveModel))
        let actual = SwiftEmitter.emit(reordered(orderSensitiveModel, reorder))
        #expect(actual.map(\.path) == expected.map(\.path))
        for (a, e) in zip(actual, expected) where a != e {
            #expect(a.contents == e.contents, "\(a.path) depends on the model's order")
        }
    }

    @Test("A model already in the linker's order is emitted as given (sorting inside the emitter changes nothing)")
    func linkerOrderIsKept() {
        // Colliding names are handed out in the linker's order: `x y` < `X-Y` < `xY` by (lookup key, name)...
        let files = emitted(linkerSorted(orderSensitiveModel))
        // ...so the type page `x y` keeps `XY` and the others take the suffixes, in that order.
        #expect(file(files, "GraphV1/Types/XY.swift").contains("OData type `microsoft.graph.x y`"))
        #expect(file(files, "GraphV1/Types/XY_2.swift").contains("OData type `microsoft.graph.X-Y`"))
        #expect(file(files, "GraphV1/Types/XY_3.swift").contains("OData type `microsoft.graph.xY`"))
        #expect(file(files, "GraphV1/Enums/XY_4.swift").contains("OData enum `microsoft.graph.x.y`"))
        // Operation ids in the catalog follow path shape, then method.
        let module = file(files, "GraphV1/GraphV1Module.swift")
        let ids = trimmedLines(module).compactMap { line -> String? in
            guard line.hasPrefix("operations.append(GraphRuntime.GeneratedOperation(id: ") else { return nil }
            return line.split(separator: "\"").dropFirst().first.map(String.init)
        }
        #expect(ids == linkerSorted(orderSensitiveModel).versions[1].operations.map(\.id))
        // Path children in a fixed order: literals by lowercased text.
        let root = file(files, "GraphV1/RequestBuilders/RootRequestBuilder.swift")
        let children = trimmedLines(root).filter { $0.hasPrefix("public var ") }
        #expect(children.map { $0.split(separator: ":")[0] } == ["public var alpha", "public var bravo", "public var charlie", "public var delta",
                                                                  "public var echo", "public var foxtrot", "public var golf", "public var hotel",
                                                                  "public var india", "public var juliett", "public var kilo", "public var lima"])
    }
}
