import ArgumentParser
import Booking
import CareModel
import Foundation
import Store

/// `room edit|deactivate|reactivate` and the same for interpreters: the administrator's changes
/// after `add`, in the style of `clinician edit` and `clinician deactivate`.
extension RoomCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a room's name, capacity or features.",
            discussion: """
                Sessions already booked there keep the room; new bookings read the new record.

                Example: parcours room edit R-101 --capacity 4 --features individual,accessible
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The room's id.", transform: Parse.identifier) var id: String
        @Option(help: "Name shown in feeds as the location.", transform: Parse.name) var name: String?
        @Option(help: "How many people it seats (1 or more).") var capacity: Int?
        @Option(help: "Comma-separated: \(RoomFeature.expectedValues).", transform: { try Parse.values($0) })
        var features: Set<RoomFeature>?
        @Option(help: "Why, for the audit log.") var reason: String?

        func validate() throws {
            guard name != nil || capacity != nil || features != nil else {
                throw ValidationError("nothing to change; give --name, --capacity or --features")
            }
            if let capacity, capacity < 1 {
                throw ValidationError("--capacity: '\(capacity)' is not valid; expected a whole number of 1 or more")
            }
        }

        func run() async throws {
            let store = try global.openStore()
            guard var room = try store.room(RoomID(id)) else { throw CLIError.notFound(kind: "room", id: id) }
            if let name { room.name = name }
            if let capacity { room.capacity = capacity }
            if let features { room.features = features }
            try store.updateRoom(room, actor: global.actor, reason: reason)
            say("Room \(id): \(room.name), \(room.capacity) seats, \(room.features.listed).")
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a room out of service: no new booking uses it; its history stays.",
            discussion: """
                Sessions already booked there stay booked and are listed: each needs another room
                (parcours move). With --replan each first gets another room at the same time, else
                another time (all or nothing), in the same transaction as the deactivation.

                Example: parcours room deactivate R-101 --reason "bureau rendu" --replan
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The room's id.", transform: Parse.identifier) var id: String
        @Option(help: "Why, for the audit log.") var reason: String?
        @Flag(help: "First give every session ahead another room or time (all or nothing).") var replan = false

        func run() async throws {
            try ResourceActivation.deactivate(.room(RoomID(id)), replan: replan, reason: reason, global: global)
        }
    }

    struct Reactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a room back into service.",
            discussion: "Example: parcours room reactivate R-101 --reason \"travaux finis\"")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The room's id.", transform: Parse.identifier) var id: String
        @Option(help: "Why, for the audit log.") var reason: String?

        func run() async throws {
            try ResourceActivation.reactivate(.room(RoomID(id)), reason: reason, global: global)
        }
    }
}

extension InterpreterCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an interpreter's name, languages or hours.",
            discussion: """
                Sessions already booked with them stay booked, even outside new hours.

                Example: parcours interpreter edit I-HADDAD --languages ar,fr,ku --hours "mon-thu 09:00-17:00"
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The interpreter's id.", transform: Parse.identifier) var id: String
        @Option(help: "Full name, shown to staff only.", transform: Parse.name) var name: String?
        @Option(help: "Comma-separated language codes.", transform: Parse.languages) var languages: Set<LanguageCode>?
        @Option(help: "Weekly hours, e.g. \"tue,thu 09:00-17:00\".", transform: Parse.hours) var hours: WeeklyHours?
        @Option(help: "Why, for the audit log.") var reason: String?

        func validate() throws {
            guard name != nil || languages != nil || hours != nil else {
                throw ValidationError("nothing to change; give --name, --languages or --hours")
            }
            if let languages, languages.isEmpty {
                throw ValidationError("--languages: '' is not valid; expected at least one language code, e.g. ar,fr")
            }
        }

        func run() async throws {
            let store = try global.openStore()
            guard var interpreter = try store.interpreter(InterpreterID(id)) else {
                throw CLIError.notFound(kind: "interpreter", id: id)
            }
            if let name { interpreter.name = name }
            if let languages { interpreter.languages = languages }
            if let hours { interpreter.hours = hours }
            try store.updateInterpreter(interpreter, actor: global.actor, reason: reason)
            say("Interpreter \(id): \(interpreter.name), \(interpreter.languages.listed), \(interpreter.hours).")
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take an interpreter out of service: no new booking uses them; their history stays.",
            discussion: """
                Sessions already booked with them stay booked and are listed: each needs another
                interpreter (parcours move). With --replan each first gets another interpreter at the
                same time, else another time (all or nothing), in the same transaction.

                Example: parcours interpreter deactivate I-HADDAD --reason "fin de contrat" --replan
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The interpreter's id.", transform: Parse.identifier) var id: String
        @Option(help: "Why, for the audit log.") var reason: String?
        @Flag(help: "First give every session ahead another interpreter or time (all or nothing).") var replan = false

        func run() async throws {
            try ResourceActivation.deactivate(
                .interpreter(InterpreterID(id)), replan: replan, reason: reason, global: global)
        }
    }

    struct Reactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put an interpreter back into service.",
            discussion: "Example: parcours interpreter reactivate I-HADDAD")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The interpreter's id.", transform: Parse.identifier) var id: String
        @Option(help: "Why, for the audit log.") var reason: String?

        func run() async throws {
            try ResourceActivation.reactivate(.interpreter(InterpreterID(id)), reason: reason, global: global)
        }
    }
}

/// The one run of `deactivate` and `reactivate` for rooms and interpreters.
enum ResourceActivation {
    static func reactivate(_ resource: UnavailableResource, reason: String?, global: GlobalOptions) throws {
        let store = try global.openStore()
        try ResourceRetirement.setActive(
            resource, true, from: global.now, in: store, actor: global.actor, reason: reason)
        say("Reactivated \(resource): new bookings may use it again.")
    }

    static func deactivate(
        _ resource: UnavailableResource, replan: Bool, reason: String?, global: GlobalOptions
    ) throws {
        let service = try global.bookingService()
        let outcome = try service.retire(
            resource, replan: replan, reason: reason ?? "\(resource.kind) deactivated", today: global.todayInClinic)
        say("Deactivated \(resource): no new booking uses it.")
        let changed = outcome.sameTime + outcome.moved
        if !changed.isEmpty {
            say(
                "Moved \(changed.count) session\(changed.count == 1 ? "" : "s") ahead: \(outcome.sameTime.count) "
                    + "to another \(resource.kind) at the same time, \(outcome.moved.count) to another time.")
            say(SessionTable.render(changed).render())
        }
        let waiting = outcome.waiting
        guard !waiting.isEmpty else { return }
        say(
            "\(waiting.count) session\(waiting.count == 1 ? "" : "s") ahead still use it and need another "
                + "\(resource.kind):")
        say(SessionTable.render(waiting).render())
    }
}
