import CareModel
import Foundation
import Testing

@testable import Reports

/// A small centre worked through by hand: two clinicians, one room, ISO week 2026-W20
/// (Monday 11 May) with Ascension on Thursday 14 May closed, then 2026-W21.
///
/// - C-A works mon-fri 09:00-12:00,13:00-17:00 (7 h a day). W20: Mon, Tue, Wed, Fri = 28 h.
///   Booked: Mon 10:00-11:00 attended, Tue 14:00-15:30 booked, Wed 09:00-10:00 no-show (held
///   the time), Fri 10:00-11:00 cancelled (does not count) → 3.5 h / 28 h = 12.5 % → "13%".
///   W21: 35 h, one hour booked on Mon 18 May → 1/35 = 2.9 % → "3%".
/// - C-B works mon-wed 09:00-17:00 (8 h a day) = 24 h; absent Tue 13:00-18:00, of which 13:00-17:00
///   is working time → 20 h. Booked: Mon 13:00-14:00, and a group Wed 14:00-16:00 with two
///   members (two rows, 2 h once) → 3 h / 20 h = 15 %. W21: 0 / 24 h = 0 %.
/// - C-C is inactive with nothing booked: no row.
/// - R-1 holds every session. Opening = hours at least one clinician works: Mon-Wed 09:00-17:00
///   (8 h), Thu closed, Fri 09:00-12:00,13:00-17:00 (7 h) = 31 h. Booked 3.5 h + 3 h = 6.5 h →
///   390 / 1860 min = 21 %. W21: Mon-Wed 8 h + Thu, Fri 7 h = 38 h, 1 h booked → 3 %.
@Suite struct CapacityReportTests {
    static func day(_ text: String) -> LocalDate { LocalDate(parsing: text) ?? LocalDate(daysSinceEpoch: 0) }

    static func at(_ date: String, _ hour: Int, _ minute: Int = 0) -> Date {
        ClinicTimeZone.paris.instant(on: day(date), at: LocalTime(hour: hour, minute: minute) ?? .midnight) ?? Date()
    }

    static func session(
        _ patient: PatientCode, _ clinician: ClinicianID, _ date: String, _ from: (Int, Int), _ to: (Int, Int),
        _ status: AppointmentStatus, cohort: String? = nil
    ) -> Appointment {
        Appointment(
            id: AppointmentID("\(patient)-\(date)"), patient: patient, track: "T-IND", step: "therapy", occurrence: 1,
            start: at(date, from.0, from.1), end: at(date, to.0, to.1), clinicians: [clinician], room: "R-1",
            status: status, cohort: cohort)
    }

    static func hours(_ text: String) -> WeeklyHours { (try? WeeklyHours(parsing: text)) ?? WeeklyHours() }

    static let input = CapacityInput(
        clinicians: [
            Clinician(id: "C-B", name: "Bruno B", role: .psychologist, hours: hours("mon-wed 09:00-17:00")),
            Clinician(id: "C-A", name: "Anne A", role: .psychiatrist, hours: hours("mon-fri 09:00-12:00,13:00-17:00")),
            Clinician(id: "C-C", name: "Chloé C", role: .nurse, hours: hours("mon-fri 09:00-17:00"), active: false),
        ],
        rooms: [Room(id: "R-1", name: "Bureau 1", capacity: 8, features: [.individual, .group])],
        closedDays: [day("2026-05-14")],
        absences: [ClinicianAbsence(clinician: "C-B", start: at("2026-05-12", 13), end: at("2026-05-12", 18))],
        appointments: [
            session("P-0001", "C-A", "2026-05-11", (10, 0), (11, 0), .attended),
            session("P-0002", "C-A", "2026-05-12", (14, 0), (15, 30), .booked),
            session("P-0003", "C-A", "2026-05-13", (9, 0), (10, 0), .noShow),
            session("P-0004", "C-A", "2026-05-15", (10, 0), (11, 0), .cancelledByPatient),
            session("P-0005", "C-B", "2026-05-11", (13, 0), (14, 0), .attended),
            session("P-0006", "C-B", "2026-05-13", (14, 0), (16, 0), .booked, cohort: "G1"),
            session("P-0007", "C-B", "2026-05-13", (14, 0), (16, 0), .booked, cohort: "G1"),
            session("P-0008", "C-A", "2026-05-18", (10, 0), (11, 0), .booked),
        ],
        waiting: [
            WaitingEntry(
                patient: "P-0010", track: "T-IND", referred: day("2026-04-20"), deadline: day("2026-05-11"),
                awaitingGroup: false),
            WaitingEntry(
                patient: "P-0011", track: "T-GRP", referred: day("2026-04-27"), deadline: nil, awaitingGroup: true),
            WaitingEntry(
                patient: "P-0012", track: "T-IND", referred: day("2026-05-04"), deadline: day("2026-05-25"),
                awaitingGroup: false),
        ],
        forecasts: [
            IntakeForecast(track: "T-IND", day: day("2026-05-26")),
            IntakeForecast(track: "T-GRP", day: nil, reason: "no room"),
        ])

    let report = CapacityReport.compute(
        Self.input, weeks: ReportWeek.weeks(from: Self.day("2026-05-13"), count: 2),
        today: Self.day("2026-05-11"))

    @Test func weeksAreISOWeeksMondayFirst() {
        #expect(report.weeks.map(\.label) == ["2026-W20", "2026-W21"])
        #expect(report.weeks.map(\.monday) == [Self.day("2026-05-11"), Self.day("2026-05-18")])
        // 1 January 2026 is a Thursday: its week is W01. 2027 starts on a Friday, in 2026's W53.
        #expect(ReportWeek(containing: Self.day("2026-01-01")).label == "2026-W01")
        #expect(ReportWeek(containing: Self.day("2027-01-01")).label == "2026-W53")
        #expect(ReportWeek(containing: Self.day("2024-12-30")).label == "2025-W01")
    }

