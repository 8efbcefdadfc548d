import CareModel
import Foundation

/// How a step of a care track is named in a feed, read from the track by the caller.
///
/// Only the step is named, never the track: the shipped track ids and titles name the victim
/// category ("domestic violence"), which on a phone's lock screen is itself a disclosure.
public struct StepLabel: Sendable, Hashable {
    /// The step's title, e.g. "TF-CBT session".
    public var title: String
    /// The step's kind, e.g. "therapy", "assessment": written as the event's CATEGORIES.
    public var kind: String
    /// How many sessions the step plans, for "3/10"; 1 shows no count.
    public var sessions: Int

    public init(title: String, kind: String, sessions: Int = 1) {
        self.title = title
        self.kind = kind
        self.sessions = sessions
    }

    /// Used when a session's track or step is no longer in the catalogue: neutral, never the id.
    public static let unknown = StepLabel(title: "Séance", kind: "session")
}

/// An appointment with its calendar identity, as the Store keeps it.
public struct FeedSession: Sendable, Hashable {
    public var appointment: Appointment
    public var uid: String
    public var sequence: Int
    public var created: Date
    public var lastModified: Date

    public init(appointment: Appointment, uid: String, sequence: Int, created: Date, lastModified: Date) {
        self.appointment = appointment
        self.uid = uid
        self.sequence = sequence
        self.created = created
        self.lastModified = lastModified
    }
}

/// Who a feed is for; each audience sees a different amount of detail.
public enum FeedAudience: Sendable, Hashable {
    case clinician(Clinician)
    case room(Room)
    /// The patient's own calendar: only with `calendar` among their safe channels.
    case patient(Patient)
}

/// How much of the past a feed keeps, and how often subscribers should poll.
public struct FeedPolicy: Sendable, Hashable {
    /// Held and booked sessions stay this many days after their start.
    public var historyDays: Int
    /// Cancelled sessions stay as CANCELLED this many days after their start, so that subscribed
    /// calendars strike them out, then leave the feed.
    public var cancelledRetentionDays: Int
    public var refreshMinutes: Int

    public init(historyDays: Int = 90, cancelledRetentionDays: Int = 30, refreshMinutes: Int = 60) {
        self.historyDays = historyDays
        self.cancelledRetentionDays = cancelledRetentionDays
        self.refreshMinutes = refreshMinutes
    }

    /// The earliest session start any feed keeps at `now`: local midnight, so that a feed read
    /// twice the same day gives the same bytes.
    public func earliestStart(now: Date, zone: ClinicTimeZone) -> Date {
        cutoff(days: max(historyDays, cancelledRetentionDays), now: now, zone: zone)
    }

    func cutoff(days: Int, now: Date, zone: ClinicTimeZone) -> Date {
        let day = zone.today(at: now).adding(days: -days)
        return zone.instant(on: day, at: .midnight) ?? now.addingTimeInterval(Double(-days * 86_400))
    }
}

/// Turns appointments into the calendar a clinician, a room or a patient subscribes to, applying
/// the privacy rules in one place so that no command can forget them.
///
/// A clinician's or room's feed names a session by step and the patient's pseudonymous code
/// ("TF-CBT session 3/10 · P-7KQ2"), with the room as LOCATION and the step kind as CATEGORIES;
/// never a name, phone, address, category, diagnosis or track. A patient's feed says only
/// "Rendez-vous", with no room (a room name may name a therapy), and exists only on opt-in.
///
/// An address-protected patient's session appears in staff feeds only as a neutral
/// "Séance réservée" (time and room, no code, step or category), and they never get a feed.
public struct FeedComposer: Sendable {
    public var steps: [TrackID: [StepID: StepLabel]]
    public var roomNames: [RoomID: String]
    public var policy: FeedPolicy
    public var zone: ClinicTimeZone
    /// Patients whose sessions must not be named: the Store's address-protected patients.
    public var protectedPatients: Set<PatientCode> = []

    /// The title of an address-protected patient's session: it keeps the slot busy, says nothing.
    public static let protectedTitle = "Séance réservée"

    /// DTSTAMP of closed days, which have no edit time of their own; fixed, so bytes stay stable.
    static let closedDayStamp = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00:00Z

    public init(
        steps: [TrackID: [StepID: StepLabel]], roomNames: [RoomID: String], policy: FeedPolicy = FeedPolicy(),
        zone: ClinicTimeZone = .paris
    ) {
        self.steps = steps
        self.roomNames = roomNames
        self.policy = policy
        self.zone = zone
    }

