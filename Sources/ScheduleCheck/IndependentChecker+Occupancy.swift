import CareModel
import Foundation
import SchedulingModel

/// A session holding resources: an existing booking or a proposed row.
struct Occupant {
    let start: Date
    let end: Date
    /// Rows of one group session share a unit; every other row is a unit of its own.
    let unit: String
    var proposed: Bool
    let label: String
    let patient: PatientCode
    let clinicians: [ClinicianID]
    let room: RoomID?
    let interpreter: InterpreterID?
    let cohort: String?
    let date: LocalDate

    func overlaps(_ other: Occupant, margin: TimeInterval = 0) -> Bool {
        start.addingTimeInterval(-margin) < other.end.addingTimeInterval(margin)
            && other.start.addingTimeInterval(-margin) < end.addingTimeInterval(margin)
    }
}

/// Rules between rows: double bookings, room capacity, one a day, keep-apart.
extension CheckRun {
    /// Rows of the same cohort, at the same time, in the same room, with the same facilitators are
    /// one group session; anything else sharing a resource at an overlapping time is a double booking.
    static func unit(
        cohort: String?, start: Date, end: Date, room: RoomID?, clinicians: [ClinicianID], fallback: String
    ) -> String {
        guard let cohort else { return fallback }
        let staff = clinicians.map(\.rawValue).sorted().joined(separator: ",")
        return
            "g|\(cohort)|\(start.timeIntervalSince1970)|\(end.timeIntervalSince1970)|\(room?.rawValue ?? "")|\(staff)"
    }

    /// Every occupant of the instance, built once per check (``CheckRun/occupants``): each rule
    /// that reads them used to rebuild them, labels and all, which was most of a stored-calendar check.
    static func occupants(problem: SchedulingProblem, rows: [LocalRow], zone: ClinicTimeZone) -> [Occupant] {
        let existing = problem.existing.enumerated().map { i, b in
            let local = zone.local(b.start)
            return Occupant(
                start: b.start, end: b.end,
                unit: Self.unit(
                    cohort: b.cohort, start: b.start, end: b.end, room: b.room, clinicians: b.clinicians,
                    fallback: "e|\(i)"),
                proposed: false,
                label: "existing \(b.patient) \(b.step)#\(b.occurrence) on \(local.date.iso) \(local.time)",
                patient: b.patient, clinicians: b.clinicians, room: b.room, interpreter: b.interpreter,
                cohort: b.cohort,
                date: local.date)
        }
        let proposed = rows.map { row in
            let s = row.session
            return Occupant(
                start: s.start, end: s.end,
                unit: Self.unit(
                    cohort: s.cohort, start: s.start, end: s.end, room: s.room, clinicians: s.clinicians,
                    fallback: "p|\(row.index)"),
                proposed: true, label: row.label, patient: s.patient, clinicians: s.clinicians, room: s.room,
                interpreter: s.interpreter, cohort: s.cohort, date: row.date)
        }
        return existing + proposed
    }

    mutating func checkOccupancy() {
        var byClinician: [ClinicianID: [Occupant]] = [:], byRoom: [RoomID: [Occupant]] = [:]
        var byInterpreter: [InterpreterID: [Occupant]] = [:], byPatient: [PatientCode: [Occupant]] = [:]
        for occupant in occupants {
            for id in Set(occupant.clinicians) { byClinician[id, default: []].append(occupant) }
            if let room = occupant.room { byRoom[room, default: []].append(occupant) }
            if let id = occupant.interpreter { byInterpreter[id, default: []].append(occupant) }
            byPatient[occupant.patient, default: []].append(occupant)
        }
        for (id, list) in byClinician.sorted(by: { $0.key < $1.key }) {
            sweep(.clinicianDoubleBooked, "clinician \(id)", Self.oneRowPerUnit(list))
        }
        for (id, list) in byRoom.sorted(by: { $0.key < $1.key }) {
            sweep(.roomDoubleBooked, "room \(id)", Self.oneRowPerUnit(list))
        }
        for (id, list) in byInterpreter.sorted(by: { $0.key < $1.key }) {
            sweep(.interpreterDoubleBooked, "interpreter \(id)", Self.oneRowPerUnit(list))
        }
        for (id, list) in byPatient.sorted(by: { $0.key < $1.key }) {
            sweep(.patientDoubleBooked, "patient \(id)", list)
        }
    }

