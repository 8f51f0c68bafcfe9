#!/usr/bin/env python3
"""Runs two independent accessibility checkers on PDFs and prints every
finding: page-validation (profiles PDF/UA-1 and PDF/A-2a) and pdfua.
Exits 0 only when no file has a finding. Usage: check_pdf.py FILE...

One kind of finding is measured again before it counts: page-validation
0.11 misreads the width of a CFF glyph whose hints come from a subroutine
(Noto Sans CJK's "3" starts with `callgsubr`; Typst 0.15's own PDF/UA
output of the same font gets the same finding). Such a finding stands
unless fontTools, a third reader, finds the width the PDF's /W gives."""

import io
import re
import sys

import page
import pdfua
import pikepdf
from fontTools.cffLib import CFFFontSet
from fontTools.pens.basePen import NullPen

CFF_WIDTH = re.compile(
    r"font object (\d+) (\d+) has rendered CID (\d+) width [\d.]+ in its embedded "
    r"CIDFontType0C program but ([\d.]+) in /W"
)


def cff_width_is_right(path, message):
    """True if fontTools reads, for the CID the finding names, the width
    the font's /W gives (the finding is page-validation's misreading)."""
    m = CFF_WIDTH.search(message)
    if not m:
        return False
    number, generation, cid, declared = int(m[1]), int(m[2]), int(m[3]), float(m[4])
    with pikepdf.open(path) as pdf:
        font = pdf.get_object(number, generation)
        descendant = font.DescendantFonts[0]
        data = descendant.FontDescriptor.FontFile3.read_bytes()
    fonts = CFFFontSet()
    fonts.decompile(io.BytesIO(data), None)
    top = fonts[fonts.fontNames[0]]
    name = f"cid{cid:05d}"
    if name not in top.CharStrings:
        return False
    glyph = top.CharStrings[name]
    glyph.draw(NullPen())
    units = 1000.0 / (1.0 / top.FontMatrix[0]) if top.FontMatrix[0] else 1.0
    return abs(glyph.width * units - declared) < 0.5


def findings(path):
    out = []
    for profile in ("ua1", "2a"):
        report = page.validate_pdf(path, profile=profile)
        if not report.is_compliant:
            failures = [
                f for f in report.failures if not cff_width_is_right(path, f.message)
            ]
            for f in failures:
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
