#!/usr/bin/env python3
"""Runs two independent accessibility checkers on PDFs and prints every
finding: page-validation (profiles PDF/UA-1 and PDF/A-2a) and pdfua.
Exits 0 only when no file has a finding. Usage: check_pdf.py FILE..."""

import sys

import page
import pdfua


def findings(path):
    out = []
    for profile in ("ua1", "2a"):
        report = page.validate_pdf(path, profile=profile)
        if not report.is_compliant:
            for f in report.failures:
                out.append(f"{profile} {f.rule_id}: {f.message} (object {f.object_id})")
            if not report.failures:
                out.append(f"{profile}: not compliant")
    report = pdfua.validate(path)
    for f in report.findings:
        severity = str(f.severity).lower()
        # pdfua's information-level notes are not findings.
        if "info" in severity:
            continue
        out.append(f"pdfua {f.rule_id} [{severity}]: {f.message}")
    return out


def main(paths):
    bad = 0
    for path in paths:
        found = findings(path)
        if found:
            bad += 1
            print(f"{path}: {len(found)} finding(s)")
            for line in found:
                print(f"  {line}")
    print(f"{len(paths) - bad} of {len(paths)} PDF(s) pass PDF/UA-1, PDF/A-2a and pdfua")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
