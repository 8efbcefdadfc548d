import Booking
import CareModel
import FeedServer
import Store
import Testing

@testable import ParcoursCLI

/// The libraries say what went wrong; only the front end says which command puts it right, so
/// the desk can reuse the same errors with its own links.
@Suite struct DomainErrorWordsTests {
    static let storeErrors: [StoreError] = [
        .missingDatabase(path: "/srv/parcours.sqlite"), .notAParcoursDatabase(path: "x.sqlite", detail: "no schema"),
        .newerSchema(path: "x.sqlite", found: ["v99"], known: "v6"), .notFound(kind: "clinician", id: "C-NOBODY"),
        .duplicate(kind: "room", id: "R-1"), .constraint("end before start"), .conflict("C-ROUX busy"),
        .unreadable(table: "patient", id: "P-1", column: "birth", value: "x", expected: "a day"),
        .fileExists(path: "backup.sqlite"), .io("disk full"), .sqlite("malformed"),
    ]
    static let bookingErrors: [BookingError] = [
        .patientNotFound("P-ZZZZ"), .appointmentNotFound(AppointmentID("A-NOSUCH")), .notEnrolled("P-ZZZZ"),
        .unknownTrack("gone"), .nothingToBook("P-ZZZZ", "adult-domestic-violence"), .notApplicable("already held"),
        .store(.notFound(kind: "patient", id: "P-ZZZZ")),
        .ruleBroken(AppointmentID("A-1"), ["closed-day: 2026-12-25 is closed"]),
    ]

    @Test func storeBookingAndFeedServerErrorsNameNoCommandOrOption() {
        let descriptions =
            Self.storeErrors.map(\.description) + Self.bookingErrors.map(\.description)
            + [FeedServerError.scopeMissing(kind: "clinician", id: "C-GONE").description]
        for text in descriptions {
            #expect(!text.contains("parcours "), "a library error names a command: \(text)")
            #expect(!text.contains("--"), "a library error names an option: \(text)")
        }
    }

    @Test func theCLIAddsTheCommandThatPutsItRight() {
        #expect(
            StoreError.missingDatabase(path: "p.sqlite").message
                == "no database at p.sqlite; run `parcours init` first or pass --db")
        #expect(
            StoreError.notFound(kind: "clinician", id: "C-NOBODY").message
                == "no clinician 'C-NOBODY'; check the id (parcours clinician list)")
        #expect(StoreError.fileExists(path: "b.sqlite").message.contains("pass --force to replace it"))
        #expect(
            BookingError.patientNotFound("P-ZZZZ").message
                == "no patient 'P-ZZZZ'; check the code (parcours patient list)")
        #expect(BookingError.notEnrolled("P-ZZZZ").message.hasSuffix("enrol first (parcours enrol P-ZZZZ TRACK)"))
        #expect(BookingError.store(.missingDatabase(path: "p.sqlite")).message.contains("parcours init"))
        #expect(
            BookingError.ruleBroken(AppointmentID("A-1"), ["closed-day"]).message
                .hasSuffix("(parcours move A-1 --auto), or, for a clinical reason, --force --reason TEXT"))
    }
}
