import DocgenModel
import ModelLinker
import PageParser
import TestSupport
import Testing

@Suite("The seed pages of docs-input/ end to end")
struct SeedTests {
    /// Every diagnostic of parsing and linking docs-input/, each checked by hand against the pages.
    static let expectedDiagnostics = [
        // 002: the permissions table says TODO.
        "api/002_03cef6e2216d3afc.md:19:37: warning: permissions are not decided yet: '**TODO: Determine scopes **' [permission-undetermined]",
        "api/002_03cef6e2216d3afc.md:21:14: warning: permissions are not decided yet: '**TODO: Determine AppOnly scopes **' [permission-undetermined]",
        // 002: no folder version, and the example URL has 'docs\api' where the version belongs.
        "api/002_03cef6e2216d3afc.md:63:1: warning: API version unknown (found 'docs\\api' where the version belongs in the example URL); using the default 'v1.0' [api-version-defaulted]",
        // 002 documents .../assignments/$ref but its example posts to .../assignments, which 000 documents.
        "api/002_03cef6e2216d3afc.md:63:1: warning: example POST /deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments matches none of this page's request lines (POST /deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments/$ref); it matches POST /deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments documented at api/000_cda0472df703f221.md:21:1 [example-url-mismatch]",
        // 004: the permissions table says TODO.
        "api/004_718cc49a51975df0.md:21:37: warning: permissions are not decided yet: '**TODO: Determine scopes **' [permission-undetermined]",
        "api/004_718cc49a51975df0.md:23:14: warning: permissions are not decided yet: '**TODO: Determine AppOnly scopes **' [permission-undetermined]",
        // 004 defaults to v1.0, and only beta has a page for deviceManagementIntentAssignment.
        "api/004_718cc49a51975df0.md:40:1: warning: no page defines type 'deviceManagementIntentAssignment'; inferred from the request-body table of api/004_718cc49a51975df0.md [type-inferred]",
        // 004: the example URL has 'localtest' where the version belongs.
        "api/004_718cc49a51975df0.md:65:1: warning: API version unknown (found 'localtest' where the version belongs in the example URL); using the default 'v1.0' [api-version-defaulted]",
    ]

    @Test("the complete list of diagnostics of the seeds")
    func allDiagnostics() throws {
        let model = ModelLinker.link(try Seeds.pages())
        #expect(model.diagnostics.map(\.description) == Self.expectedDiagnostics)
        #expect(!model.hasErrors)
    }