    @Test func utilisationIsBookedTimeOverWorkingHoursLessClosedDaysAndAbsences() throws {
        #expect(report.clinicians.map(\.id) == ["C-A", "C-B"])
        let a = try #require(report.clinicians.first), b = try #require(report.clinicians.last)
        #expect(a.weeks.map(\.bookedMinutes) == [210, 60])
        #expect(a.weeks.map(\.availableMinutes) == [28 * 60, 35 * 60])
        #expect(a.weeks.map(\.percentText) == ["13%", "3%"])
        #expect(a.weeks.first?.ratio == 0.125)
        #expect(b.weeks.map(\.bookedMinutes) == [180, 0])
        #expect(b.weeks.map(\.availableMinutes) == [20 * 60, 24 * 60])
        #expect(b.weeks.map(\.percentText) == ["15%", "0%"])
    }

    @Test func roomOccupancyCountsAGroupSessionOnceAgainstTheHoursSomeoneWorks() throws {
        let room = try #require(report.rooms.first)
        #expect(report.rooms.count == 1)
        #expect(room.weeks.map(\.bookedMinutes) == [390, 60])
        #expect(room.weeks.map(\.availableMinutes) == [31 * 60, 38 * 60])
        #expect(room.weeks.map(\.percentText) == ["21%", "3%"])
    }

    @Test func aWeekWithoutHoursHasNoPercentageRatherThanZero() throws {
        var input = Self.input
        input.absences.append(
            ClinicianAbsence(clinician: "C-B", start: Self.at("2026-05-18", 0), end: Self.at("2026-05-23", 0)))
        let b = try #require(CapacityReport.compute(input, weeks: report.weeks, today: report.today).clinicians.last)
        #expect(b.weeks.last?.availableMinutes == 0)
        #expect(b.weeks.last?.ratio == nil)
        #expect(b.weeks.last?.percentText == "–")
    }

    @Test func waitingListIsCountedPerTrackAndWaitsRunToToday() {
        #expect(report.waitingByTrack.map(\.track) == ["T-GRP", "T-IND"])
        #expect(report.waitingByTrack.map(\.count) == [1, 2])
        // Referred 20 April, today 11 May: 21 days.
        #expect(report.waitingRows.first == ["P-0010", "T-IND", "2026-04-20", "21", "2026-05-11", "a slot"])
        #expect(report.forecasts.map(\.track) == ["T-GRP", "T-IND"])
        #expect(CapacityReport.forecastText(report.forecasts[0]) == "none within the booking horizon: no room")
    }

    @Test func csvHasOneRowPerResourceAndWeek() {
        let lines = report.csv().components(separatedBy: "\r\n")
        #expect(lines.first == "kind,id,name,week,monday,booked_hours,available_hours,percent")
        #expect(lines[1] == "clinician,C-A,Anne A,2026-W20,2026-05-11,3.5,28,13")
        #expect(lines[4] == "clinician,C-B,Bruno B,2026-W21,2026-05-18,0,24,0")
        #expect(lines[5] == "room,R-1,Bureau 1,2026-W20,2026-05-11,6.5,31,21")
        #expect(lines.count == 8 && lines[7].isEmpty)
    }

    @Test func jsonCarriesMinutesWaitingListAndForecasts() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let clinicians = try #require(object["clinicians"] as? [[String: Any]])
        let weeks = try #require(clinicians.first?["weeks"] as? [[String: Any]])
        #expect(weeks.first?["booked_minutes"] as? Int == 210)
        #expect(weeks.first?["utilisation"] as? Double == 0.125)
        #expect((object["waiting_by_track"] as? [String: Int]) == ["T-GRP": 1, "T-IND": 2])
        let forecasts = try #require(object["first_free_intake"] as? [[String: Any]])
        #expect(forecasts.last?["day"] as? String == "2026-05-26")
        #expect(forecasts.first?["day"] is NSNull)
    }

    /// Four cells (2 clinicians × 2 weeks) plus seven legend swatches; every cell prints its value.
    @Test func heatMapHasACellPerClinicianAndWeekWithItsValueAndALegend() {
        let svg = report.heatMapSVG()
        #expect(svg.hasPrefix("<svg class=\"heatmap\""))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 4 + 7)
        for value in [">13%<", ">3%<", ">15%<", ">0%<", ">80–100%<", ">no hours<"] {
            #expect(svg.contains(value), "\(value)")
        }
        #expect(svg.contains("<title>C-A, 2026-W20: 3.5 h of 28 h (13%)</title>"))
        #expect(
            CapacityReport.band(WeekLoad(bookedMinutes: 130, availableMinutes: 100)) == CapacityReport.heatBands.count
                - 1)
    }

    @Test func capacityPageAndCompletionPageCarryTheHeatMapAndPrintRules() {
        let page = report.html()
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("@media print"))
        #expect(page.contains("<svg class=\"heatmap\"") && page.contains("<td>P-0010</td>"))
        #expect(!page.contains("<script") && !page.contains("http"))
        let completion = CompletionReport.compute(ReportFixture.input, period: ReportFixture.period, by: .category)
            .html(generated: Self.day("2026-05-11"), capacity: report)
        #expect(completion.contains("<svg class=\"funnel\"") && completion.contains("<svg class=\"heatmap\""))
    }
}
