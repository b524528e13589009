import Foundation
import Testing
import GraphRuntime

@Suite struct DateTimeTests {
    @Test func dateTimeOffsetRoundTripsSevenDigitFractionAndOffsetByteForByte() throws {
        let json = #"["2016-12-31T23:59:59.9999999-08:00"]"#
        let values = try JSONDecoder().decode([GraphDateTimeOffset].self, from: bytes(json))
        #expect(values == ["2016-12-31T23:59:59.9999999-08:00"])
        #expect(text(try JSONEncoder().encode(values)) == json)
    }

    @Test func dateTimeOffsetDateAppliesOffsetAndFraction() throws {
        let value = GraphDateTimeOffset(rawValue: "2016-12-31T23:59:59.9999999-08:00")
        // 2017-01-01T07:59:59.9999999Z
        let date = try #require(value.date)
        #expect(abs(date.timeIntervalSince1970 - 1_483_257_599.9999999) < 1e-6)
    }

    @Test(arguments: [
        ("2024-02-29T12:00:00Z", 1_709_208_000.0),
        ("2024-02-29T12:00:00.5Z", 1_709_208_000.5),
        ("2024-02-29T12:00:00.123+02:00", 1_709_200_800.123),
        ("2024-02-29T12:00:00-0530", 1_709_227_800.0),
        ("2024-02-29T12:00:00", 1_709_208_000.0),
        ("2024-02-29T12:00Z", 1_709_208_000.0),
        ("1969-12-31T23:59:59.25Z", -0.75),
        ("0001-01-01T00:00:00Z", -62_135_596_800.0),
    ])
    func dateTimeOffsetParsesISO8601Variants(raw: String, unixSeconds: Double) throws {
        let date = try #require(GraphDateTimeOffset(rawValue: raw).date)
        #expect(abs(date.timeIntervalSince1970 - unixSeconds) < 1e-6)
    }

    @Test(arguments: [
        "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:60:00Z",
        "2024-01-01T00:00:00.Z", "2024-01-01", "2024-01-01T00:00:00Zjunk", "not a date", "",
    ])
    func dateTimeOffsetDateIsNilForMalformedText(raw: String) {
        #expect(GraphDateTimeOffset(rawValue: raw).date == nil)
    }

    @Test func dateTimeOffsetFromDateFormatsUTCWithFractionAndParsesBack() throws {
        let value = GraphDateTimeOffset(Date(timeIntervalSince1970: 1_709_208_000.25))
        #expect(value.rawValue == "2024-02-29T12:00:00.250Z")
        #expect(value.date == Date(timeIntervalSince1970: 1_709_208_000.25))
        #expect(GraphDateTimeOffset(Date(timeIntervalSince1970: -0.5)).rawValue == "1969-12-31T23:59:59.500Z")
    }

    @Test func graphDateParsesAndFormatsUTCDays() throws {
        #expect(GraphDate(rawValue: "2024-02-29").date == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(GraphDate(rawValue: "2023-02-29").date == nil)
        #expect(GraphDate(rawValue: "2024-02-29T00:00:00Z").date == nil)
        #expect(GraphDate(Date(timeIntervalSince1970: 1_709_251_199)).rawValue == "2024-02-29")
    }

    @Test func timeOfDayDurationAndDateKeepTheirBytes() throws {
        let json = #"{"date":"2024-02-29","duration":"PT1H30M","time":"08:30:00.0000000"}"#
        struct Holder: Codable, Equatable {
            var date: GraphDate
            var duration: GraphDuration
            var time: GraphTimeOfDay
        }
        let holder = try JSONDecoder().decode(Holder.self, from: bytes(json))
        #expect(holder == Holder(date: "2024-02-29", duration: "PT1H30M", time: "08:30:00.0000000"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(text(try encoder.encode(holder)) == json)
        #expect(holder.duration.description == "PT1H30M")
        #expect(holder.time.description == "08:30:00.0000000")
    }

    @Test func wrappersRejectNonStringJSON() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([GraphDateTimeOffset].self, from: bytes("[5]")) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([GraphDuration].self, from: bytes("[true]")) }
    }
}
