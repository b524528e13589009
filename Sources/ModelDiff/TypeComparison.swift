import DocgenModel
import SwiftEmitter

extension VersionComparison {
    // MARK: Types

    mutating func compareTypes() {
        let oldTypes = old.index.types
        let newTypes = new.index.types
        for key in Set(oldTypes.keys).union(newTypes.keys).sorted() {
            switch (oldTypes[key], newTypes[key]) {
            case (let type?, nil):
                typeRemoved(type, key: key)
            case (nil, let type?):
                typeAdded(type, key: key)
            case (let before?, let after?):
                compareType(before, after, key: key)
            case (nil, nil):
                continue
            }
        }
    }

    mutating func typeRemoved(_ type: TypeDefinition, key: String) {
        let name = old.structName(key, fallback: type.name)
        var reason = "the struct \(code(name))"
        if let wrapper = old.names.polymorphicNames[key] { reason += " and its wrapper \(code(wrapper.text)) are" } else { reason += " is" }
        reason += " gone: code that names \(old.names.polymorphicNames[key] == nil ? "it" : "them") no longer compiles"
        if new.usedKeys.contains(key), new.index.enums[key] == nil {
            reason += "; what still uses \(code(type.name)) is untyped \(code("JSONValue")) now"
        }
        add(.typeRemoved, .breaking, subject: type.name, at: type.location, nil, because: reason)
    }

    mutating func typeAdded(_ type: TypeDefinition, key: String) {
        let name = new.structName(key, fallback: type.name)
        if old.usedKeys.contains(key), old.index.enums[key] == nil {
            add(.typeAdded, .breaking, subject: type.name, at: nil, type.location,
                because: "\(code(type.name)) had no definition, so what uses it was untyped \(code("JSONValue")); it is the struct \(code(name)) now: code that uses those values as \(code("JSONValue")) no longer compiles")
        } else {
            add(.typeAdded, .additive, subject: type.name, at: nil, type.location,
                because: "a new struct \(code(name)): existing code is unaffected")
        }
    }

    mutating func compareType(_ before: TypeDefinition, _ after: TypeDefinition, key: String) {
        let oldName = old.structName(key, fallback: before.name)
        let newName = new.structName(key, fallback: after.name)
        if before.name != after.name {
            if oldName != newName {
                add(.typeRenamedCase, .breaking, subject: after.name, old: before.name, new: after.name, at: before.location, after.location,
                    because: "the struct \(code(oldName)) is now \(code(newName)): code that names it no longer compiles")
            } else {
                add(.typeRenamedCase, .informational, subject: after.name, old: before.name, new: after.name, at: before.location, after.location,
                    because: "the struct keeps its name \(code(newName)); only the default \(code("@odata.type")) it sends changes case, which the service matches either way")
            }
        }
        compareBase(before, after, key: key, structName: newName)
        comparePolymorphism(before, after, key: key)
        compareProperties(before, after, structName: newName)
        countWording(.types, before.description, after.description)
    }

    /// A type's properties by wire name: the rows of its own page, those of its base types, and all of them
    /// (what its struct stores: its own rows win over inherited ones).
    struct PropertySets {
        var declared: [String: PropertyDefinition] = [:]
        var inherited: [String: PropertyDefinition] = [:]
        var effective: [String: PropertyDefinition] = [:]

        init(_ type: TypeDefinition, in side: VersionSide) {
            for property in type.properties where declared[property.name] == nil { declared[property.name] = property }
            if let base = side.index.ancestors(of: type).first {
                for property in side.index.allProperties(of: base) { inherited[property.name] = property }
            }
            for property in side.index.allProperties(of: type) { effective[property.name] = property }
        }

        /// The type's own properties: declared and not inherited.
        func isOwn(_ name: String) -> Bool { declared[name] != nil && inherited[name] == nil }
    }

