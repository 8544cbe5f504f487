"""Loading Phasecheck's data outputs into pandas (and matplotlib, when installed).

Run from the package root:  python3 docs/examples/load_outputs.py [path/to/phasecheck]
Every column comes out typed: numbers as float64, true/false as bool, names as text.
"""
import io
import json
import os
import subprocess
import sys

import pandas as pd

PHASECHECK = sys.argv[1] if len(sys.argv) > 1 else "phasecheck"
FLAGSHIP = "derivations/xu_ziyin_linear_network.phc"


def run(*arguments):
    # Exit status 1 (a claim or a point disagreeing) still writes the full output.
    result = subprocess.run([PHASECHECK, *arguments], capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise RuntimeError(result.stderr)
    return result.stdout


# solve: one row per time; each value column has a <name>_certified column beside it.
solve = pd.read_csv(io.StringIO(run("solve", FLAGSHIP, "--at", "0:1:0.5,2,4", "--format", "csv")), comment="#")
assert solve["a"].dtype == "float64" and solve["a_certified"].dtype == "bool"
print(solve[["t", "a", "a_certified", "K"]])

# phase: exponents as decimals (their exact rationals in <name>_exact), flags and agrees as booleans.
grid = ["--grid", "alpha=0:2:1/4,b_u=-1/2:1:1/4", "--fix", "b_w=0", "--fix", "c_u=0"]
phase = pd.read_csv(io.StringIO(run("phase", FLAGSHIP, *grid, "--format", "csv")), comment="#")
assert phase["alpha"].dtype == "float64" and phase["agrees"].dtype == "bool"
print(phase.groupby("found")["alpha"].agg(["count", "min", "max"]))

# JSON Lines: the first line records the run, then one line per point, then the summary.
lines = [json.loads(line) for line in run("phase", FLAGSHIP, *grid, "--format", "json").splitlines()]
run_record = lines[0]["run"]
points = pd.json_normalize([line for line in lines if line["type"] == "point"])
print(run_record["version"], run_record["inputs"][0]["sha256"][:12], len(points), "points")

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib not installed: no figure")
else:
    figure, axes = plt.subplots()
    for region, cells in phase.groupby("found"):
        axes.scatter(cells["alpha"], cells["b_u"], label=region, marker="s")
    axes.set_xlabel(r"$\alpha$")
    axes.set_ylabel(r"$b_u$")
    axes.legend()
    figure_path = os.environ.get("FIGURE", "phase.png")
    figure.savefig(figure_path, dpi=120)
    print("wrote", figure_path)
