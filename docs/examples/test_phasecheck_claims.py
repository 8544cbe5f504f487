"""Every claim of the derivations as one pytest case, through `phasecheck verify --format json`.

Copy this file next to your derivations and run `pytest`. It runs Phasecheck once per session, then
gives each claim its own test, named `file::claim`, which fails with Phasecheck's numbers (digits
reached and required, the worst case) when the claim does not hold.

Settings (environment variables):
  PHASECHECK       the executable (default: `phasecheck` on PATH)
  PHASECHECK_ARGS  what to verify and how (default: `derivations`), e.g. `derivations/saxe_logistic.phc --digits 50`
"""
import json
import os
import shlex
import subprocess

import pytest


def _claims():
    executable = os.environ.get("PHASECHECK", "phasecheck")
    arguments = shlex.split(os.environ.get("PHASECHECK_ARGS", "derivations"))
    # Exit status 1 means a claim did not hold: that is reported per case below, not here.
    result = subprocess.run([executable, "verify", *arguments, "--format", "json"], capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"phasecheck could not check the files (status {result.returncode}): {result.stderr}")
    document = json.loads(result.stdout)
    return [(f["file"], claim) for f in document["files"] for claim in f["claims"]]


CLAIMS = _claims()


@pytest.mark.parametrize("file,claim", CLAIMS, ids=[f"{os.path.basename(f)}::{c['name']}" for f, c in CLAIMS])
def test_claim(file, claim):
    agreement = claim.get("agreement") or {}
    digits = "exact" if agreement.get("exact") else agreement.get("digits", "-")
    worst = " ".join(f"{k}={v}" for k, v in sorted(claim["worstCase"].items()))
    assert claim["status"] == "holds", (
        f"{claim['location']}: {claim['status']}: {digits}/{claim['requiredDigits']} digits"
        f"{', worst at ' + worst if worst else ''}; {claim['detail']}"
    )
