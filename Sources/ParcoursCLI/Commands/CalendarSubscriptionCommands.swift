import ArgumentParser
import Booking
import CareModel
import FeedServer
import Foundation
import ICalendar
import PathwayEngine
import Store

/// `parcours calendar subscribe | subscriptions | unsubscribe | refresh`: a clinician's own
/// calendar, read by `parcours serve` on a schedule, its busy times kept as absences.
extension CalendarCommand {
    struct Subscribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Subscribe a clinician to their own calendar: its busy times become absences.",
            discussion: """
                Example: parcours calendar subscribe --clinician C-ROUX --url https://calendar.example.org/roux/busy.ics

                The URL is the calendar's address for subscribing (iCalendar, .ics): Google's
                "secret address in iCal format", an Outlook published calendar, a Nextcloud share
                link. `parcours serve` reads it every 15 minutes (--subscription-minutes); each
                read replaces the absences it brought, and lists the booked sessions a new absence
                falls on; with --replan it moves them, as `clinician absence add --replan` does.
                Read it at once with `parcours calendar refresh`.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The clinician's id.") var clinician: String
        @Option(help: "The calendar's http or https address.") var url: String
        @Flag(help: "At each read, move the sessions its busy times fall on (same clinician, else a colleague).")
        var replan = false

        func run() async throws {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
                parsed.host != nil
            else {
                throw CLIError.invalidArgument(
                    name: "--url", value: url,
                    expected: "an http or https address such as https://calendar.example.org/busy.ics")
            }
            let subscription = try global.openStore().addCalendarSubscription(
                clinician: ClinicianID(clinician), url: url, replan: replan,
                actor: global.actor)
            say(
                "Subscribed \(clinician) to the calendar at \(parsed.host ?? "?") (subscription \(subscription.id)); "
                    + "`parcours serve` reads it every 15 minutes, `parcours calendar refresh` at once"
                    + (replan ? "; the sessions its busy times fall on are replanned." : "."))
        }
    }

    struct Subscriptions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the calendar subscriptions and how their last reads went.",
            discussion: "Example: parcours calendar subscriptions")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let subscriptions = try global.openStore().calendarSubscriptions()
            try emit(subscriptions, format: output.format) {
                var table = TextTable("ID", "CLINICIAN", "HOST", "CLASHES", "LAST READ", "FAILURES", "LAST ERROR")
                for s in subscriptions {
                    table.add(
                        String(s.id), s.clinician.rawValue, URL(string: s.url)?.host ?? "?",
                        s.replan ? "replanned" : "listed", s.refreshedAt.map(Shown.dateTime) ?? "never",
                        String(s.failures), s.lastError ?? "")
                }
                return table
            }
        }
    }

    struct SetReplan: AsyncParsableCommand {
        enum Setting: String, ExpressibleByArgument, CaseIterable {
            case on, off
        }

        static let configuration = CommandConfiguration(
            commandName: "set-replan",
            abstract: "Choose whether a subscription's reads move the sessions its busy times fall on.",
            discussion: """
                Example: parcours calendar set-replan 1 on

                on: each read moves them, as `clinician absence add --replan` does (the same
                clinician at the nearest other time, else a colleague). off: each read lists them.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The subscription's id (see `parcours calendar subscriptions`).") var id: Int64
        @Argument(help: "on or off.") var setting: Setting

        func run() async throws {
            let subscription = try global.openStore().setSubscriptionReplan(id, setting == .on, actor: global.actor)
            say(
                "Subscription \(id) (\(subscription.clinician)): "
                    + (subscription.replan
                        ? "each read now moves the sessions its busy times fall on."
                        : "each read now lists the sessions its busy times fall on, to be moved."))
        }
    }

    struct Unsubscribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End a calendar subscription and remove the absences it brought.",
            discussion: """
                Example: parcours calendar unsubscribe 1

                Absences recorded by hand or imported from a file stay.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The subscription's id (see `parcours calendar subscriptions`).") var id: Int64

        func run() async throws {
            try global.openStore().removeCalendarSubscription(id, actor: global.actor)
            say("Ended subscription \(id) and removed the absences it brought.")
        }
    }

    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read every subscribed calendar now, as `parcours serve` does on its schedule.",
            discussion: """
                Example: parcours calendar refresh

                Each calendar's busy times replace the absences it brought; the booked sessions a
                new absence falls on are listed, to be moved. With --replan (or for a subscription
                made with --replan) every session its busy times fall on is moved, as `clinician
                absence add --replan` does: the same clinician at the nearest other time, else a
                colleague; if one cannot move, none does and the sessions are listed. A calendar
                that cannot be read keeps the absences of its last read.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Seconds to wait for each calendar.") var timeout = 20
        @Flag(help: "Move the sessions the busy times fall on (same clinician, else a colleague).") var replan = false

        func run() async throws {
            let store = try global.openStore()
            let refresher = CalendarSubscriptionSupport.refresher(
                store: store, actor: global.actor, catalog: try global.loadCatalog(), replanAll: replan,
                fetch: SubscriptionFetch(timeout: TimeInterval(max(1, timeout))))
            let reports = await refresher.refreshAll(now: global.now, force: true)
            if reports.isEmpty { say("No calendar subscription; add one with `parcours calendar subscribe`.") }
            for report in reports {
                let who = "Subscription \(report.subscription.id) (\(report.subscription.clinician))"
                switch report.outcome {
                case let .updated(absences, new):
                    say("\(who): \(absences) busy time\(absences == 1 ? "" : "s"), \(new) new.")
                case .notModified: say("\(who): unchanged since the last read.")
                case let .failed(reason): say("\(who): not read; \(reason). Its absences stay as they were.")
                case .waiting: break
                }
                let outcome = BookingService.AbsenceOutcome(
                    added: [], alreadyPresent: 0, hit: report.clashes, moved: report.moved,
                    toColleague: report.toColleague)
                if let clashes = try AbsenceCommand.clashReport(
                    outcome, store: store, replanHint: "run `parcours calendar refresh --replan`")
                {
                    say(clashes)
                }
                if let failure = report.clashFailure { say("\(who): its sessions were not moved; \(failure).") }
            }
        }
    }
}

/// The refresher as `serve` and `calendar refresh` build it: the sessions new absences fall on
/// listed by Booking, and replanned by Booking for a subscription made with `--replan` (or all of
/// them with `replanAll`).
enum CalendarSubscriptionSupport {
    static func refresher(
        store: ParcoursStore, actor: Actor, catalog: TrackCatalog, replanAll: Bool = false,
        fetch: SubscriptionFetch = SubscriptionFetch(), minutes: Int = 15
    ) -> SubscriptionRefresher {
        SubscriptionRefresher(store: store, fetch: fetch, actor: actor, interval: TimeInterval(minutes * 60)) {
            subscription, new, now in
            let service = BookingService(
                store: store, catalog: catalog, actor: actor, snapshots: SnapshotBuilder(notBefore: now))
            let clashes = try service.subscriptionClashes(
                of: subscription, new: new, replan: replanAll || subscription.replan,
                today: ClinicTimeZone.paris.today(at: now))
            return SubscriptionRefresher.ClashOutcome(
                hit: clashes.hit, moved: clashes.moved, toColleague: clashes.toColleague,
                failure: clashes.replanFailure.map { String(describing: $0) })
        }
    }
}
