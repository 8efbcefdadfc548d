import CareModel
import Foundation
import Store
import Testing

@testable import Booking

/// A group starts after its members' intakes, and the intake forecast plans without writing.
@Suite struct GroupIntakeAndForecastTests {
    static let codes: [PatientCode] = ["P-2222", "P-3333", "P-4444", "P-5555", "P-6666", "P-7777"]

    @Test func aGroupIsRefusedWhileAMemberHasNoIntakeAndThenStartsAfterTheLastIntake() throws {
        let centre = try TestCentre()
        for code in Self.codes {
            try centre.enrol(code.rawValue, on: "adult-trauma-group", category: .accidentDisaster)
        }
        var intakes: [PatientCode: LocalDate] = [:]
        for code in Self.codes.dropLast() {
            let booking = try centre.service.book(.init(patient: code), today: TestCentre.today)
            let intake = try #require(booking.appointments.first { $0.step == "intake" })
            intakes[code] = ClinicTimeZone.paris.local(intake.start).date
        }
        // Opened for today: its first session would come before some intakes if nothing held it back.
        let group = try centre.service.createGroup(track: "adult-trauma-group", start: TestCentre.today)
        for code in Self.codes { _ = try centre.service.addToGroup(group.id, patient: code) }

        let refusal = #expect(throws: BookingError.self) {
            _ = try centre.service.bookGroup(group.id, today: TestCentre.today)
        }
        #expect(refusal?.description.contains("P-7777 has no intake booked or held") == true)
        #expect(try centre.store.appointments(patient: "P-2222").allSatisfy { $0.cohort == nil })

        let last = try centre.service.book(.init(patient: "P-7777"), today: TestCentre.today)
        let lastIntake = try #require(last.appointments.first)
        intakes["P-7777"] = ClinicTimeZone.paris.local(lastIntake.start).date
        let result = try centre.service.bookGroup(group.id, today: TestCentre.today)
        let firstGroupDay = try #require(result.proposal.dates.first)
        let latestIntake = try #require(intakes.values.max())
        #expect(latestIntake < firstGroupDay)
        for session in result.appointments {
            let intake = try #require(intakes[session.patient])
            #expect(intake < ClinicTimeZone.paris.local(session.start).date)
        }
    }

    /// 11 January 2027 is a Monday: in an empty centre the first free intake is Tuesday 12th on
    /// every track; closing the 12th moves it to Wednesday 13th. Nothing is ever booked.
    @Test func theIntakeForecastIsTheSchedulersFirstSlotForANewReferralAndBooksNothing() throws {
        let centre = try TestCentre()
        let tuesday = TestCentre.today.adding(days: 1)
        let forecasts = try centre.service.intakeForecasts(today: TestCentre.today)
        #expect(forecasts.map(\.track) == centre.service.catalog.tracks.map(\.id))
        #expect(forecasts.allSatisfy { (try? $0.result.get()) == tuesday })

        try centre.store.addClosedDays([ClosedDay(date: tuesday, label: "Fermeture")], actor: TestCentre.secretary)
        let later = try centre.service.intakeForecasts(today: TestCentre.today)
        #expect(later.allSatisfy { (try? $0.result.get()) == tuesday.adding(days: 1) })
        #expect(try centre.store.appointments(from: .distantPast, to: .distantFuture).isEmpty)
        #expect(try centre.store.patient(BookingService.forecastPatient) == nil)
    }
}