    /// A group session holds its clinicians, room and interpreter once, however many patients attend.
    static func oneRowPerUnit(_ list: [Occupant]) -> [Occupant] {
        var position: [String: Int] = [:]
        var result: [Occupant] = []
        for occupant in list {
            if let i = position[occupant.unit] {
                result[i].proposed = result[i].proposed || occupant.proposed
            } else {
                position[occupant.unit] = result.count
                result.append(occupant)
            }
        }
        return result
    }

    /// Counts each overlapping pair once, when at least one of the two is proposed.
    mutating func sweep(_ kind: ViolationKind, _ resource: String, _ list: [Occupant]) {
        let sorted = list.sorted { ($0.start, $0.end, $0.label) < ($1.start, $1.end, $1.label) }
        for i in sorted.indices {
            var j = i + 1
            while j < sorted.count, sorted[j].start < sorted[i].end {
                if sorted[i].proposed || sorted[j].proposed {
                    flag(kind, "\(resource): \(sorted[i].label) overlaps \(sorted[j].label)")
                }
                j += 1
            }
        }
    }

    /// Capacity counts people: the patients of the session, its clinicians and its interpreter(s).
    mutating func checkRoomCapacity() {
        var units: [String: [Occupant]] = [:]
        var order: [String] = []
        for occupant in occupants {
            if units[occupant.unit] == nil { order.append(occupant.unit) }
            units[occupant.unit, default: []].append(occupant)
        }
        for key in order {
            guard let members = units[key], let first = members.first, members.contains(where: \.proposed),
                let roomID = first.room, let room = rooms[roomID]
            else { continue }
            let people =
                Set(members.map(\.patient)).count + Set(members.flatMap(\.clinicians)).count
                + Set(members.compactMap(\.interpreter)).count
            if people > room.capacity {
                flag(.roomTooSmall, "\(first.label): \(people) people in \(room.id), which seats \(room.capacity)")
            }
        }
    }

    /// A patient comes at most once a local day, counting sessions already booked.
    mutating func checkOnePerDay() {
        var byDay: [String: [Occupant]] = [:]
        for occupant in occupants {
            byDay[occupant.patient.rawValue + "|" + occupant.date.iso, default: []].append(occupant)
        }
        for key in byDay.keys.sorted() {
            guard let list = byDay[key], list.count > 1, list.contains(where: \.proposed) else { continue }
            let sorted = list.sorted { $0.start < $1.start }
            for extra in sorted.dropFirst() {
                flag(.twoSessionsOneDay, "\(extra.label): \(extra.patient) already comes that day (\(sorted[0].label))")
            }
        }
    }

    /// Two patients kept apart are never on site within 15 minutes of each other, nor in one group.
    mutating func checkKeepApart() {
        var pairs: Set<[PatientCode]> = []
        for patient in problem.patients {
            for other in patient.keepApart where other != patient.code { pairs.insert([patient.code, other].sorted()) }
        }
        var byPatient: [PatientCode: [Occupant]] = [:]
        for occupant in occupants { byPatient[occupant.patient, default: []].append(occupant) }
        for pair in pairs.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let a = byPatient[pair[0]] ?? [], b = byPatient[pair[1]] ?? []
            var sharedCohorts: Set<String> = []
            for x in a {
                for y in b where x.proposed || y.proposed {
                    if let cohort = x.cohort, cohort == y.cohort {
                        if sharedCohorts.insert(cohort).inserted {
                            flag(.keepApart, "\(pair[0]) and \(pair[1]) are both in group \(cohort)")
                        }
                    } else if x.overlaps(y, margin: 15 * 60) {
                        flag(.keepApart, "\(x.label) is within 15 min of \(y.label)")
                    }
                }
            }
        }
    }
}
