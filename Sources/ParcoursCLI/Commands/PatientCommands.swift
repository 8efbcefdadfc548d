import ArgumentParser
import CareModel
import Foundation
import Store

struct PatientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patient",
        abstract: "Register referrals, list and show patients (by pseudonymous code).",
        discussion: """
            Examples:
              parcours patient list --state enrolled
              parcours patient show P-VGPD
            """,
        subcommands: [Add.self, List.self, Show.self, Protect.self, Forget.self, Identity.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a referred patient; prints the pseudonymous code to use from then on.",
            discussion: """
                No contact channel is safe until the patient says so (--safe-channels): an abuser may
                read the victim's phone, mail or calendar.

                Example:
                  parcours patient add --birth 12/03/1988 --category domestic-violence \\
                    --source legal-aid --referred 2026-11-20 --given-name Léa --family-name Martin \\
                    --safe-channels phone
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Birth date (2026-11-26 or 26/11/2026).", transform: Parse.date) var birth: LocalDate
        @Option(help: "One of: \(VictimCategory.expectedValues).", transform: { try Parse.value($0) })
        var category: VictimCategory
        @Option(help: "Who referred: \(ReferralSource.expectedValues).", transform: { try Parse.value($0) })
        var source: ReferralSource
        @Option(help: "Referral date (default: today).", transform: Parse.date) var referred: LocalDate?
        @Option(help: "Language the patient speaks best (default fr).", transform: Parse.language)
        var language: LanguageCode = .french
        @Flag(inversion: .prefixedNo, help: "Sessions need an interpreter (default: when the language is not fr).")
        var interpreter: Bool?
        @Option(help: "Given name (kept apart from clinical data).", transform: Parse.name) var givenName: String?
        @Option(help: "Family name (kept apart from clinical data).", transform: Parse.name) var familyName: String?
        @Option(help: "Phone number.") var phone: String?
        @Option(help: "Email address.") var email: String?
        @Option(help: "Postal address.") var address: String?
        @Option(
            help: "Channels the patient says are safe: \(ContactChannel.expectedValues).",
            transform: { try Parse.values($0) })
        var safeChannels: Set<ContactChannel> = []
        @Option(help: "A patient this one must never meet on site (repeatable).", transform: Parse.patientCode)
        var keepApart: [PatientCode] = []
        @Flag(help: "Needs an accessible room.") var accessible = false
        @Flag(help: "Address protected: never named, even by code, in any export, feed or report detail.")
        var addressProtected = false

        func validate() throws {
            if let referred, referred < birth {
                throw ValidationError(
                    "--referred: \(referred) is before --birth \(birth); expected a referral after birth")
            }
        }

        func run() async throws {
            let today = global.todayInClinic
            let referralDate = referred ?? today
            if let expected = PlausibleDates.birth(birth, today: today) {
                throw CLIError.invalidArgument(name: "--birth", value: birth.iso, expected: expected)
            }
            if let expected = PlausibleDates.referral(referralDate, birth: birth, today: today) {
                throw CLIError.invalidArgument(name: "--referred", value: referralDate.iso, expected: expected)
            }
            let store = try global.openStore()
            var rng = SystemRandomNumberGenerator()
            let code = try store.newPatientCode(using: &rng)
            let patient = Patient(
                code: code, birthDate: birth, category: category, language: language,
                needsInterpreter: interpreter, referralSource: source, referralDate: referralDate,
                safeChannels: safeChannels, keepApart: Set(keepApart), needsAccessibleRoom: accessible,
                addressProtected: addressProtected)
            for other in keepApart where try store.patient(other) == nil {
                throw CLIError.notFound(kind: "patient", id: other.rawValue)
            }
            let identity: PatientIdentity? =
                givenName == nil && familyName == nil && phone == nil && email == nil && address == nil
                ? nil
                : PatientIdentity(
                    code: code, givenName: givenName ?? "", familyName: familyName ?? "",
                    phone: phone, email: email, address: address)
            try store.addPatient(patient, identity: identity, actor: global.actor, reason: "referral registered")
            say("Registered \(code): \(category.label), referred \(Shown.day(referralDate)) by \(source.rawValue).")
            if addressProtected { say("Address protected: left out of every export, feed and report detail.") }
            if patient.needsInterpreter { say("Sessions will need an interpreter in '\(language)'.") }
            if safeChannels.isEmpty {
                say("No contact channel is marked safe: no call, text, mail or calendar invite will be sent.")
            }
            if patient.age(on: referralDate) < 18 {
                say(
                    "Under 18 on the referral date: no adult track will take this patient; refer to child and adolescent psychiatry."
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List patients by code, with their pathway state (names only with --identity).",
            discussion: """
                An address-protected patient's name shows as "protected", even with --identity, unless
                --show-protected is given; that access is written to the audit log.

                Example: parcours patient list --category migrant --state enrolled
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only this category.", transform: { try Parse.value($0) }) var category: VictimCategory?
        @Option(help: "Only this state: \(EnrolmentState.expectedValues).", transform: { try Parse.value($0) })
        var state: EnrolmentState?
        @Flag(help: "Also show names.") var identity = false
        @Flag(help: "With --identity, show protected patients' names too (audited).") var showProtected = false

        struct Row: Encodable {
            let code: String, age: Int, category: String, language: String, interpreter: Bool
            let referred: String, source: String, state: String, track: String?
            let name: String?, addressProtected: Bool
        }

        func validate() throws {
            if showProtected && !identity { throw ValidationError("--show-protected goes with --identity") }
        }

        func run() async throws {
            let store = try showProtected ? global.openStore() : global.openStoreReadOnly()
            let today = global.todayInClinic
            let current = try currentEnrolments(store)
            let listed = try store.patients().filter { p in
                let pState = current[p.code]?.state ?? .referred
                return (category.map { p.category == $0 } ?? true) && (state.map { pState == $0 } ?? true)
            }
            let revealed = showProtected ? listed.filter(\.addressProtected).map(\.code) : []
            try store.recordProtectedIdentityAccess(
                revealed, actor: global.actor, reason: "patient list --show-protected")
            let rows = try listed.map { p -> Row in
                let enrolment = current[p.code]
                return Row(
                    code: p.code.rawValue, age: p.age(on: today), category: p.category.rawValue,
                    language: p.language.rawValue, interpreter: p.needsInterpreter,
                    referred: p.referralDate.iso, source: p.referralSource.rawValue,
                    state: (enrolment?.state ?? .referred).rawValue, track: enrolment?.track.rawValue,
                    name: identity ? try displayName(p, store: store, reveal: showProtected) : nil,
                    addressProtected: p.addressProtected)
            }
            try emit(rows, format: output.format) {
                var table = TextTable("CODE", "AGE", "CATEGORY", "LANG", "REFERRED", "SOURCE", "STATE", "TRACK")
                if identity { table.headers.insert("NAME", at: 1) }
                for r in rows {
                    var cells = [
                        r.code, String(r.age), r.category, r.language + (r.interpreter ? "*" : ""),
                        Shown.day(iso: r.referred), r.source, r.state, r.track ?? "-",
                    ]
                    if identity { cells.insert(r.name ?? "-", at: 1) }
                    table.add(row: cells)
                }
                return table
            }
            if output.format == .table, !rows.isEmpty {
                say("\(rows.count) patient\(rows.count == 1 ? "" : "s"); * = needs an interpreter")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a patient's record; identity and contact only with --identity.",
            discussion: "Example: parcours patient show P-VGPD --identity"
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The patient's code, e.g. P-7KQ2.", transform: Parse.patientCode) var code: PatientCode
        @Flag(help: "Also show name and contact details.") var identity = false
        @Flag(help: "With --identity, show a protected patient's identity too (audited).") var showProtected = false

        struct Record: Encodable {
            let patient: Patient
            let identity: PatientIdentity?
            let enrolments: [Enrolment]
            let forgottenAt: Date?
            /// Every session of the current pathway, in time order.
            let sessions: [SessionTable.Row]
        }

        func validate() throws {
            if showProtected && !identity { throw ValidationError("--show-protected goes with --identity") }
        }

        func run() async throws {
            let store = try showProtected ? global.openStore() : global.openStoreReadOnly()
            guard let p = try store.patient(code) else { throw CLIError.notFound(kind: "patient", id: code.rawValue) }
            let hidden = p.addressProtected && !showProtected
            if identity, p.addressProtected, showProtected {
                try store.recordProtectedIdentityAccess(
                    [code], actor: global.actor, reason: "patient show --show-protected")
            }
            let who = identity && !hidden ? try store.identity(code) : nil
            let forgotten = try store.forgottenAt(code)
            let enrolments = try store.enrolments(patient: code)
            let schedule = try PatientSchedule.sessions(
                store, patient: code, track: try currentEnrolments(store)[code]?.track)
            if output.format == .json {
                say(
                    try renderJSON(
                        Record(
                            patient: p, identity: who, enrolments: enrolments, forgottenAt: forgotten,
                            sessions: schedule.map(SessionTable.Row.init))))
                return
            }
            let today = global.todayInClinic
            var lines = ["\(p.code)  \(p.category.label), \(p.age(on: today)) years old"]
            if identity && hidden {
                lines.append("  name         protected (address protected; --show-protected to see it, audited)")
            } else if identity, who == nil, let forgotten {
                lines.append("  name         (identity erased on \(Shown.day(forgotten)) at the patient's request)")
            } else if identity {
                if let who {
                    lines.append("  name         \(who.givenName) \(who.familyName)")
                    if let phone = who.phone { lines.append("  phone        \(phone)") }
                    if let email = who.email { lines.append("  email        \(email)") }
                    if let address = who.address { lines.append("  address      \(address)") }
                } else {
                    lines.append("  name         (no identity recorded)")
                }
            }
            lines.append("  born         \(p.birthDate)")
            lines.append("  language     \(p.language)\(p.needsInterpreter ? " (interpreter needed)" : "")")
            lines.append("  referred     \(Shown.day(p.referralDate)) by \(p.referralSource.rawValue)")
            lines.append("  safe contact \(p.safeChannels.isEmpty ? "none (do not contact)" : p.safeChannels.listed)")
            if !p.keepApart.isEmpty {
                lines.append("  keep apart   \(p.keepApart.map(\.rawValue).sorted().joined(separator: ", "))")
            }
            if p.needsAccessibleRoom { lines.append("  room         accessible") }
            if p.addressProtected {
                lines.append("  privacy      address protected: left out of exports, feeds and report details")
            }
            if enrolments.isEmpty {
                lines.append("  pathway      referred, not enrolled")
            }
            for e in enrolments {
                lines.append("  pathway      \(e.track): \(e.state.label) (enrolled \(Shown.day(e.enrolledOn)))")
                for t in e.history {
                    lines.append(
                        "               \(Shown.dateTime(t.at))  \(t.from.label) -> \(t.to.label)\(t.reason.map { ": \($0)" } ?? "")"
                    )
                }
            }
            if !enrolments.isEmpty { lines += PatientSchedule.lines(schedule) }
            say(lines.joined(separator: "\n"))
        }
    }
}

/// Each patient's current enrolment (the active one, else the latest), for listings.
func currentEnrolments(_ store: ParcoursStore) throws -> [PatientCode: Enrolment] {
    var result: [PatientCode: Enrolment] = [:]
    for e in try store.enrolments() {
        if let existing = result[e.patient], !existing.state.isTerminal, e.state.isTerminal { continue }
        if let existing = result[e.patient], (existing.id ?? 0) > (e.id ?? 0),
            existing.state.isTerminal == e.state.isTerminal
        {
            continue
        }
        result[e.patient] = e
    }
    return result
}

/// The name a listing shows: "protected" for an address-protected patient unless revealed.
func displayName(_ patient: Patient, store: ParcoursStore, reveal: Bool) throws -> String {
    if patient.addressProtected && !reveal { return "protected" }
    guard let who = try store.identity(patient.code) else {
        return try store.forgottenAt(patient.code) == nil ? "-" : "(forgotten)"
    }
    return "\(who.givenName) \(who.familyName)".trimmingCharacters(in: .whitespaces)
}
