/// The version of Phasecheck, printed by `phasecheck --version` (the one place it is written).
public enum PhasecheckVersion {
    public static let current = "0.1.0"
}
