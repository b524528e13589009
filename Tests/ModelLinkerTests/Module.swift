import DocgenModel
import ModelLinker
import Testing

@Test("dump") func dump() throws {
    let model = ModelLinker.link(try Seeds.pages())
    for d in model.diagnostics { print("DIAG", d.description) }
    for v in model.versions {
        print("VERSION", v.name)
        for o in v.operations { print("  OP", o.id, o.requestBody?.displayName ?? "-", o.responseBody?.displayName ?? "-", o.location) }
        for t in v.types { print("  TYPE", t.name, t.origin, t.baseType?.name ?? "-", t.properties.map { "\($0.name):\($0.type.displayName)" }) }
        for e in v.enums { print("  ENUM", e.name, e.origin, e.members.map(\.name)) }
        for x in v.examples { print("  EX", x.example.request?.location.description ?? "-", x.operationID ?? "nil", x.pathValues, x.requestBodyType?.displayName ?? "-", x.responseBodyType?.displayName ?? "-") }
    }
}
