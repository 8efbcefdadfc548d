// The open scheduling format is the scheduler's vocabulary: whoever calls the solver gets the
// types it reads and writes without a second import. The checker imports SchedulingModel alone.
@_exported import SchedulingModel
