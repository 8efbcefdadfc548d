import CareModel
import Foundation
import ICalendar
import Logging
import ServiceLifecycle
import Store

/// Keeps each clinician's subscribed calendar in the store as absences: read on a schedule,
/// busy events (cancelled and free ones left out) become absences marked with the subscription,
/// replaced as a whole on each refresh, and the booked sessions a new absence hits are reported.
public struct SubscriptionRefresher: Sendable {
    /// What one refresh did, for the log and for `parcours calendar refresh`.
    public struct Report: Sendable {
        public enum Outcome: Sendable, Equatable {
            case updated(absences: Int, new: Int)
            case notModified
            case failed(String)
            /// Not due yet: the last attempt failed and the backoff is not over.
            case waiting(until: Date)
        }

        public var subscription: CalendarSubscription
        public var outcome: Outcome
        public var warnings: [ImportWarning] = []
        /// Booked sessions a new absence falls on (with replanning, every absence of the
        /// subscription), as they were: a secretary must move those not in `moved`.
        public var clashes: [Appointment] = []
        /// With replanning: the same sessions at their new times.
        public var moved: [Appointment] = []
        /// The moved sessions given to another clinician.
        public var toColleague: Set<AppointmentID> = []
        /// Why the clashes could not be listed or replanned; the absences were stored all the same.
        public var clashFailure: String?
    }

    /// What the front end did with the sessions a read's busy times fall on.
    public struct ClashOutcome: Sendable {
        public var hit: [Appointment]
        public var moved: [Appointment]
        public var toColleague: Set<AppointmentID>
        /// Why the sessions could not be moved (they stay booked and listed).
        public var failure: String?

        public init(
            hit: [Appointment], moved: [Appointment] = [], toColleague: Set<AppointmentID> = [], failure: String? = nil
        ) {
            self.hit = hit
            self.moved = moved
            self.toColleague = toColleague
            self.failure = failure
        }
    }

    /// Called after every read that answered (a new calendar, or a 304), with the subscription,
    /// the absences new at this read and the time of the read. FeedServer cannot book, so the CLI
    /// passes Booking's listing and replanning here.
    public typealias ClashHandler =
        @Sendable (_ subscription: CalendarSubscription, _ new: [ClinicianAbsence], _ now: Date) throws -> ClashOutcome

    let store: ParcoursStore
    let fetch: SubscriptionFetch
    let actor: Actor
    let handleClashes: ClashHandler
    /// How far ahead busy times are read, from today.
    public var horizonDays = 365
    /// The time between two reads of a calendar that answers; failures back off from it.
    public var interval: TimeInterval

    public init(
        store: ParcoursStore, fetch: SubscriptionFetch = SubscriptionFetch(), actor: Actor,
        interval: TimeInterval = 900, handleClashes: @escaping ClashHandler
    ) {
        self.store = store
        self.fetch = fetch
        self.actor = actor
        self.interval = interval
        self.handleClashes = handleClashes
    }

    /// A refresher that lists the sessions new absences fall on (`clashes`) and moves none.
    public init(
        store: ParcoursStore, fetch: SubscriptionFetch = SubscriptionFetch(), actor: Actor,
        interval: TimeInterval = 900, clashes: @escaping @Sendable ([ClinicianAbsence]) throws -> [Appointment]
    ) {
        self.init(store: store, fetch: fetch, actor: actor, interval: interval) { _, new, _ in
            ClashOutcome(hit: try clashes(new))
        }
    }

    /// When `subscription` should next be read: `interval` after the last attempt, doubled for
    /// each failure in a row (at most a day), so a calendar that is down is not hammered.
    public func due(_ subscription: CalendarSubscription) -> Date {
        guard let checked = subscription.checkedAt else { return .distantPast }
        let factor = pow(2, Double(min(subscription.failures, 10)))
        return checked.addingTimeInterval(min(interval * factor, 86_400))
    }

    /// Reads every subscription that is due at `now` (all of them with `force`).
    public func refreshAll(now: Date, force: Bool = false) async -> [Report] {
        let subscriptions: [CalendarSubscription]
        do { subscriptions = try store.calendarSubscriptions() } catch { return [] }
        var reports: [Report] = []
        for subscription in subscriptions {
            if !force, due(subscription) > now {
                reports.append(Report(subscription: subscription, outcome: .waiting(until: due(subscription))))
                continue
            }
            reports.append(await refresh(subscription, now: now))
        }
        return reports
    }

