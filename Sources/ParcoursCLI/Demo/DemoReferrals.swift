import Booking
import CareModel
import Foundation
import PathwayEngine
import Store

/// Steps 2 and 3 of `parcours demo`: the sample referrals registered, then each enrolled on the
/// track its category calls for, through the same eligibility check a secretary meets.
struct DemoReferrals {
    let store: ParcoursStore
    let catalog: TrackCatalog
    let actor: Actor
    /// The day the story starts (the demo's "today" minus its history).
    let start: LocalDate
    let steps: DemoSteps

    /// When the demo's secretary records enrolments: mid-morning on the enrolment day.
    static let enrolmentTime = LocalTime(hour: 10, minute: 30) ?? .midnight

    func register(_ centre: SampleCentre) throws {
        for referral in centre.referrals {
            try store.addPatient(
                referral.patient, identity: referral.identity, actor: actor, reason: "referral registered")
        }
        for (a, b) in centre.keepApart { try store.addKeepApart(a, b, actor: actor, reason: "must not meet on site") }
        let days = centre.referrals.map(\.patient.referralDate)
        let interpreted = centre.referrals.filter(\.patient.needsInterpreter).count
        steps.begin(
            "Referrals",
            "\(centre.referrals.count) registered, referred between \(Shown.day(days.min() ?? start)) and \(Shown.day(days.max() ?? start))"
        )
        steps.detail(
            "\(interpreted) need an interpreter; \(centre.keepApart.count) pairs must never meet on site (keep-apart).")
        var sources = TextTable("REFERRED BY", "PATIENTS")
        let bySource = Dictionary(grouping: centre.referrals, by: \.patient.referralSource)
        for source in ReferralSource.allCases where bySource[source] != nil {
            sources.add(source.rawValue, String(bySource[source]?.count ?? 0))
        }
        say(sources.render())
    }

    /// Enrols every referral the tracks take, on the day it came in (at most 60 days before the
    /// start), and shows one refusal with its reason. Returns one enrolled patient, for "what next".
    func enrol(_ centre: SampleCentre, now: Date) throws -> PatientCode? {
        var byTrack: [TrackID: Int] = [:]
        var refused: [(patient: Patient, decision: EligibilityDecision?)] = []
        var example: PatientCode?
        for (index, referral) in centre.referrals.enumerated() {
            let patient = referral.patient
            guard let track = Self.track(for: patient, index: index, catalog: catalog, today: start) else {
                refused.append(
                    (patient, catalog.tracks.first.map { Eligibility.check(patient: patient, track: $0, on: start) }))
                continue
            }
            let day = max(patient.referralDate, start.adding(days: -60))
            let instant = ClinicTimeZone.paris.instant(on: day, at: Self.enrolmentTime) ?? now
            _ = try Enrolling.enrol(
                patient, on: track, date: day, at: instant, catalog: catalog, store: store, actor: actor)
            byTrack[track.id, default: 0] += 1
            if example == nil { example = patient.code }
        }
        let enrolled = byTrack.values.reduce(0, +)
        steps.begin(
            "Enrolments", "\(enrolled) enrolled on the track their category calls for, \(refused.count) refused")
        var table = TextTable("TRACK", "ENROLLED", "TITLE")
        for track in catalog.tracks where byTrack[track.id] != nil {
            table.add(track.id.rawValue, String(byTrack[track.id] ?? 0), track.title)
        }
        say(table.render())
        if let first = refused.first {
            // Every adult track refuses a minor for their age; "category not taken" would only
            // repeat it, as the check is against one track.
            let all = first.decision?.reasons ?? []
            let own = all.filter { if case .categoryNotTaken = $0 { false } else { true } }
            let reasons = (own.isEmpty ? all : own).map(\.description).joined(separator: "; ")
            let advice = first.decision?.suggestions.first.map { " → \($0)" } ?? ""
            steps.detail(
                "Refused: \(first.patient.code) (\(first.patient.category.rawValue)): \(reasons.isEmpty ? "no track takes this patient" : reasons)\(advice)."
            )
            if refused.count > 1 {
                steps.detail(
                    "Also refused: \(refused.dropFirst().map(\.patient.code.rawValue).joined(separator: ", ")); parcours enrol CODE TRACK gives each one's reason."
                )
            }
        }
        return example
    }

    /// The track a patient's category calls for; about one in five accident and exposed-professional
    /// patients goes to the group track, as at the centre.
    static func track(for patient: Patient, index: Int, catalog: TrackCatalog, today: LocalDate) -> Track? {
        let group = catalog.tracks(for: patient, on: today).first { $0.modality == .group }
        if let group, index % 5 == 0, [.accidentDisaster, .exposedProfessional].contains(patient.category) {
            return group
        }
        return Enrolling.track(for: patient, catalog: catalog, on: today)
    }
}
