import CareModel
import Foundation

/// Books care sessions against a frozen snapshot: pure, deterministic, no I/O and no clock.
public enum Scheduler {}