    /// Reads one calendar and stores what it says; a failure keeps the absences of the last read.
    public func refresh(_ subscription: CalendarSubscription, now: Date) async -> Report {
        var report = Report(subscription: subscription, outcome: .notModified)
        do {
            switch try await fetch.fetch(
                subscription.url, etag: subscription.etag, lastModified: subscription.lastModified)
            {
            case .notModified:
                try store.recordSubscriptionCheck(subscription.id, error: nil)
                handle(&report, new: [], now: now)
            case let .calendar(bytes, etag, lastModified):
                let zone = ClinicTimeZone.paris
                let today = zone.today(at: now)
                let from = zone.instant(on: today, at: .midnight) ?? now
                let reading = try CalendarImporter().read(
                    bytes, from: from, to: from.addingTimeInterval(Double(horizonDays) * 86_400))
                report.warnings = reading.warnings
                let busy = UnavailabilityImport.absences(of: subscription.clinician, from: reading.events, zone: zone)
                    .map {
                        ClinicianAbsence(clinician: $0.clinician, start: $0.start, end: $0.end, reason: Self.reason)
                    }
                let added = try store.replaceSubscriptionAbsences(
                    subscription.id, with: busy, etag: etag,
                    lastModified: lastModified, actor: actor)
                report.outcome = .updated(absences: busy.count, new: added.count)
                handle(&report, new: added, now: now)
            }
        } catch {
            let reason = String(describing: error)
            report.outcome = .failed(reason)
            try? store.recordSubscriptionCheck(subscription.id, error: reason)
        }
        return report
    }

    /// Lists (and, if the handler replans, moves) the sessions the stored busy times fall on; a
    /// failure there is reported, not counted as a failed read: the absences are stored.
    private func handle(_ report: inout Report, new: [ClinicianAbsence], now: Date) {
        do {
            let outcome = try handleClashes(report.subscription, new, now)
            report.clashes = outcome.hit
            report.moved = outcome.moved
            report.toColleague = outcome.toColleague
            report.clashFailure = outcome.failure
        } catch {
            report.clashFailure = String(describing: error)
        }
    }

    /// What an absence from a clinician's own calendar says: busy, never the event's title,
    /// which is the clinician's private business.
    public static let reason = "Occupé (agenda personnel)"
}

/// Runs ``SubscriptionRefresher`` beside the feed server until it shuts down, one pass a minute
/// (each subscription is read only when due), logging what each pass did.
public struct SubscriptionRefreshService: Service {
    let refresher: SubscriptionRefresher
    let logger: Logger
    let now: @Sendable () -> Date

    public init(refresher: SubscriptionRefresher, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.refresher = refresher
        self.logger = logger
        self.now = now
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            for report in await refresher.refreshAll(now: now()) { Self.log(report, to: logger) }
            try? await Task.sleep(for: .seconds(60))
        }
    }

    static func log(_ report: SubscriptionRefresher.Report, to logger: Logger) {
        let metadata: Logger.Metadata = [
            "subscription": .stringConvertible(report.subscription.id),
            "clinician": .string(report.subscription.clinician.rawValue),
        ]
        switch report.outcome {
        case let .updated(absences, new):
            logger.info(
                "calendar subscription refreshed",
                metadata: metadata.merging([
                    "absences": .stringConvertible(absences), "new": .stringConvertible(new),
                    "warnings": .stringConvertible(report.warnings.count),
                ]) { a, _ in a })
        case .notModified:
            logger.debug("calendar subscription unchanged", metadata: metadata)
        case let .failed(reason):
            logger.warning(
                "calendar subscription failed", metadata: metadata.merging(["error": .string(reason)]) { a, _ in a })
        case .waiting:
            break
        }
        let moved = Dictionary(report.moved.map { ($0.id, $0) }) { first, _ in first }
        for session in report.clashes {
            var details: Logger.Metadata = [
                "appointment": .string(session.id.rawValue), "start": .string(session.start.formatted(.iso8601)),
            ]
            if let now = moved[session.id] {
                details["now"] = .string(now.start.formatted(.iso8601))
                details["with"] = .string(now.clinicians.map(\.rawValue).joined(separator: "+"))
                logger.notice(
                    "a busy time hit a booked session; replanned", metadata: metadata.merging(details) { a, _ in a })
            } else {
                logger.warning(
                    "a new absence hits a booked session", metadata: metadata.merging(details) { a, _ in a })
            }
        }
        if let failure = report.clashFailure {
            logger.warning(
                "the sessions a busy time hits were not replanned",
                metadata: metadata.merging(["error": .string(failure)]) { a, _ in a })
        }
    }
}