    /// The feed of `audience` at `now`. Sessions of someone else are dropped, whatever the caller
    /// passed; closed days appear as all-day events in staff feeds only.
    public func feed(
        for audience: FeedAudience, sessions: [FeedSession], closedDays: [ClosedDay] = [],
        now: Date
    ) throws(ICalendarError) -> CalendarFeed {
        let kept = sessions.filter { isKept($0, now: now) }
        switch audience {
        case let .clinician(clinician):
            return CalendarFeed(
                name: "Parcours · \(clinician.name)",
                events: staffEvents(kept.filter { $0.appointment.clinicians.contains(clinician.id) }),
                allDayEvents: closedDayEvents(closedDays, now: now), timeZone: zone,
                refreshMinutes: policy.refreshMinutes)
        case let .room(room):
            return CalendarFeed(
                name: "Parcours · \(room.name)",
                events: staffEvents(kept.filter { $0.appointment.room == room.id }),
                allDayEvents: closedDayEvents(closedDays, now: now), timeZone: zone,
                refreshMinutes: policy.refreshMinutes)
        case let .patient(patient):
            guard !patient.addressProtected, !protectedPatients.contains(patient.code) else {
                throw .patientAddressProtected(patient: patient.code.rawValue)
            }
            guard patient.safeChannels.contains(.calendar) else {
                throw .patientCalendarNotOptedIn(patient: patient.code.rawValue)
            }
            return CalendarFeed(
                name: "Rendez-vous",
                events: kept.filter { $0.appointment.patient == patient.code }.map(patientEvent),
                timeZone: zone, refreshMinutes: policy.refreshMinutes)
        }
    }

    /// The title a clinician sees: step, occurrence out of the planned count, patient code.
    public func title(of appointment: Appointment) -> String {
        let label = label(of: appointment)
        let count =
            label.sessions > 1
            ? (appointment.occurrence <= label.sessions
                ? " \(appointment.occurrence)/\(label.sessions)" : " \(appointment.occurrence)")
            : ""
        return "\(label.title)\(count) · \(appointment.patient.rawValue)"
    }

    private func label(of appointment: Appointment) -> StepLabel {
        steps[appointment.track]?[appointment.step] ?? .unknown
    }

    private func isKept(_ session: FeedSession, now: Date) -> Bool {
        let days = session.appointment.status.isCancelled ? policy.cancelledRetentionDays : policy.historyDays
        return session.appointment.start >= policy.cutoff(days: days, now: now, zone: zone)
    }

    /// Staff events: one per individual session, and one per group session rather than one per
    /// member, so a facilitator's calendar shows the group once.
    private func staffEvents(_ sessions: [FeedSession]) -> [FeedEvent] {
        var events = sessions.filter { $0.appointment.cohort == nil }.map(staffEvent)
        let groups = Dictionary(grouping: sessions.filter { $0.appointment.cohort != nil }) {
            GroupKey(cohort: $0.appointment.cohort ?? "", start: $0.appointment.start)
        }
        for (key, members) in groups {
            guard let first = members.min(by: { $0.appointment.patient < $1.appointment.patient }) else { continue }
            let appointment = first.appointment
            let label = label(of: appointment)
            let count = label.sessions > 1 ? " \(appointment.occurrence)/\(label.sessions)" : ""
            let present = members.filter { !$0.appointment.status.isCancelled }
            events.append(
                FeedEvent(
                    uid: "\(key.cohort.lowercased())-\(appointment.step.rawValue)-\(appointment.occurrence)@parcours",
                    start: appointment.start, end: appointment.end,
                    summary: "\(label.title)\(count) · \(present.count) patient\(present.count == 1 ? "" : "s")",
                    location: appointment.room.flatMap { roomNames[$0] },
                    categories: [label.kind].filter(Self.isSafeCategory),
                    status: present.isEmpty ? .cancelled : .confirmed,
                    sequence: members.map(\.sequence).max() ?? 0,
                    created: members.map(\.created).min() ?? first.created,
                    lastModified: members.map { max($0.lastModified, $0.created) }.max() ?? first.lastModified))
        }
        return events
    }

    /// One group session: its cohort and its start.
    private struct GroupKey: Hashable {
        let cohort: String
        let start: Date
    }

    private func staffEvent(_ session: FeedSession) -> FeedEvent {
        let appointment = session.appointment
        if protectedPatients.contains(appointment.patient) {
            return event(
                session, summary: Self.protectedTitle, location: appointment.room.flatMap { roomNames[$0] },
                categories: [])
        }
        return event(
            session, summary: title(of: appointment), location: appointment.room.flatMap { roomNames[$0] },
            categories: [label(of: appointment).kind].filter(Self.isSafeCategory))
    }

    private func patientEvent(_ session: FeedSession) -> FeedEvent {
        event(session, summary: "Rendez-vous", location: nil, categories: [])
    }

    private func event(_ session: FeedSession, summary: String, location: String?, categories: [String]) -> FeedEvent {
        FeedEvent(
            uid: session.uid, start: session.appointment.start, end: session.appointment.end, summary: summary,
            location: location, categories: categories,
            status: session.appointment.status.isCancelled ? .cancelled : .confirmed, sequence: session.sequence,
            created: session.created, lastModified: max(session.lastModified, session.created))
    }

    private func closedDayEvents(_ days: [ClosedDay], now: Date) -> [AllDayEvent] {
        let first = zone.today(at: now).adding(days: -policy.historyDays)
        return days.filter { $0.date >= first }.map { day in
            AllDayEvent(
                uid: "closed-\(day.date.iso)@parcours", firstDay: day.date,
                summary: day.label.isEmpty ? "Centre fermé" : "Centre fermé · \(day.label)",
                categories: ["closed"], stamp: Self.closedDayStamp)
        }
    }

    /// The exporter refuses categories with separators; a step kind never has one, but a hand-made
    /// label might, and a feed must not fail for it.
    private static func isSafeCategory(_ text: String) -> Bool {
        !text.isEmpty && !text.contains(where: { ",;\\\n\r".contains($0) })
    }
}