    mutating func compareBase(_ before: TypeDefinition, _ after: TypeDefinition, key: String, structName: String) {
        let oldBase = before.baseType?.lookupKey
        let newBase = after.baseType?.lookupKey
        guard oldBase != newBase else { return }
        let oldAncestors = old.index.ancestors(of: before).map { TypeReference.lookupKey(for: $0.name) }
        let newAncestors = new.index.ancestors(of: after).map { TypeReference.lookupKey(for: $0.name) }
        let was = PropertySets(before, in: old)
        let now = PropertySets(after, in: new)
        // The type's own properties are compared one by one; here only what comes with the base.
        let lost = was.effective.keys.filter { now.effective[$0] == nil && !was.isOwn($0) }.sorted()
        let gained = now.effective.keys.filter { was.effective[$0] == nil && !now.isOwn($0) }.sorted()
        let retyped = was.inherited.keys.filter { name in
            guard let property = now.inherited[name], was.declared[name] == nil, now.declared[name] == nil else { return false }
            return old.swiftType(was.inherited[name]!.type) != new.swiftType(property.type)
        }.sorted()
        let leftWrappers = oldAncestors.filter { !newAncestors.contains($0) }.compactMap { old.names.polymorphicNames[$0]?.text }

        var effects: [String] = []
        let propertyNames = { (names: [String]) in list(names.map { code("\(structName).\(SwiftNaming.memberName($0).text)") }) }
        if !lost.isEmpty { effects.append("it no longer inherits \(propertyNames(lost)), so code that uses \(lost.count == 1 ? "it" : "them") no longer compiles") }
        if !retyped.isEmpty { effects.append("inherited \(propertyNames(retyped)) change\(retyped.count == 1 ? "s" : "") Swift type") }
        if !leftWrappers.isEmpty { effects.append("a value of it no longer decodes as a case of \(list(leftWrappers.map(code)))") }
        if !gained.isEmpty { effects.append("it gains \(propertyNames(gained))") }
        let breaking = !lost.isEmpty || !retyped.isEmpty || !leftWrappers.isEmpty
        let baseName = { (reference: TypeReference?) in reference.map { code($0.name) } ?? "no base type" }
        var reason = "\(code(structName)) derives from \(baseName(after.baseType)), was \(baseName(before.baseType))"
        reason += effects.isEmpty ? "; it keeps every property it had" : ": " + effects.joined(separator: "; ")
        if !breaking { reason += "; existing code is unaffected" }
        add(.baseTypeChanged, breaking ? .breaking : .additive, subject: after.name, old: before.baseType?.name ?? "none", new: after.baseType?.name ?? "none",
            at: before.location, after.location, because: reason)
    }

    mutating func comparePolymorphism(_ before: TypeDefinition, _ after: TypeDefinition, key: String) {
        let oldWrapper = old.names.polymorphicNames[key]?.text
        let newWrapper = new.names.polymorphicNames[key]?.text
        let oldName = old.structName(key, fallback: before.name)
        let newName = new.structName(key, fallback: after.name)
        let used = old.usedKeys.contains(key) || new.usedKeys.contains(key)
        switch (oldWrapper, newWrapper) {
        case (nil, let wrapper?):
            let derived = new.index.descendants(of: after).map { code($0.name) }
            if used {
                add(.typeBecamePolymorphic, .breaking, subject: after.name, old: oldName, new: wrapper, at: before.location, after.location,
                    because: "types now derive from it (\(list(derived))): properties, bodies and results of type \(code(oldName)) become \(code(wrapper)), an enum of its derived types; code that uses them as \(code(oldName)) no longer compiles")
            } else {
                add(.typeBecamePolymorphic, .additive, subject: after.name, old: oldName, new: wrapper, at: before.location, after.location,
                    because: "types now derive from it (\(list(derived))): a new enum \(code(wrapper)); nothing uses the type, so existing code is unaffected")
            }
        case (let wrapper?, nil):
            add(.typeNoLongerPolymorphic, .breaking, subject: after.name, old: wrapper, new: newName, at: before.location, after.location,
                because: "no type derives from it any more: the enum \(code(wrapper)) is gone\(used ? " and what had that type is \(code(newName)) now" : ""); code that names \(code(wrapper)) no longer compiles")
        default:
            break
        }
    }

    // MARK: Properties

