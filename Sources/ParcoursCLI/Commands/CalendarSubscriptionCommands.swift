import ArgumentParser
import Booking
import CareModel
import FeedServer
import Foundation
import ICalendar
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
                falls on. Read it at once with `parcours calendar refresh`.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The clinician's id.") var clinician: String
        @Option(help: "The calendar's http or https address.") var url: String

        func run() async throws {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
                parsed.host != nil
            else {
                throw CLIError.invalidArgument(
                    name: "--url", value: url,
                    expected: "an http or https address such as https://calendar.example.org/busy.ics")
            }
            let subscription = try global.openStore().addCalendarSubscription(
                clinician: ClinicianID(clinician), url: url,
                actor: global.actor)
            say(
                "Subscribed \(clinician) to the calendar at \(parsed.host ?? "?") (subscription \(subscription.id)); "
                    + "`parcours serve` reads it every 15 minutes, `parcours calendar refresh` at once.")
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
                var table = TextTable("ID", "CLINICIAN", "HOST", "LAST READ", "FAILURES", "LAST ERROR")
                for s in subscriptions {
                    table.add(
                        String(s.id), s.clinician.rawValue, URL(string: s.url)?.host ?? "?",
                        s.refreshedAt.map(Shown.dateTime) ?? "never", String(s.failures), s.lastError ?? "")
                }
                return table
            }
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
                new absence falls on are listed, to be moved. A calendar that cannot be read keeps
                the absences of its last read.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Seconds to wait for each calendar.") var timeout = 20

        func run() async throws {
            let store = try global.openStore()
            let refresher = CalendarSubscriptionSupport.refresher(
                store: store, actor: global.actor,
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
                if let clashes = try AbsenceCommand.clashReport(sessions: report.clashes, store: store) { say(clashes) }
            }
        }
    }
}

/// The refresher as `serve` and `calendar refresh` build it: new absences checked by Booking.
enum CalendarSubscriptionSupport {
    static func refresher(
        store: ParcoursStore, actor: Actor, fetch: SubscriptionFetch = SubscriptionFetch(),
        minutes: Int = 15
    ) -> SubscriptionRefresher {
        SubscriptionRefresher(store: store, fetch: fetch, actor: actor, interval: TimeInterval(minutes * 60)) {
            absences in
            try AbsenceClashes.sessions(during: absences, in: store)
        }
    }
}
