import CareModel
import Foundation

/// Where the Booking service draws the random part of the ids it gives new sessions and groups.
///
/// The product draws from the system generator, so an id says nothing about the ones before it.
/// A simulation or a benchmark injects a seeded source instead: ids order sessions that start
/// together (agendas, the day's sessions, replans), so the same seed must book the same ids for a
/// run to be replayed (`bench simulate --seed`).
public struct IdentifierSource: Sendable {
    private let draw: @Sendable () -> UInt64

    private init(draw: @escaping @Sendable () -> UInt64) { self.draw = draw }

    /// The system's random generator: the product's ids.
    public static let system = IdentifierSource {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }

    /// The same sequence for the same seed, shared by every copy of the source (a service copied
    /// to change its snapshot keeps drawing from one sequence).
    public static func seeded(_ seed: UInt64) -> IdentifierSource {
        let sequence = SeededSequence(seed: seed)
        return IdentifierSource { sequence.next() }
    }

    /// A generator drawing from this source, for ``AppointmentIDs``.
    var generator: Generator { Generator(source: self) }

    struct Generator: RandomNumberGenerator {
        let source: IdentifierSource
        mutating func next() -> UInt64 { source.draw() }
    }
}

/// A ``SeededGenerator`` behind a lock, so copies of a service on several threads still draw one
/// sequence (each value once).
private final class SeededSequence: @unchecked Sendable {
    private let lock = NSLock()
    private var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    func next() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return generator.next()
    }
}
