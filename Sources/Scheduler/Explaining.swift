import CareModel

extension PreparedProblem {
    /// Turns the deepest failure of a series into words: binding constraints, resources involved,
    /// and the earliest day this session alone would fit.
    func explain(_ failure: SeriesFailure, request: SeriesRequest) -> Explanation {
        let q = failure.query
        var binding: [Constraint] = []
        var involved: [ResourceRef] = []
        var diagnostics = Diagnostics(recordResources: true)
        let isStatic = q.pool.isEmpty || q.rooms.isEmpty || q.interpreterImpossible
        if q.pool.isEmpty, let c = q.continuityClinician {
            // The clinician continuity requires is unknown, inactive or not qualified for this step.
            binding.append(.continuity)
            if c >= 0 { involved.append(.clinician(clinicians[c].id)) }
        }
        if q.pool.isEmpty {
            binding.append(.noQualifiedClinician)
            if let id = request.fixedClinician { involved.append(.clinician(id)) }
        } else if q.rooms.isEmpty {
            binding.append(.noSuitableRoom)
        } else if q.interpreterImpossible {
            binding.append(.noInterpreterForLanguage)
            involved.append(.patient(request.patient))
        } else if q.lo > q.hi {
            binding.append(q.lo > horizonEnd ? .horizon : .spacing)
        } else {
            _ = findBest(q, diagnostics: &diagnostics)
            let ranked = Constraint.allCases.filter { diagnostics.counts[$0.ordinal] > 0 }
                .sorted { diagnostics.counts[$0.ordinal] > diagnostics.counts[$1.ordinal] }
            let top = ranked.first.map { diagnostics.counts[$0.ordinal] } ?? 0
            let clinicianBound: Set<Constraint> = [.clinicianHours, .clinicianAbsent, .clinicianBusy]
            if let c = q.continuityClinician, c >= 0, let first = ranked.first, clinicianBound.contains(first) {
                binding.append(.continuity)
                involved.append(.clinician(clinicians[c].id))
            }
            for constraint in ranked.prefix(3) where diagnostics.counts[constraint.ordinal] * 4 >= top {
                if !binding.contains(constraint) { binding.append(constraint) }
                for r in diagnostics.resources[constraint.ordinal] {
                    let ref = resourceRef(r)
                    if !involved.contains(ref) { involved.append(ref) }
                }
            }
        }

        // The earliest day this session could take, ignoring the end of its spacing window and
        // its deadline (the constraints a secretary can choose to relax).
        var relaxed = q
        relaxed.hi = horizonEnd
        relaxed.deadline = nil
        relaxed.waitingFrom = q.lo
        relaxed.idealDay = nil
        var scratch = Diagnostics()
        let earliest = isStatic ? nil : findBest(relaxed, diagnostics: &scratch)
        if let day = earliest?.day, day > q.hi, !binding.contains(.spacing) {
            binding.insert(.spacing, at: binding.first == .continuity ? 1 : 0)
        }
        if earliest == nil, !isStatic, !binding.contains(.horizon) { binding.append(.horizon) }
        if binding.isEmpty { binding.append(.horizon) }

        let rejections = Constraint.allCases.compactMap { c -> RejectionCount? in
            let n = diagnostics.counts[c.ordinal]
            return n > 0 ? RejectionCount(constraint: c, count: n) : nil
        }
        return Explanation(
            patient: request.patient, track: request.track, step: q.spec.step, occurrence: q.spec.occurrence,
            binding: binding, resources: involved, rejections: rejections,
            earliestWorkable: earliest.map { LocalDate(daysSinceEpoch: $0.day) },
            horizonEnd: LocalDate(daysSinceEpoch: horizonEnd),
            searchedFrom: LocalDate(daysSinceEpoch: q.lo),
            searchedTo: LocalDate(daysSinceEpoch: max(q.hi, q.lo)))
    }

    func resourceRef(_ r: Int) -> ResourceRef {
        if r < roomBase { return .clinician(clinicians[r].id) }
        if r < interpreterBase { return .room(rooms[r - roomBase].id) }
        if r < patientBase { return .interpreter(interpreters[r - interpreterBase].id) }
        return .patient(patients[r - patientBase].needs.code)
    }
}