    /// The type's own rows compared with the other side's. A row that only repeats an inherited property
    /// changes nothing in the struct (it stores inherited properties either way): adding or dropping it is
    /// wording, and a property gained or lost with a base type is reported on the base type (or as the base
    /// type change), not again on every type that repeats it.
    mutating func compareProperties(_ before: TypeDefinition, _ after: TypeDefinition, structName: String) {
        let was = PropertySets(before, in: old)
        let now = PropertySets(after, in: new)
        let oldSwiftNames = old.propertyNames(of: before)
        let newSwiftNames = new.propertyNames(of: after)
        let member = { (names: [String: String], wireName: String) in "\(structName).\(names[wireName] ?? SwiftNaming.memberName(wireName).text)" }

        var removed = was.declared.keys.filter { now.declared[$0] == nil }.sorted()
        var added = now.declared.keys.filter { was.declared[$0] == nil }.sorted()
        // Renamed in case only: one removed and one added property whose names differ only in case.
        let removedByCase = Dictionary(grouping: removed, by: { $0.lowercased() })
        let addedByCase = Dictionary(grouping: added, by: { $0.lowercased() })
        var renamed: [(old: String, new: String)] = []
        for (lowered, names) in removedByCase where names.count == 1 {
            if let candidates = addedByCase[lowered], candidates.count == 1, now.effective[names[0]] == nil, was.effective[candidates[0]] == nil {
                renamed.append((names[0], candidates[0]))
            }
        }
        renamed.sort { $0.old < $1.old }
        removed.removeAll { name in renamed.contains { $0.old == name } }
        added.removeAll { name in renamed.contains { $0.new == name } }

        for name in removed {
            let property = was.declared[name]!
            let swiftMember = member(oldSwiftNames, name)
            if let inherited = now.effective[name] {
                // Still stored, now inherited from a base type.
                let (oldType, newType) = (old.swiftType(property.type), new.swiftType(inherited.type))
                if oldType == newType {
                    wording[.properties, default: 0] += 1
                } else {
                    add(.propertyRemoved, .breaking, subject: "\(after.name).\(name)", old: property.type.displayName, new: inherited.type.displayName,
                        at: property.location, inherited.location,
                        because: "\(code(swiftMember)) is now inherited, as \(code(newType + "?")) instead of \(code(oldType + "?")): code that uses it as \(code(oldType)) no longer compiles")
                }
            } else if was.inherited[name] == nil {
                add(.propertyRemoved, .breaking, subject: "\(after.name).\(name)", old: property.type.displayName, at: property.location, after.location,
                    because: "\(code(swiftMember)) is gone: code that reads or sets it, or passes it to the initializer, no longer compiles; the member now decodes into \(code("additionalData"))")
            }
        }
        for name in added {
            let property = now.declared[name]!
            let swiftMember = member(newSwiftNames, name)
            let newType = new.swiftType(property.type)
            if let inherited = was.effective[name] {
                let oldType = old.swiftType(inherited.type)
                if oldType == newType {
                    wording[.properties, default: 0] += 1
                } else {
                    add(.propertyAdded, .breaking, subject: "\(after.name).\(name)", old: inherited.type.displayName, new: property.type.displayName,
                        at: inherited.location, property.location,
                        because: "\(code(swiftMember)) was inherited as \(code(oldType + "?")) and is now declared as \(code(newType + "?")): code that uses it as \(code(oldType)) no longer compiles")
                }
            } else if now.inherited[name] == nil {
                add(.propertyAdded, .additive, subject: "\(after.name).\(name)", new: property.type.displayName, at: before.location, property.location,
                    because: "a new optional property \(code(swiftMember)) of type \(code(newType + "?")) (its initializer parameter defaults to nil): existing code is unaffected")
            }
        }
        for pair in renamed {
            let (oldProperty, newProperty) = (was.declared[pair.old]!, now.declared[pair.new]!)
            let (oldMember, newMember) = (member(oldSwiftNames, pair.old), member(newSwiftNames, pair.new))
            let reason = oldMember != newMember
                ? "\(code(oldMember)) is now \(code(newMember)): code that uses the old name no longer compiles, and JSON that spells the member \(code(pair.old)) decodes into \(code("additionalData"))"
                : "the Swift name stays \(code(newMember)), but the wire name is now \(code(pair.new)): JSON that spells it \(code(pair.old)) no longer decodes into it (it goes to \(code("additionalData")))"
            add(.propertyRenamedCase, .breaking, subject: "\(after.name).\(pair.new)", old: pair.old, new: pair.new, at: oldProperty.location, newProperty.location, because: reason)
            compareProperty(oldProperty, newProperty, subject: "\(after.name).\(pair.new)", swiftMember: newMember)
        }
        for name in was.declared.keys.filter({ now.declared[$0] != nil }).sorted() {
            compareProperty(was.declared[name]!, now.declared[name]!, subject: "\(after.name).\(name)", swiftMember: member(newSwiftNames, name))
        }
    }

