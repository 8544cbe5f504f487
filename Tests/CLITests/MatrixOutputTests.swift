import Foundation
import Testing
import PhasecheckTestSupport

/// Matrices on the command line (issue 11): `solve` shows a matrix row by row and shapes it in CSV and
/// JSON, and `--set` gives a constant matrix a new value, its shape checked with a caret under the value.
struct MatrixOutputTests {
    /// W' = S - W from W = 0: W(t) = (1 - e^-t) S entry by entry.
    static let file = """
        dim n = 2
        param S[n, n] = [[1, 0], [-1, 2]]
        state W[n, n] = zeros(n, n)
        horizon 1
        ode W' = S - W
        solution W = (1 - exp(-t))*S
        """

    /// 1 - e^-1 = 0.6321205588 (10 digits; mpmath: 1 - exp(-1) = 0.632120558828557678404476229839).
    @Test func solveShowsAMatrixRowByRowAndShapesItInData() throws {
        let path = try CLI.temporaryFile(named: "matrix_solve.phc", contents: Self.file)
        let text = try CLI.run(["solve", path, "--at", "1", "--digits", "10"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("  W  [[0.6321205588, 0.000000000],\n      [-0.6321205588, 1.264241118]]\n"), "\(text.stdout)")
        let csv = try CLI.run(["solve", path, "--at", "1", "--digits", "10", "--format", "csv"])
        let lines = csv.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.first == #"t,"W[1,1]","W[1,1]_certified","W[1,2]","W[1,2]_certified","W[2,1]","W[2,1]_certified","W[2,2]","W[2,2]_certified""#, "\(csv.stdout)")
        #expect(lines.last?.hasPrefix("1,0.6321205588,true,") == true, "\(csv.stdout)")
        let json = try CLI.run(["solve", path, "--at", "1", "--digits", "10", "--format", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let rows = try #require(document?["rows"] as? [[String: Any]])
        let quantity = try #require((rows.first?["quantities"] as? [[String: Any]])?.first)
        #expect(quantity["shape"] as? [Int] == [2, 2])
        #expect((quantity["values"] as? [String])?[2] == "-0.6321205588")
    }

    @Test func setGivesAConstantMatrixANewValueOfItsShape() throws {
        let path = try CLI.temporaryFile(named: "matrix_set.phc", contents: Self.file)
        let set = try CLI.run(["solve", path, "--at", "1", "--digits", "10", "--set", "S=[[2,0],[0,1]]"])
        #expect(set.status == 0 && set.stdout.contains("  W  [[1.264241118, 0.000000000],\n      [0.000000000, 0.6321205588]]\n"), "\(set.stdout)\(set.stderr)")
        let wrong = try CLI.run(["verify", path, "--set", "S=[[1,0,0],[0,1,0]]"])
        #expect(wrong.status == 2, "\(wrong.stderr)")
        #expect(wrong.stderr.contains("--set S=[[1,0,0],[0,1,0]]: `S` is declared a 2x2 matrix, but `[[1, 0, 0], [0, 1, 0]]` is a 2x3 matrix (declared at \(path):2:7)\n  --set S=[[1,0,0],[0,1,0]]\n          ^\n"), "\(wrong.stderr)")
    }
}
