import CareModel
import Foundation

/// A snapshot turned into indexes once, then booked into request after request.
///
/// Building it reads every existing session and absence once; each booking then checks a few
/// small arrays. The batch books into one of these, and a caller booking several series in a row
/// (or a benchmark) can keep one too, committing each accepted proposal with ``commit(_:)``.
public struct PreparedProblem: Sendable {
    public let problem: SchedulingProblem
    public let weights: ObjectiveWeights
    let zone: ClinicTimeZone
    let today: Int
    let horizonEnd: Int
    let slot: Int

    /// Per local day from `today`: the UTC offset in minutes, or nil on a DST change day.
    let dayOffset: [Int?]
    let dayClosed: [Bool]

    let clinicians: [ClinicianInfo]
    let rooms: [RoomInfo]
    let interpreters: [InterpreterInfo]
    var patients: [PatientInfo]
    let clinicianIndex: [ClinicianID: Int]
    let roomIndex: [RoomID: Int]
    let interpreterIndex: [InterpreterID: Int]
    var patientIndex: [PatientCode: Int]

    /// Global resource numbers: clinicians, rooms, interpreters, then patients.
    var roomBase: Int { clinicians.count }
    var interpreterBase: Int { clinicians.count + rooms.count }
    var patientBase: Int { clinicians.count + rooms.count + interpreters.count }

    var occupancy: Occupancy
    /// Absences per global resource (patients have none).
    let absences: [[Span]]
    /// Sessions per patient per local day from `today`.
    var patientDays: [UInt8]
    let dayCount: Int
    /// Minutes booked per clinician per week (Monday-based weeks from `baseWeek`).
    var weekLoad: [Int]
    let baseWeek: Int
    let weekCount: Int
    /// Per clinician, ``ClinicianCap`` limits (Int.max when none), and what counts against them:
    /// sessions per clinician per day, minutes per clinician per week (a group session once).
    let dayCap: [Int]
    let weekCap: [Int]
    /// Whether any clinician has a cap (a planner's remembered workable days do not hold then).
    let hasCaps: Bool
    var capSessions: [UInt8]
    var capMinutes: [Int]
    /// Per clinician and local day, the longest session the day can still take (FreeRuns.swift);
    /// empty until a batch asks for it.
    var freeRuns: [Int] = []

