import CareModel
import Foundation
import Store
import Testing

/// The names the desk's day sheet and agenda show: the same as the whole records' names.
@Suite struct ResourceNamesTests {
    @Test func namesByIdMatchTheWholeRecordsIncludingInactiveClinicians() throws {
        try withTemporaryStore { store throws in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            var retired = Fixtures.benali
            retired.active = false
            try store.addClinician(retired, actor: Fixtures.secretary)
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            try store.addRoom(Fixtures.groupe, actor: Fixtures.secretary)
            try store.addInterpreter(Fixtures.amiri, actor: Fixtures.secretary)
            let names = try store.resourceNames()
            #expect(
                names.clinicians == Dictionary(uniqueKeysWithValues: try store.clinicians().map { ($0.id, $0.name) }))
            #expect(names.clinicians[Fixtures.benali.id] == Fixtures.benali.name)
            #expect(names.rooms == ["R-1": "Salle 1", "R-GROUPE": "Salle de groupe"])
            #expect(names.interpreters == [Fixtures.amiri.id: Fixtures.amiri.name])
        }
    }

    @Test func anEmptyCentreHasNoNames() throws {
        try withTemporaryStore { store throws in
            #expect(try store.resourceNames() == ResourceNames(clinicians: [:], rooms: [:], interpreters: [:]))
        }
    }
}
