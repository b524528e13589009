import Foundation

/// A Graph value carried as JSON text and kept exactly as written (date, time and duration values): it
/// decodes from and encodes to a single JSON string, byte for byte.
public protocol GraphTextValue: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible where RawValue == String {
    init(rawValue: String)
}

extension GraphTextValue {
    /// Wraps the literal unchanged.
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    /// Decodes a single JSON string.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes `rawValue` as a single JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// `rawValue`.
    public var description: String { rawValue }
}

/// An `Edm.DateTimeOffset` value kept exactly as Graph wrote it (e.g. "2016-12-31T23:59:59.9999999-08:00"),
/// so decode -> encode reproduces it byte for byte. `date` parses it on demand.
public struct GraphDateTimeOffset: GraphTextValue {
    /// The value exactly as written on the wire.
    public var rawValue: String

    /// Wraps `rawValue` unchanged (no validation).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Formats `date` as ISO 8601 in UTC with millisecond fractional seconds ("2024-05-01T12:00:00.000Z").
    public init(_ date: Date) { self.init(rawValue: ISO8601Text.formatDateTime(date)) }

    /// The instant, or nil when `rawValue` is not ISO 8601 `yyyy-MM-ddTHH:mm[:ss[.f…]][Z|±HH:mm]`
    /// (any number of fractional digits; no zone means UTC).
    public var date: Date? { ISO8601Text.parseDateTime(rawValue) }
}

/// An `Edm.Date` value ("yyyy-MM-dd") kept exactly as written.
public struct GraphDate: GraphTextValue {
    /// The value exactly as written on the wire.
    public var rawValue: String

    /// Wraps `rawValue` unchanged (no validation).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The UTC calendar day of `date`, as "yyyy-MM-dd".
    public init(_ date: Date) { self.init(rawValue: ISO8601Text.formatDate(date)) }

    /// Midnight UTC of the day, or nil when `rawValue` is not "yyyy-MM-dd".
    public var date: Date? { ISO8601Text.parseDate(rawValue) }
}

/// An `Edm.TimeOfDay` value ("HH:mm:ss[.fffffff]") kept exactly as written.
public struct GraphTimeOfDay: GraphTextValue {
    /// The value exactly as written on the wire.
    public var rawValue: String

    /// Wraps `rawValue` unchanged (no validation).
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// An `Edm.Duration` value (ISO 8601 duration such as "PT1H30M") kept exactly as written.
public struct GraphDuration: GraphTextValue {
    /// The value exactly as written on the wire.
    public var rawValue: String

    /// Wraps `rawValue` unchanged (no validation).
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// Hand-written ISO 8601 parsing and formatting (proleptic Gregorian, UTC arithmetic, no Calendar or locale),
/// because ISO8601DateFormatter does not accept 7 fractional digits everywhere.
enum ISO8601Text {
    /// Seconds between 1970-01-01 and 2001-01-01 (Date's reference date).
    private static let unixToReference: Int64 = 978_307_200

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ text: String) { bytes = Array(text.utf8) }

        var atEnd: Bool { index == bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[index] }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        /// Exactly `count` ASCII digits.
        mutating func digits(_ count: Int) -> Int64? {
            guard bytes.count - index >= count else { return nil }
            var value: Int64 = 0
            for _ in 0..<count {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
                index += 1
            }
            return value
        }
    }

    static func isLeapYear(_ year: Int64) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(_ year: Int64, _ month: Int64) -> Int64 {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (civil_from_days).
    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// "yyyy-MM-dd" -> days since 1970-01-01.
    private static func scanDate(_ scanner: inout Scanner) -> Int64? {
        guard let year = scanner.digits(4), scanner.take(UInt8(ascii: "-")),
              let month = scanner.digits(2), scanner.take(UInt8(ascii: "-")),
              let day = scanner.digits(2),
              (1...12).contains(month), (1...daysInMonth(year, month)).contains(day)
        else { return nil }
        return daysFromCivil(year: year, month: month, day: day)
    }

    static func parseDate(_ text: String) -> Date? {
        var scanner = Scanner(text)
        guard let days = scanDate(&scanner), scanner.atEnd else { return nil }
        return Date(timeIntervalSinceReferenceDate: Double(days * 86_400 - unixToReference))
    }

    static func parseDateTime(_ text: String) -> Date? {
        var scanner = Scanner(text)
        guard let days = scanDate(&scanner),
              scanner.take(UInt8(ascii: "T")) || scanner.take(UInt8(ascii: "t")),
              let hour = scanner.digits(2), scanner.take(UInt8(ascii: ":")),
              let minute = scanner.digits(2),
              hour < 24, minute < 60
        else { return nil }
        var second: Int64 = 0
        var fraction = 0.0
        if scanner.take(UInt8(ascii: ":")) {
            guard let value = scanner.digits(2), value < 60 else { return nil }
            second = value
            if scanner.take(UInt8(ascii: ".")) || scanner.take(UInt8(ascii: ",")) {
                var numerator: Int64 = 0
                var denominator: Int64 = 1
                var digitCount = 0
                while let byte = scanner.peek, byte >= 0x30, byte <= 0x39 {
                    if digitCount < 15 {  // beyond this Date cannot hold the precision anyway
                        numerator = numerator * 10 + Int64(byte - 0x30)
                        denominator *= 10
                    }
                    digitCount += 1
                    scanner.index += 1
                }
                guard digitCount > 0 else { return nil }
                fraction = Double(numerator) / Double(denominator)
            }
        }
        var offsetSeconds: Int64 = 0
        if scanner.take(UInt8(ascii: "Z")) || scanner.take(UInt8(ascii: "z")) {
            offsetSeconds = 0
        } else if let sign = scanner.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            scanner.index += 1
            guard let offsetHours = scanner.digits(2), offsetHours < 24 else { return nil }
            var offsetMinutes: Int64 = 0
            if !scanner.atEnd {
                _ = scanner.take(UInt8(ascii: ":"))
                guard let value = scanner.digits(2), value < 60 else { return nil }
                offsetMinutes = value
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        }
        guard scanner.atEnd else { return nil }
        let unixSeconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSinceReferenceDate: Double(unixSeconds - unixToReference) + fraction)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }

    /// Whole seconds and milliseconds since 1970, rounded to the nearest millisecond.
    private static func unixMilliseconds(_ date: Date) -> Int64 {
        let milliseconds = (date.timeIntervalSinceReferenceDate * 1000).rounded()
        let clamped = min(max(milliseconds, -9.0e15), 9.0e15)  // finite and far inside Int64
        return (clamped.isNaN ? 0 : Int64(clamped)) + unixToReference * 1000
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }

    static func formatDate(_ date: Date) -> String {
        let seconds = floorDivide(unixMilliseconds(date), 1000).quotient
        let civil = civilFromDays(floorDivide(seconds, 86_400).quotient)
        return "\(pad(civil.year, 4))-\(pad(civil.month, 2))-\(pad(civil.day, 2))"
    }

    static func formatDateTime(_ date: Date) -> String {
        let (seconds, milliseconds) = floorDivide(unixMilliseconds(date), 1000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let civil = civilFromDays(days)
        return "\(pad(civil.year, 4))-\(pad(civil.month, 2))-\(pad(civil.day, 2))"
            + "T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2))"
            + ".\(pad(milliseconds, 3))Z"
    }
}
