import CareModel
import Foundation
import Store

extension BookingService {
    /// The rows of one group session (`members`: every patient's row, same cohort and start) in
    /// another room at the same time, all in the same one; nil when none fits.
    ///
    /// A group session cannot go through ``alternative(for:instead:besides:today:)`` row by row
    /// (the checker would see the group split over two rooms), so the room is judged for the
    /// whole session: at least the features of the room it leaves (the group and accessibility
    /// it was chosen for), seats for every patient, clinician and interpreter, free and not
    /// unavailable then, and not taken by another swap of the batch (`besides`).
    func groupRoomAlternative(
        for members: [Appointment], instead room: RoomID, besides: [Appointment]
    ) throws(BookingError) -> [Appointment]? {
        guard let first = members.first else { return nil }
        let start = first.start, end = first.end
        let rooms = try wrap { () throws(StoreError) in try store.rooms() }
        guard let leaving = rooms.first(where: { $0.id == room }) else { return nil }
        let people =
            Set(members.map(\.patient)).count + Set(members.flatMap(\.clinicians)).count
            + Set(members.compactMap(\.interpreter)).count
        let busy = try wrap { () throws(StoreError) in try store.activeAppointments(from: start, to: end) }
            .filter { $0.start < end && start < $0.end }
        for candidate in rooms
        where candidate.id != room && candidate.active && candidate.capacity >= people
            && leaving.features.isSubset(of: candidate.features)
        {
            let taken =
                busy.contains { $0.room == candidate.id }
                || besides.contains { $0.room == candidate.id && $0.start < end && start < $0.end }
            guard !taken else { continue }
            let away = try wrap { () throws(StoreError) in
                try store.unavailabilities(of: .room(candidate.id), from: start, to: end)
            }
            guard away.isEmpty else { continue }
            return members.map { row in
                var moved = row
                moved.room = candidate.id
                return moved
            }
        }
        return nil
    }
}
