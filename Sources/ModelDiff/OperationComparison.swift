import DocgenModel
import SwiftEmitter

extension VersionComparison {
    /// `POST /deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments`
    static func subject(_ operation: Operation) -> String { "\(operation.method) \(operation.path)" }

    mutating func compareOperations() {
        let oldByID = Dictionary(old.version.operations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newByID = Dictionary(new.version.operations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var pairs: [(old: Operation, new: Operation)] = oldByID.keys.filter { newByID[$0] != nil }.sorted().map { (oldByID[$0]!, newByID[$0]!) }
        let byLocation = { (lhs: Operation, rhs: Operation) in (lhs.location, lhs.id) < (rhs.location, rhs.id) }
        var leftOld = oldByID.values.filter { newByID[$0.id] == nil }.sorted(by: byLocation)
        var leftNew = newByID.values.filter { oldByID[$0.id] == nil }.sorted(by: byLocation)

        // The same operation documented with another method or path: first on the same page, then under the
        // same title.
        let (oldPage, newPage) = (old, new)
        let oldPerPage = Dictionary(grouping: old.version.operations, by: { oldPage.pageKey($0.location) }).mapValues(\.count)
        let newPerPage = Dictionary(grouping: new.version.operations, by: { newPage.pageKey($0.location) }).mapValues(\.count)
        pairs += VersionComparison.pair(&leftOld, &leftNew, whole: { oldPerPage[$0] == 1 && newPerPage[$0] == 1 },
                                        by: { oldPage.pageKey($0.location) }, { newPage.pageKey($0.location) })
        // A title is evidence only when a single request line on each side carries it (a page of several
        // request lines that moved keeps its aliases apart).
        let titleKey = { (operation: Operation) in operation.title.map { $0.trimmed.lowercased() } ?? "" }
        let uniqueOldTitles = Set(Dictionary(grouping: old.version.operations, by: titleKey).filter { $0.value.count == 1 }.keys)
        let uniqueNewTitles = Set(Dictionary(grouping: new.version.operations, by: titleKey).filter { $0.value.count == 1 }.keys)
        let uniqueTitles = uniqueOldTitles.intersection(uniqueNewTitles).subtracting([""])
        pairs += VersionComparison.pair(&leftOld, &leftNew, whole: nil,
                                        by: { uniqueTitles.contains(titleKey($0)) ? titleKey($0) : nil },
                                        { uniqueTitles.contains(titleKey($0)) ? titleKey($0) : nil })

        for operation in leftOld {
            add(.operationRemoved, .breaking, subject: Self.subject(operation), at: operation.location, nil,
                because: "the function \(code(old.call(operation))) is gone: code that calls it no longer compiles")
        }
        for operation in leftNew {
            add(.operationAdded, .additive, subject: Self.subject(operation), at: nil, operation.location,
                because: "a new function \(code(new.call(operation))): existing code is unaffected")
        }
        for pair in pairs { compareOperation(pair.old, pair.new) }
    }

    /// Pairs operations of the two sides that share a key (page or title) where the pairing is unambiguous:
    /// the same path shape (the method changed); else the only operation with that method on each side (the
    /// path changed); else, with `whole`, the only operation of the key on each side when the key had only
    /// that one on both sides (both changed). A page that lists several request lines and drops one while
    /// gaining another keeps them apart: that is an alias removed and one added. Paired operations leave
    /// the lists.
    static func pair(
        _ olds: inout [Operation], _ news: inout [Operation], whole: ((String) -> Bool)?,
        by oldKey: (Operation) -> String?, _ newKey: (Operation) -> String?
    ) -> [(old: Operation, new: Operation)] {
        var oldGroups: [String: [Operation]] = [:]
        for operation in olds { if let key = oldKey(operation) { oldGroups[key, default: []].append(operation) } }
        var newGroups: [String: [Operation]] = [:]
        for operation in news { if let key = newKey(operation) { newGroups[key, default: []].append(operation) } }

        var pairs: [(old: Operation, new: Operation)] = []
        for key in oldGroups.keys.filter({ newGroups[$0] != nil }).sorted() {
            var groupOld = oldGroups[key]!
            var groupNew = newGroups[key]!
            func take(_ oldOne: Operation, _ newOne: Operation) {
                pairs.append((oldOne, newOne))
                groupOld.removeAll { $0.id == oldOne.id }
                groupNew.removeAll { $0.id == newOne.id }
            }
            for candidate in groupOld {
                if let match = groupNew.first(where: { $0.path.shape == candidate.path.shape }) { take(candidate, match) }
            }
            for candidate in groupOld {
                let sameNew = groupNew.filter { $0.method == candidate.method }
                if sameNew.count == 1, groupOld.filter({ $0.method == candidate.method }).count == 1 { take(candidate, sameNew[0]) }
            }
            if let whole, whole(key), groupOld.count == 1, groupNew.count == 1 {
                take(groupOld[0], groupNew[0])
            }
        }
        let pairedOld = Set(pairs.map(\.old.id))
        let pairedNew = Set(pairs.map(\.new.id))
        olds.removeAll { pairedOld.contains($0.id) }
        news.removeAll { pairedNew.contains($0.id) }
        return pairs
    }

    mutating func compareOperation(_ before: Operation, _ after: Operation) {
        let subject = Self.subject(after)
        let (oldAt, newAt) = (before.location, after.location)
        if before.method != after.method {
            add(.operationMethodChanged, .breaking, subject: subject, old: before.method, new: after.method, at: oldAt, newAt,
                because: "the function \(code(old.call(before))) is now \(code(new.call(after))): code that calls the old one no longer compiles")
        }
        if before.path.shape != after.path.shape {
            add(.operationPathChanged, .breaking, subject: subject, old: before.path.description, new: after.path.description, at: oldAt, newAt,
                because: "the request builders lead elsewhere: \(code(old.call(before))) is now \(code(new.call(after))); code that calls the old one no longer compiles")
        } else if before.path.parameterNames != after.path.parameterNames {
            add(.operationPathParameterRenamed, .informational, subject: subject,
                old: before.path.parameterNames.joined(separator: ", "), new: after.path.parameterNames.joined(separator: ", "), at: oldAt, newAt,
                because: "the item subscripts take their value without a label: calls compile unchanged; only the documentation names the parameter differently")
        }
        comparePermissions(before, after, subject: subject)
        compareHeaders(before, after, subject: subject)
        compareBodies(before, after, subject: subject)
        countWording(.operations, before.title, after.title)
        countWording(.operations, before.description, after.description)
        if before.responseStatus != after.responseStatus, old.names.responseType(of: before).map(SwiftSpelling.spell) == new.names.responseType(of: after).map(SwiftSpelling.spell) {
            wording[.operations, default: 0] += 1
        }
    }

    // MARK: Permissions

    /// What a page grants for one kind of permission: the scopes (as a set: order is presentation), or that
    /// the kind is not supported or not decided.
    struct PermissionGrant: Equatable {
        var scopes: [String]
        var notSupported: Bool
        var text: String
        var location: SourceLocation

        init?(_ permissions: [Permission], kind: PermissionKind) {
            let rows = permissions.filter { $0.kind == kind }
            guard let first = rows.first else { return nil }
            var scopes: [String] = []
            for scope in rows.flatMap(\.scopes) where !scopes.contains(scope) { scopes.append(scope) }
            self.scopes = scopes
            self.notSupported = scopes.isEmpty && rows.contains { $0.status == .notSupported }
            self.text = rows.map(\.text).joined(separator: " ")
            self.location = first.location
        }

        var value: String { scopes.isEmpty ? (notSupported ? "not supported" : "not yet determined") : scopes.joined(separator: ", ") }

        func grantsSame(as other: PermissionGrant) -> Bool {
            Set(scopes) == Set(other.scopes) && notSupported == other.notSupported
        }
    }

    static func kindName(_ kind: PermissionKind) -> String {
        switch kind {
        case .delegatedWorkOrSchool: "Delegated (work or school account)"
        case .delegatedPersonal: "Delegated (personal Microsoft account)"
        case .application: "Application"
        }
    }

    mutating func comparePermissions(_ before: Operation, _ after: Operation, subject: String) {
        let unchangedCode = "the generated Swift is the same (only the function's documentation changes)"
        for kind in PermissionKind.allCases {
            let kindName = Self.kindName(kind)
            switch (PermissionGrant(before.permissions, kind: kind), PermissionGrant(after.permissions, kind: kind)) {
            case (nil, nil):
                continue
            case (nil, let grant?):
                add(.permissionAdded, .informational, subject: subject, new: "\(kindName): \(grant.value)", at: before.location, grant.location,
                    because: "the page now documents \(kindName) permissions; \(unchangedCode)")
            case (let grant?, nil):
                add(.permissionRemoved, .informational, subject: subject, old: "\(kindName): \(grant.value)", at: grant.location, after.location,
                    because: "the page no longer documents \(kindName) permissions; \(unchangedCode)")
            case (let was?, let now?):
                if was.grantsSame(as: now) {
                    countWording(.permissions, was.text, now.text)
                    continue
                }
                var effect: String
                let removed = was.scopes.filter { !now.scopes.contains($0) }
                let added = now.scopes.filter { !was.scopes.contains($0) }
                if now.notSupported {
                    effect = "\(kindName) callers are no longer supported"
                } else if !removed.isEmpty || !added.isEmpty {
                    var parts: [String] = []
                    if !added.isEmpty { parts.append("now also \(list(added.map(code)))") }
                    if !removed.isEmpty { parts.append("no longer \(list(removed.map(code)))") }
                    effect = parts.joined(separator: "; ")
                } else {
                    effect = "was \(was.value), now \(now.value)"
                }
                add(.permissionChanged, .informational, subject: subject, old: "\(kindName): \(was.value)", new: "\(kindName): \(now.value)",
                    at: was.location, now.location, because: "\(effect); \(unchangedCode), but an app that holds only the old scopes may be refused")
            }
        }
    }

    // MARK: Headers

    /// Headers GraphRuntime's `GraphClient` puts on requests itself (`prepare`): a page that starts requiring
    /// one of them asks nothing new of code written against the client.
    static func runtimeSends(_ header: String, hasBody: Bool) -> Bool {
        switch header.lowercased() {
        case "authorization", "accept": true
        // URLSession adds Content-Length to every request with a body.
        case "content-type", "content-length": hasBody
        default: false
        }
    }

    mutating func compareHeaders(_ before: Operation, _ after: Operation, subject: String) {
        let key = { (header: HeaderSpecification) in header.name.trimmed.lowercased() }
        let oldHeaders = Dictionary(before.requestHeaders.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let newHeaders = Dictionary(after.requestHeaders.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        for name in Set(oldHeaders.keys).union(newHeaders.keys).sorted() {
            let was = oldHeaders[name]
            let now = newHeaders[name]
            switch (was?.isRequired == true, now?.isRequired == true) {
            case (false, true):
                let header = now!
                if Self.runtimeSends(header.name, hasBody: after.requestBody != nil) {
                    add(.requiredHeaderAdded, .informational, subject: subject, new: header.name, at: was?.location ?? before.location, header.location,
                        because: "GraphRuntime sends \(code(header.name)) on this request already: existing code is unaffected")
                } else {
                    add(.requiredHeaderAdded, .breaking, subject: subject, new: header.name, at: was?.location ?? before.location, header.location,
                        because: "\(code(new.call(after))) does not send \(code(header.name)): requests made with it no longer carry what the docs require and may be refused")
                }
            case (true, false):
                let header = was!
                add(.requiredHeaderRemoved, .informational, subject: subject, old: header.name, at: header.location, now?.location ?? after.location,
                    because: "a header the docs required is no longer required; the generated Swift is the same")
            default:
                if let was, let now {
                    countWording(.headers, was.value, now.value)
                } else {
                    wording[.headers, default: 0] += 1
                }
            }
        }
    }

    // MARK: Bodies

    /// Whether two references name the same documented type, collection-ness included.
    static func sameType(_ lhs: TypeReference?, _ rhs: TypeReference?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): true
        case (let lhs?, let rhs?): sameElement(lhs, rhs) && lhs.isCollection == rhs.isCollection
        default: false
        }
    }

    /// Whether two references name the same documented type, collection-ness aside.
    static func sameElement(_ lhs: TypeReference, _ rhs: TypeReference) -> Bool {
        if lhs.primitive != nil || rhs.primitive != nil { return lhs.primitive == rhs.primitive }
        return lhs.lookupKey == rhs.lookupKey
    }

    mutating func compareBodies(_ before: Operation, _ after: Operation, subject: String) {
        let oldBodyType = old.names.requestBodyType(of: before).map(SwiftSpelling.spell)
        let newBodyType = new.names.requestBodyType(of: after).map(SwiftSpelling.spell)
        if !Self.sameType(before.requestBody, after.requestBody) {
            let impact: Impact
            let reason: String
            switch (oldBodyType, newBodyType) {
            case (nil, let type?):
                impact = .breaking
                reason = "\(code(new.call(after))) now takes a body of type \(code(type)): calls without one no longer compile"
            case (let type?, nil):
                impact = .breaking
                reason = "\(code(new.call(after))) no longer takes a body (it took \(code(type))): calls that pass one no longer compile"
            case (let was?, let now?) where was != now:
                impact = .breaking
                reason = "the body parameter of \(code(new.call(after))) is now \(code(now)), not \(code(was)): calls that pass the old type no longer compile"
            default:
                impact = .informational
                reason = "the body keeps its Swift type \(code(newBodyType ?? "none")): calls compile unchanged"
            }
            add(.requestBodyTypeChanged, impact, subject: subject, old: before.requestBody?.displayName ?? "none", new: after.requestBody?.displayName ?? "none",
                at: before.location, after.location, because: reason)
        }

        let oldResult = old.names.responseType(of: before).map(SwiftSpelling.spell)
        let newResult = new.names.responseType(of: after).map(SwiftSpelling.spell)
        let documentedChange = !Self.sameType(before.responseBody, after.responseBody)
        // With the same documented body, the result can still change when there is none and the status code
        // decides between no result and untyped JSON. A body type that became polymorphic is reported on the type.
        let statusChange = before.responseBody == nil && after.responseBody == nil && oldResult != newResult
        guard documentedChange || statusChange else { return }
        let describe = { (operation: Operation) in
            operation.responseBody?.displayName ?? ("none" + (operation.responseStatus.map { " (HTTP \($0))" } ?? ""))
        }
        let impact: Impact
        let reason: String
        switch (oldResult, newResult) {
        case (nil, let type?):
            impact = .breaking
            reason = "\(code(new.call(after))) now decodes the response as \(code(type)) and returns it, where it returned nothing: a response that does not decode as \(code(type)) now throws"
        case (let type?, nil):
            impact = .breaking
            reason = "\(code(new.call(after))) no longer returns a value (was \(code(type))): code that uses the result no longer compiles"
        case (let was?, let now?) where was != now:
            impact = .breaking
            reason = "\(code(new.call(after))) now returns \(code(now)), not \(code(was)): code that uses the result as \(code(was)) no longer compiles"
        default:
            impact = .informational
            reason = "the result keeps its Swift type \(code(newResult ?? "none")): code compiles and decodes as before"
        }
        add(.responseBodyTypeChanged, impact, subject: subject, old: describe(before), new: describe(after), at: before.location, after.location, because: reason)
    }
}
