#!/usr/bin/python3
"""Makes the SwapguideLabel* fonts from Liberation Fonts 2.x.

A carrier label PDF that names Helvetica, Times or Courier without
embedding it gets one of these instead (src/fonts/standard.rs): the
Liberation families are metric-compatible with those fonts, so the label's
text keeps its place.

Each face is cut to the characters a simple PDF font can reach through its
encoding (WinAnsi, Mac Roman, Standard) plus Latin Extended-A, without
hinting or glyph names, to keep the files and the PDFs small. A cut font
is a Modified Version under the SIL Open Font License, and "Liberation",
"Arimo", "Tinos" and "Cousine" are Reserved Font Names, so the faces are
renamed. See OFL-SwapguideLabel.txt.

Usage (Debian: apt-get install fonts-liberation2 python3-fonttools):
    python3 assets/fonts/label-fonts.py /usr/share/fonts/truetype/liberation2 assets/fonts
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FAMILIES = ["Sans", "Serif", "Mono"]
STYLES = ["Regular", "Bold", "Italic", "BoldItalic"]
STYLE_NAMES = {
    "Regular": "Regular",
    "Bold": "Bold",
    "Italic": "Italic",
    "BoldItalic": "Bold Italic",
}


def characters():
    """Every character the encodings of a simple font can name."""
    chars = set()
    for code in range(0x20, 0x100):
        for codec in ("cp1252", "mac_roman"):
            try:
                chars.add(ord(bytes([code]).decode(codec)))
            except UnicodeDecodeError:
                pass
    # StandardEncoding's characters that neither of those has.
    chars |= {0xFB01, 0xFB02, 0x2044, 0x0141, 0x0142, 0x0131}
    chars |= {0x02D8, 0x02D9, 0x02DA, 0x02DB, 0x02DD, 0x02C7}
    # Latin Extended-A: the names of Central and Eastern Europe.
    chars |= set(range(0x0100, 0x0180))
    # The Ohm sign, which the glyph name "Omega" stands for.
    chars.add(0x2126)
    chars.discard(0x7F)
    # The Apple logo (Mac Roman 0xF0) is in no free font.
    chars.discard(0xF8FF)
    return sorted(chars)


def rename(font, family, style):
    """Names the face so that no Reserved Font Name is its name."""
    full_family = f"Swapguide Label {family}"
    postscript = f"SwapguideLabel{family}-{style}"
    style_name = STYLE_NAMES[style]
    full = full_family if style == "Regular" else f"{full_family} {style_name}"
    name = font["name"]
    version = name.getDebugName(5)
    for record in list(name.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17, 18, 21, 22):
            name.removeNames(nameID=record.nameID)
    for name_id, text in (
        (1, full_family),
        (2, style_name),
        (3, f"{postscript}; {version}; cut for swapguide"),
        (4, full),
        (5, f"{version}; cut for swapguide"),
        (6, postscript),
    ):
        name.setName(text, name_id, 3, 1, 0x409)
    return postscript


def main(source, target):
    options = subset.Options()
    options.hinting = False
    options.glyph_names = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = [0x409]
    options.name_legacy = False
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "DSIG", "gasp", "hdmx", "LTSH", "VDMX", "FFTM"]
    options.prune_unicode_ranges = True
    chars = characters()
    for family in FAMILIES:
        for style in STYLES:
            # The source's dates are kept: the same input makes the same bytes.
            font = TTFont(Path(source) / f"Liberation{family}-{style}.ttf", recalcTimestamp=False)
            cut = subset.Subsetter(options)
            cut.populate(unicodes=chars)
            cut.subset(font)
            postscript = rename(font, family, style)
            out = Path(target) / f"{postscript}.ttf"
            font.save(out, reorderTables=True)
            print(out, out.stat().st_size)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