    mutating func compareProperty(_ before: PropertyDefinition, _ after: PropertyDefinition, subject: String, swiftMember: String) {
        countWording(.properties, before.description, after.description)
        let was = old.swiftType(before.type)
        let now = new.swiftType(after.type)
        if !Self.sameElement(before.type, after.type) {
            if was != now {
                add(.propertyTypeChanged, .breaking, subject: subject, old: before.type.displayName, new: after.type.displayName, at: before.location, after.location,
                    because: "\(code(swiftMember)) is now \(code(now + "?")), not \(code(was + "?")): code that uses it as \(code(was)) no longer compiles")
            } else {
                add(.propertyTypeChanged, .informational, subject: subject, old: before.type.displayName, new: after.type.displayName, at: before.location, after.location,
                    because: "both are \(code(now)) in Swift: code compiles and decodes as before")
            }
        } else if before.type.isCollection != after.type.isCollection {
            add(.propertyCollectionChanged, .breaking, subject: subject, old: before.type.displayName, new: after.type.displayName, at: before.location, after.location,
                because: after.type.isCollection
                    ? "\(code(swiftMember)) is now an array, \(code(now + "?")): code that uses a single \(code(was)) no longer compiles, and a single value no longer decodes"
                    : "\(code(swiftMember)) is now a single \(code(now + "?")), not an array: code that uses \(code(was)) no longer compiles, and an array no longer decodes")
        }
    }

    // MARK: Enums

    mutating func compareEnums() {
        let oldEnums = old.index.enums
        let newEnums = new.index.enums
        for key in Set(oldEnums.keys).union(newEnums.keys).sorted() {
            switch (oldEnums[key], newEnums[key]) {
            case (let enumeration?, nil):
                let name = old.enumName(key, fallback: enumeration.name)
                var reason = "the enum \(code(name)) is gone: code that names it no longer compiles"
                if new.usedKeys.contains(key), new.index.types[key] == nil { reason += "; what still uses it is untyped \(code("JSONValue")) now" }
                add(.enumRemoved, .breaking, subject: enumeration.name, at: enumeration.location, nil, because: reason)
            case (nil, let enumeration?):
                let name = new.enumName(key, fallback: enumeration.name)
                if old.usedKeys.contains(key), old.index.types[key] == nil {
                    add(.enumAdded, .breaking, subject: enumeration.name, at: nil, enumeration.location,
                        because: "\(code(enumeration.name)) had no definition, so what uses it was untyped \(code("JSONValue")); it is the enum \(code(name)) now: code that uses those values as \(code("JSONValue")) no longer compiles")
                } else {
                    add(.enumAdded, .additive, subject: enumeration.name, at: nil, enumeration.location, because: "a new enum \(code(name)): existing code is unaffected")
                }
            case (let before?, let after?):
                compareEnum(before, after, key: key)
            case (nil, nil):
                continue
            }
        }
    }

    mutating func compareEnum(_ before: EnumDefinition, _ after: EnumDefinition, key: String) {
        let oldName = old.enumName(key, fallback: before.name)
        let newName = new.enumName(key, fallback: after.name)
        if before.name != after.name {
            add(.enumRenamedCase, oldName == newName ? .informational : .breaking, subject: after.name, old: before.name, new: after.name,
                at: before.location, after.location,
                because: oldName == newName
                    ? "the enum keeps its Swift name \(code(newName)): existing code is unaffected"
                    : "the enum \(code(oldName)) is now \(code(newName)): code that names it no longer compiles")
        }
        countWording(.enums, before.description, after.description)
        let oldMembers = Dictionary(zip(before.members, SwiftModuleNames.caseNames(of: before)).map { ($0.0.name, ($0.0, $0.1.text)) }, uniquingKeysWith: { first, _ in first })
        let newMembers = Dictionary(zip(after.members, SwiftModuleNames.caseNames(of: after)).map { ($0.0.name, ($0.0, $0.1.text)) }, uniquingKeysWith: { first, _ in first })
        for name in oldMembers.keys.filter({ newMembers[$0] == nil }).sorted() {
            let (member, caseName) = oldMembers[name]!
            add(.enumMemberRemoved, .breaking, subject: "\(after.name).\(name)", old: name, at: member.location, after.location,
                because: "the case \(code("\(oldName).\(caseName)")) is gone: code that uses it no longer compiles, and the value \(code(name)) now decodes as \(code(".unrecognized(\"\(name)\")"))")
        }
        for name in newMembers.keys.filter({ oldMembers[$0] == nil }).sorted() {
            let (member, caseName) = newMembers[name]!
            add(.enumMemberAdded, .breaking, subject: "\(after.name).\(name)", new: name, at: before.location, member.location,
                because: "a new case \(code("\(newName).\(caseName)")): a \(code("switch")) over \(code(newName)) without \(code("default")) no longer compiles, and the value \(code(name)) decodes as the new case instead of \(code(".unrecognized(\"\(name)\")"))")
        }
        for name in oldMembers.keys.filter({ newMembers[$0] != nil }).sorted() {
            let (was, now) = (oldMembers[name]!.0, newMembers[name]!.0)
            countWording(.enums, was.description, now.description)
            countWording(.enums, was.value, now.value)
        }
    }
}