    public init(_ problem: SchedulingProblem, weights: ObjectiveWeights = .standard) {
        self.problem = problem
        self.weights = weights
        let zone = ClinicTimeZone(identifier: problem.timeZone) ?? .paris
        self.zone = zone
        today = problem.today.daysSinceEpoch
        horizonEnd = max(problem.horizonEnd.daysSinceEpoch, today)
        slot = max(problem.slotMinutes, 5)
        dayCount = horizonEnd - today + 1

        let closed = Set(problem.closedDays.map(\.daysSinceEpoch))
        var offsets: [Int?] = []
        offsets.reserveCapacity(dayCount)
        for day in today...horizonEnd {
            offsets.append(Self.uniformOffset(zone, day))
        }
        dayOffset = offsets
        dayClosed = (today...horizonEnd).map { closed.contains($0) }

        clinicians = problem.clinicians.map(ClinicianInfo.init)
        // An inactive room or interpreter is never offered: left out, as if it did not exist.
        let usableRooms = problem.rooms.filter(\.active)
        let usableInterpreters = problem.interpreters.filter(\.active)
        rooms = usableRooms.map(RoomInfo.init)
        interpreters = usableInterpreters.map(InterpreterInfo.init)
        clinicianIndex = Dictionary(
            problem.clinicians.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        roomIndex = Dictionary(usableRooms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        interpreterIndex = Dictionary(
            usableInterpreters.enumerated().map { ($1.id, $0) },
            uniquingKeysWith: { a, _ in a })

        // Every patient named anywhere gets an index, so history and keep-apart always resolve.
        var patientList: [PatientNeeds] = problem.patients
        var index: [PatientCode: Int] = [:]
        for (i, p) in patientList.enumerated() where index[p.code] == nil { index[p.code] = i }
        let named =
            problem.existing.map(\.patient) + problem.requests.map(\.patient)
            + problem.patients.flatMap { $0.keepApart.sorted() }
        for code in named where index[code] == nil {
            index[code] = patientList.count
            patientList.append(PatientNeeds(code: code))
        }
        var infos = patientList.map { PatientInfo(needs: $0) }
        for (i, p) in patientList.enumerated() {
            for other in p.keepApart {
                guard let j = index[other], j != i else { continue }
                if !infos[i].keepApart.contains(j) { infos[i].keepApart.append(j) }
                if !infos[j].keepApart.contains(i) { infos[j].keepApart.append(i) }
            }
        }
        patients = infos
        patientIndex = index

        let resourceCount = clinicians.count + rooms.count + interpreters.count + patientList.count
        // One spare UTC day each side: the local day straddles two UTC days.
        occupancy = Occupancy(resourceCount: resourceCount, baseDay: today - 1, dayCount: dayCount + 2)
        patientDays = Array(repeating: 0, count: patientList.count * dayCount)
        baseWeek = Self.week(today)
        weekCount = Self.week(horizonEnd) - baseWeek + 1
        weekLoad = Array(repeating: 0, count: clinicians.count * weekCount)
        var dayCaps = Array(repeating: Int.max, count: clinicians.count)
        var weekCaps = dayCaps
        for cap in problem.caps {
            guard let c = clinicianIndex[cap.clinician] else { continue }
            if let n = cap.sessionsPerDay { dayCaps[c] = min(dayCaps[c], max(n, 0)) }
            if let m = cap.minutesPerWeek { weekCaps[c] = min(weekCaps[c], max(m, 0)) }
        }
        dayCap = dayCaps
        weekCap = weekCaps
        hasCaps = dayCaps.contains { $0 != Int.max } || weekCaps.contains { $0 != Int.max }
        capSessions = Array(repeating: 0, count: clinicians.count * dayCount)
        capMinutes = Array(repeating: 0, count: clinicians.count * weekCount)

        var absenceLists = Array(repeating: [Span](), count: resourceCount)
        let base = (clinicians.count, clinicians.count + rooms.count)
        let patientStart = base.1 + interpreters.count
        for absence in problem.absences {
            let span = Span(start: Self.minute(absence.start), end: Self.minute(absence.end, roundUp: true))
            let resource: Int?
            switch absence.kind {
            case .clinician: resource = clinicianIndex[ClinicianID(absence.id)]
            case .room: resource = roomIndex[RoomID(absence.id)].map { $0 + base.0 }
            case .interpreter: resource = interpreterIndex[InterpreterID(absence.id)].map { $0 + base.1 }
            case .patient: resource = index[PatientCode(absence.id)].map { $0 + patientStart }
            }
            if let resource { absenceLists[resource].append(span) }
        }
        absences = absenceLists.map { $0.sorted { $0.start < $1.start } }

        for session in problem.existing {
            let span = Span(start: Self.minute(session.start), end: Self.minute(session.end, roundUp: true))
            let clinicianSlots = session.clinicians.compactMap { clinicianIndex[$0] }
            let patient = index[session.patient]
            let day = localDay(span.start)
            record(
                span: span, day: day, clinicians: clinicianSlots,
                room: session.room.flatMap { roomIndex[$0] },
                interpreter: session.interpreter.flatMap { interpreterIndex[$0] }, patient: patient)
        }
    }

    /// Marks the resources of one session busy.
    mutating func record(
        span: Span, day: Int, clinicians clinicianSlots: [Int], room: Int?, interpreter: Int?,
        patient: Int?
    ) {
        for c in clinicianSlots {
            // Another row of the same group session holds this span already: count it once.
            let fresh = occupancy.isFree(c, span.start, span.end)
            occupancy.insert(span, for: c)
            let week = Self.week(day) - baseWeek
            if (0..<weekCount).contains(week) {
                weekLoad[c * weekCount + week] += span.end - span.start
                if fresh { capMinutes[c * weekCount + week] += span.end - span.start }
            }
            let d = day - today
            if fresh, (0..<dayCount).contains(d) { capSessions[c * dayCount + d] &+= 1 }
            refreshFreeRuns(c, around: span)
        }
        if let room { occupancy.insert(span, for: roomBase + room) }
        if let interpreter { occupancy.insert(span, for: interpreterBase + interpreter) }
        if let patient {
            occupancy.insert(span, for: patientBase + patient)
            let d = day - today
            if (0..<dayCount).contains(d) {
                let i = patient * dayCount + d
                patientDays[i] = patientDays[i] &+ 1
            }
        }
    }

    /// Adds an accepted proposal to the occupancy, so the next booking sees it.
    public mutating func commit(_ proposal: Proposal) {
        commit(proposal.sessions)
    }

    /// Adds proposed sessions (a cohort's rows, a proposal's) to the occupancy.
    public mutating func commit(_ sessions: [ProposedSession]) {
        for session in sessions {
            let patient = patientIndex[session.patient] ?? addPatient(session.patient)
            record(
                span: Span(start: Self.minute(session.start), end: Self.minute(session.end, roundUp: true)),
                day: localDay(Self.minute(session.start)),
                clinicians: session.clinicians.compactMap { clinicianIndex[$0] }, room: roomIndex[session.room],
                interpreter: session.interpreter.flatMap { interpreterIndex[$0] }, patient: patient)
        }
    }

    /// Takes proposed sessions out of the occupancy again: the exact inverse of ``commit(_:)-([ProposedSession])``
    /// for individual sessions, so the improvement phase can ruin a series and put it back.
    mutating func release(_ sessions: [ProposedSession]) {
        for session in sessions {
            guard let patient = patientIndex[session.patient] else { continue }
            let span = Span(start: Self.minute(session.start), end: Self.minute(session.end, roundUp: true))
            let day = localDay(span.start)
            for c in session.clinicians.compactMap({ clinicianIndex[$0] }) {
                occupancy.remove(span, for: c)
                let week = Self.week(day) - baseWeek
                if (0..<weekCount).contains(week) {
                    weekLoad[c * weekCount + week] -= span.end - span.start
                    capMinutes[c * weekCount + week] -= span.end - span.start
                }
                let d = day - today
                if (0..<dayCount).contains(d) { capSessions[c * dayCount + d] &-= 1 }
                refreshFreeRuns(c, around: span)
            }
            if let room = roomIndex[session.room] { occupancy.remove(span, for: roomBase + room) }
            if let i = session.interpreter.flatMap({ interpreterIndex[$0] }) {
                occupancy.remove(span, for: interpreterBase + i)
            }
            occupancy.remove(span, for: patientBase + patient)
            let d = day - today
            if (0..<dayCount).contains(d) {
                let i = patient * dayCount + d
                patientDays[i] = patientDays[i] &- 1
            }
        }
    }

    /// A patient first seen in a request: no needs known, no history.
    mutating func addPatient(_ code: PatientCode) -> Int {
        // Patients are last in the resource space, so a new one only extends the arrays.
        let i = patients.count
        patients.append(PatientInfo(needs: PatientNeeds(code: code)))
        patientIndex[code] = i
        occupancy.appendResource()
        patientDays.append(contentsOf: repeatElement(0, count: dayCount))
        return i
    }

    // MARK: - Time

    static func minute(_ date: Date, roundUp: Bool = false) -> Int {
        let m = date.timeIntervalSince1970 / 60
        return Int(roundUp ? m.rounded(.up) : m.rounded(.down))
    }

    static func date(_ minute: Int) -> Date { Date(timeIntervalSince1970: Double(minute) * 60) }

    static func week(_ day: Int) -> Int {
        let shifted = day + 3 // 1970-01-01 was a Thursday; weeks start on Monday
        return shifted >= 0 ? shifted / 7 : (shifted - 6) / 7
    }

    /// The UTC offset in minutes that holds all day, or nil when the offset changes that day.
    ///
    /// Two look-ups bracketing the local day (no zone is more than 14 hours from UTC) instead of
    /// converting local times: a day next to a transition may come out nil, which only sends it to
    /// the exact, slower path.
    static func uniformOffset(_ zone: ClinicTimeZone, _ day: Int) -> Int? {
        let before = Date(timeIntervalSince1970: Double(day * 86_400 - 14 * 3600))
        let after = Date(timeIntervalSince1970: Double((day + 1) * 86_400 + 14 * 3600))
        let a = zone.timeZone.secondsFromGMT(for: before), b = zone.timeZone.secondsFromGMT(for: after)
        return a == b ? a / 60 : nil
    }

    /// UTC minute of local `time` (minutes) on local `day`; nil inside the spring-forward gap.
    func utcMinute(day: Int, time: Int) -> Int? {
        let d = day - today
        if d >= 0, d < dayCount, let offset = dayOffset[d] { return day * 1440 + time - offset }
        guard let t = LocalTime(minutes: time), t.minutes < 1440,
            let instant = zone.instant(on: LocalDate(daysSinceEpoch: day), at: t)
        else { return nil }
        return Self.minute(instant)
    }

    /// The local day of a UTC minute, from the day table when the offset is known (no zone lookup).
    func localDay(_ utc: Int) -> Int {
        let guess = Occupancy.day(utc + 120) - today // Paris is UTC+1 or +2
        if guess >= 0, guess < dayCount, let offset = dayOffset[guess], Occupancy.day(utc + offset) == guess + today {
            return guess + today
        }
        return zone.local(Self.date(utc)).date.daysSinceEpoch
    }

    /// Local wall-clock minutes of a UTC minute, on its own local day.
    func localMinutes(_ utc: Int) -> (day: Int, time: Int) {
        let local = zone.local(Self.date(utc))
        return (local.date.daysSinceEpoch, local.time.minutes)
    }
}

extension Occupancy {
    mutating func appendResource() {
        buckets.append(contentsOf: repeatElement([], count: dayCount))
    }
}