    @Test("000, 002 and 004 are v1.0; 001 and 003 are beta; the wipe action page is v1.0")
    func versions() throws {
        let model = ModelLinker.link(try Seeds.pages())
        #expect(model.versions.map(\.name) == ["beta", "v1.0"])
        #expect(model.version("v1.0")?.operations.map(\.location.path) == [
            "api/000_cda0472df703f221.md", "api/002_03cef6e2216d3afc.md", "api/004_718cc49a51975df0.md",
            "api/manageddevice-wipe.md", "api/devicemanagement-verifywindowsenrollmentautodiscovery.md", "api/user-list.md",
            "api/user-list-count.md", "api/user-list-calendarview.md", "api/manageddevice-wipe.md", "api/profilephoto-get-value.md",
            "api/profilephoto-update.md",
        ])
        #expect(model.version("beta")?.operations.map(\.location.path) == [
            "api/001_c6791453e4f97556.md", "api/001_c6791453e4f97556.md", "api/003_e6f84260a2584554.md",
        ])
    }

    @Test("every example of docs-input is linked to an operation of its version, with the types of its bodies")
    func examplesLinked() throws {
        let model = ModelLinker.link(try Seeds.pages())
        let v1 = try #require(model.version("v1.0"))
        #expect(v1.examples.map(\.operationID) == [
            "POST /deviceManagement/deviceConfigurations/{}/assignments",
            "POST /deviceManagement/deviceConfigurations/{}/assignments",
            "POST /deviceManagement/intents/{}/assignments",
            "GET /deviceManagement/verifyWindowsEnrollmentAutoDiscovery(domainName='{domainName}')",
            "POST /deviceManagement/managedDevices/{}/wipe",
            "GET /users/{}/photo/$value", "PUT /users/{}/photo/$value", "GET /users/{}/calendarView", "GET /users/$count", "GET /users", "GET /users",
        ])
        let user = "7f3c1e2a-5b4d-4c6e-8f9a-0b1c2d3e4f5a"
        #expect(v1.examples.map(\.pathValues) == [["{deviceConfigurationId}"], ["{deviceConfigurationId}"], ["{deviceManagementIntentId}"], ["contoso.com"],
                                                   ["0f3e5a2c-7d41-4b8e-9c6a-2b1d8e4f7a90"], [user], [user], [user], [], [], []])
        #expect(v1.examples.map { $0.requestBodyType?.name } == ["deviceConfigurationAssignment", "deviceConfigurationAssignment", "deviceManagementIntentAssignment",
                                                                 nil, "managedDeviceWipeRequestBody", nil, nil, nil, nil, nil, nil])
        #expect(v1.examples.map { $0.responseBodyType?.name } == ["deviceConfigurationAssignment", "deviceConfigurationAssignment", "deviceManagementIntentAssignment",
                                                                  "Boolean", nil, nil, nil, "event", nil, "user", "user"])
        #expect(v1.examples.map { $0.responseIsWrappedValue ?? false } == [false, false, false, true, false, false, false, false, false, false, false])
        let beta = try #require(model.version("beta"))
        #expect(beta.examples.map(\.operationID) == [
            "POST /deviceManagement/compliancePolicies/{}/assignments",
            "POST /deviceManagement/deviceEnrollmentConfigurations/{}/assignments",
        ])
        #expect(beta.examples.map { $0.requestBodyType?.name } == ["deviceManagementConfigurationPolicyAssignment", "enrollmentConfigurationAssignment"])
    }

    @Test("v1.0 infers deviceManagementIntentAssignment from 004's table; beta takes it from its resource page")
    func intentAssignment() throws {
        let model = ModelLinker.link(try Seeds.pages())
        let v1 = try #require(model.version("v1.0")?.type("deviceManagementIntentAssignment"))
        #expect(v1.origin == .requestBodyTable)
        #expect(v1.propertySummary == ["id: String", "target: deviceAndAppManagementAssignmentTarget"])
        let beta = try #require(model.version("beta")?.type("deviceManagementIntentAssignment"))
        #expect(beta.origin == .typePage)
    }

    @Test("beta's policy assignment gains source and sourceId from 001's request-body table")
    func policyAssignmentMerged() throws {
        let model = ModelLinker.link(try Seeds.pages())
        let type = try #require(model.version("beta")?.type("deviceManagementConfigurationPolicyAssignment"))
        #expect(type.origin == .typePage)
        #expect(type.propertySummary == [
            "id: String", "target: deviceAndAppManagementAssignmentTarget",
            "source: deviceAndAppManagementAssignmentSource", "sourceId: String",
        ])
        #expect(type.property("source")?.location == loc("api/001_c6791453e4f97556.md", 54, 2))
        // The enum page beats the possible values the table lists.
        #expect(model.version("beta")?.enumeration("deviceAndAppManagementAssignmentSource")?.origin == .typePage)
    }

    @Test("the seeds' inheritance: every assignment target derives from deviceAndAppManagementAssignmentTarget")
    func targets() throws {
        let model = ModelLinker.link(try Seeds.pages())
        for name in ["beta", "v1.0"] {
            let version = try #require(model.version(name))
            let base = try #require(version.type("deviceAndAppManagementAssignmentTarget"))
            #expect(version.index.descendants(of: base).map(\.name) == [
                "allDevicesAssignmentTarget", "allLicensedUsersAssignmentTarget", "configurationManagerCollectionAssignmentTarget",
                "exclusionGroupAssignmentTarget", "groupAssignmentTarget",
            ])
        }
    }

    @Test("the seeds link to the same model in any order")
    func orderIndependent() throws {
        let pages = try Seeds.pages()
        let model = ModelLinker.link(pages)
        #expect(ModelLinker.link(pages.reversed()) == model)
        var generator = SeededGenerator(seed: 42)
        #expect(ModelLinker.link(pages.shuffled(using: &generator)) == model)
    }
}
