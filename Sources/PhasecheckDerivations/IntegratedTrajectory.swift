import PhasecheckExpressions
import PhasecheckNumbers
struct IntegratedTrajectory: Trajectory {
    let model: Model
    let digits: Int
    var isCertified: Bool { false }
    func values(of exprs: [Expr], at times: [Expr], bits: Int) throws -> [[[BigInterval]]] { throw CheckError("the Taylor integrator is not wired in yet") }
}
