//! The encodings of simple PDF fonts (ISO 32000-1, 9.6.6 and Annex D):
//! which character each one-byte code stands for, and the names of the
//! Adobe Glyph List a `/Differences` array gives glyphs by.
//!
//! Only the characters the stand-in fonts print ([`super::standard`]) have
//! names here: a label that names any other glyph cannot have its font
//! replaced.

/// The encodings a simple font's `/Encoding` (or `/BaseEncoding`) names,
/// and the one the standard Latin fonts are built with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// `StandardEncoding`: the built-in encoding of Helvetica, Times and
    /// Courier, used when a font names none.
    Standard,
    /// `WinAnsiEncoding`: Windows code page 1252.
    WinAnsi,
    /// `MacRomanEncoding`: Mac OS Roman.
    MacRoman,
}

impl Base {
    /// The encoding an `/Encoding` or `/BaseEncoding` name stands for.
    pub fn from_name(name: &[u8]) -> Option<Base> {
        match name {
            b"StandardEncoding" => Some(Base::Standard),
            b"WinAnsiEncoding" => Some(Base::WinAnsi),
            b"MacRomanEncoding" => Some(Base::MacRoman),
            _ => None,
        }
    }

    /// The character `code` stands for, if any.
    pub fn char(self, code: u8) -> Option<char> {
        match (self, code) {
            (Base::Standard, b'\'') => Some('\u{2019}'),
            (Base::Standard, b'`') => Some('\u{2018}'),
            (_, 0x20..=0x7E) => Some(char::from(code)),
            // Codes WinAnsi leaves unused above 0x20 print a bullet
            // (Annex D, note 6); space and hyphen have a second code.
            (Base::WinAnsi, 0x7F) => Some('\u{2022}'),
            (Base::WinAnsi, 0x80..=0x9F) => WIN_ANSI_80.chars().nth(usize::from(code - 0x80)),
            (Base::WinAnsi, 0xA0) => Some(' '),
            (Base::WinAnsi, 0xAD) => Some('-'),
            (Base::WinAnsi, 0xA1..=0xFF) => Some(char::from(code)),
            (Base::MacRoman, 0x80..=0xFF) => MAC_ROMAN_80.chars().nth(usize::from(code - 0x80)),
            (Base::Standard, 0xA1..=0xFF) => STANDARD_A1
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, ch)| *ch),
            _ => None,
        }
    }
}

/// The character a glyph name stands for: a name of the Adobe Glyph List,
/// or `uniXXXX` / `uXXXX`, for the characters the stand-ins print.
pub fn char_of(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    if let Some(&(c, _)) = GLYPHS.iter().find(|(_, n)| *n == name) {
        return Some(c);
    }
    if let Some(&(_, c)) = ALIASES.iter().find(|(n, _)| *n == name) {
        return Some(c);
    }
    let hex = name
        .strip_prefix("uni")
        .filter(|h| h.len() == 4)
        .or_else(|| {
            name.strip_prefix('u')
                .filter(|h| (4..=6).contains(&h.len()))
        })?;
    if !hex
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
    {
        return None;
    }
    let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
    GLYPHS.iter().any(|(g, _)| *g == c).then_some(c)
}

/// The name a `/Differences` array gives `c`: one the Adobe Glyph List
/// lists, as PDF/A requires of a TrueType font's differences.
pub fn name_of(c: char) -> Option<&'static str> {
    GLYPHS
        .binary_search_by_key(&c, |(g, _)| *g)
        .ok()
        .map(|i| GLYPHS[i].1)
}

/// Every character the stand-in fonts print, in order.
#[cfg(test)]
pub fn characters() -> impl Iterator<Item = char> {
    GLYPHS.iter().map(|(c, _)| *c)
}

/// StandardEncoding's codes from 0xA1 up.
const STANDARD_A1: [(u8, char); 54] = [
    (0xA1, '¡'),
    (0xA2, '¢'),
    (0xA3, '£'),
    (0xA4, '\u{2044}'),
    (0xA5, '¥'),
    (0xA6, 'ƒ'),
    (0xA7, '§'),
    (0xA8, '¤'),
    (0xA9, '\''),
    (0xAA, '“'),
    (0xAB, '«'),
    (0xAC, '‹'),
    (0xAD, '›'),
    (0xAE, '\u{FB01}'),
    (0xAF, '\u{FB02}'),
    (0xB1, '–'),
    (0xB2, '†'),
    (0xB3, '‡'),
    (0xB4, '·'),
    (0xB6, '¶'),
    (0xB7, '•'),
    (0xB8, '‚'),
    (0xB9, '„'),
    (0xBA, '”'),
    (0xBB, '»'),
    (0xBC, '…'),
    (0xBD, '‰'),
    (0xBF, '¿'),
    (0xC1, '`'),
    (0xC2, '´'),
    (0xC3, 'ˆ'),
    (0xC4, '˜'),
    (0xC5, '¯'),
    (0xC6, '˘'),
    (0xC7, '˙'),
    (0xC8, '¨'),
    (0xCA, '˚'),
    (0xCB, '¸'),
    (0xCD, '˝'),
    (0xCE, '˛'),
    (0xCF, 'ˇ'),
    (0xD0, '—'),
    (0xE1, 'Æ'),
    (0xE3, 'ª'),
    (0xE8, 'Ł'),
    (0xE9, 'Ø'),
    (0xEA, 'Œ'),
    (0xEB, 'º'),
    (0xF1, 'æ'),
    (0xF5, 'ı'),
    (0xF8, 'ł'),
    (0xF9, 'ø'),
    (0xFA, 'œ'),
    (0xFB, 'ß'),
];

/// The characters the stand-ins print, in order, each with the name written
/// for it.
const GLYPHS: [(char, &str); 363] = [
    (' ', "space"),
    ('!', "exclam"),
    ('"', "quotedbl"),
    ('#', "numbersign"),
    ('$', "dollar"),
    ('%', "percent"),
    ('&', "ampersand"),
    ('\u{27}', "quotesingle"),
    ('(', "parenleft"),
    (')', "parenright"),
    ('*', "asterisk"),
    ('+', "plus"),
    (',', "comma"),
    ('-', "hyphen"),
    ('.', "period"),
    ('/', "slash"),
    ('0', "zero"),
    ('1', "one"),
    ('2', "two"),
    ('3', "three"),
    ('4', "four"),
    ('5', "five"),
    ('6', "six"),
    ('7', "seven"),
    ('8', "eight"),
    ('9', "nine"),
    (':', "colon"),
    (';', "semicolon"),
    ('<', "less"),
    ('=', "equal"),
    ('>', "greater"),
    ('?', "question"),
    ('@', "at"),
    ('A', "A"),
    ('B', "B"),
    ('C', "C"),
    ('D', "D"),
    ('E', "E"),
    ('F', "F"),
    ('G', "G"),
    ('H', "H"),
    ('I', "I"),
    ('J', "J"),
    ('K', "K"),
    ('L', "L"),
    ('M', "M"),
    ('N', "N"),
    ('O', "O"),
    ('P', "P"),
    ('Q', "Q"),
    ('R', "R"),
    ('S', "S"),
    ('T', "T"),
    ('U', "U"),
    ('V', "V"),
    ('W', "W"),
    ('X', "X"),
    ('Y', "Y"),
    ('Z', "Z"),
    ('[', "bracketleft"),
    ('\u{5C}', "backslash"),
    (']', "bracketright"),
    ('^', "asciicircum"),
    ('_', "underscore"),
    ('`', "grave"),
    ('a', "a"),
    ('b', "b"),
    ('c', "c"),
    ('d', "d"),
    ('e', "e"),
    ('f', "f"),
    ('g', "g"),
    ('h', "h"),
    ('i', "i"),
    ('j', "j"),
    ('k', "k"),
    ('l', "l"),
    ('m', "m"),
    ('n', "n"),
    ('o', "o"),
    ('p', "p"),
    ('q', "q"),
    ('r', "r"),
    ('s', "s"),
    ('t', "t"),
    ('u', "u"),
    ('v', "v"),
    ('w', "w"),
    ('x', "x"),
    ('y', "y"),
    ('z', "z"),
    ('{', "braceleft"),
    ('|', "bar"),
    ('}', "braceright"),
    ('~', "asciitilde"),
    ('\u{A0}', "nbspace"),
    ('\u{A1}', "exclamdown"),
    ('\u{A2}', "cent"),
    ('\u{A3}', "sterling"),
    ('\u{A4}', "currency"),
    ('\u{A5}', "yen"),
    ('\u{A6}', "brokenbar"),
    ('\u{A7}', "section"),
    ('\u{A8}', "dieresis"),
    ('\u{A9}', "copyright"),
    ('\u{AA}', "ordfeminine"),
    ('\u{AB}', "guillemotleft"),
    ('\u{AC}', "logicalnot"),
    ('\u{AD}', "sfthyphen"),
    ('\u{AE}', "registered"),
    ('\u{AF}', "macron"),
    ('\u{B0}', "degree"),
    ('\u{B1}', "plusminus"),
    ('\u{B2}', "twosuperior"),
    ('\u{B3}', "threesuperior"),
    ('\u{B4}', "acute"),
    ('\u{B5}', "mu"),
    ('\u{B6}', "paragraph"),
    ('\u{B7}', "periodcentered"),
    ('\u{B8}', "cedilla"),
    ('\u{B9}', "onesuperior"),
    ('\u{BA}', "ordmasculine"),
    ('\u{BB}', "guillemotright"),
    ('\u{BC}', "onequarter"),
    ('\u{BD}', "onehalf"),
    ('\u{BE}', "threequarters"),
    ('\u{BF}', "questiondown"),
    ('\u{C0}', "Agrave"),
    ('\u{C1}', "Aacute"),
    ('\u{C2}', "Acircumflex"),
    ('\u{C3}', "Atilde"),
    ('\u{C4}', "Adieresis"),
    ('\u{C5}', "Aring"),
    ('\u{C6}', "AE"),
    ('\u{C7}', "Ccedilla"),
    ('\u{C8}', "Egrave"),
    ('\u{C9}', "Eacute"),
    ('\u{CA}', "Ecircumflex"),
    ('\u{CB}', "Edieresis"),
    ('\u{CC}', "Igrave"),
    ('\u{CD}', "Iacute"),
    ('\u{CE}', "Icircumflex"),
    ('\u{CF}', "Idieresis"),
    ('\u{D0}', "Eth"),
    ('\u{D1}', "Ntilde"),
    ('\u{D2}', "Ograve"),
    ('\u{D3}', "Oacute"),
    ('\u{D4}', "Ocircumflex"),
    ('\u{D5}', "Otilde"),
    ('\u{D6}', "Odieresis"),
    ('\u{D7}', "multiply"),
    ('\u{D8}', "Oslash"),
    ('\u{D9}', "Ugrave"),
    ('\u{DA}', "Uacute"),
    ('\u{DB}', "Ucircumflex"),
    ('\u{DC}', "Udieresis"),
    ('\u{DD}', "Yacute"),
    ('\u{DE}', "Thorn"),
    ('\u{DF}', "germandbls"),
    ('\u{E0}', "agrave"),
    ('\u{E1}', "aacute"),
    ('\u{E2}', "acircumflex"),
    ('\u{E3}', "atilde"),
    ('\u{E4}', "adieresis"),
    ('\u{E5}', "aring"),
    ('\u{E6}', "ae"),
    ('\u{E7}', "ccedilla"),
    ('\u{E8}', "egrave"),
    ('\u{E9}', "eacute"),
    ('\u{EA}', "ecircumflex"),
    ('\u{EB}', "edieresis"),
    ('\u{EC}', "igrave"),
    ('\u{ED}', "iacute"),
    ('\u{EE}', "icircumflex"),
    ('\u{EF}', "idieresis"),
    ('\u{F0}', "eth"),
    ('\u{F1}', "ntilde"),
    ('\u{F2}', "ograve"),
    ('\u{F3}', "oacute"),
    ('\u{F4}', "ocircumflex"),
    ('\u{F5}', "otilde"),
    ('\u{F6}', "odieresis"),
    ('\u{F7}', "divide"),
    ('\u{F8}', "oslash"),
    ('\u{F9}', "ugrave"),
    ('\u{FA}', "uacute"),
    ('\u{FB}', "ucircumflex"),
    ('\u{FC}', "udieresis"),
    ('\u{FD}', "yacute"),
    ('\u{FE}', "thorn"),
    ('\u{FF}', "ydieresis"),
    ('\u{100}', "Amacron"),
    ('\u{101}', "amacron"),
    ('\u{102}', "Abreve"),
    ('\u{103}', "abreve"),
    ('\u{104}', "Aogonek"),
    ('\u{105}', "aogonek"),
    ('\u{106}', "Cacute"),
    ('\u{107}', "cacute"),
    ('\u{108}', "Ccircumflex"),
    ('\u{109}', "ccircumflex"),
    ('\u{10A}', "Cdotaccent"),
    ('\u{10B}', "cdotaccent"),
    ('\u{10C}', "Ccaron"),
    ('\u{10D}', "ccaron"),
    ('\u{10E}', "Dcaron"),
    ('\u{10F}', "dcaron"),
    ('\u{110}', "Dcroat"),
    ('\u{111}', "dcroat"),
    ('\u{112}', "Emacron"),
    ('\u{113}', "emacron"),
    ('\u{114}', "Ebreve"),
    ('\u{115}', "ebreve"),
    ('\u{116}', "Edotaccent"),
    ('\u{117}', "edotaccent"),
    ('\u{118}', "Eogonek"),
    ('\u{119}', "eogonek"),
    ('\u{11A}', "Ecaron"),
    ('\u{11B}', "ecaron"),
    ('\u{11C}', "Gcircumflex"),
    ('\u{11D}', "gcircumflex"),
    ('\u{11E}', "Gbreve"),
    ('\u{11F}', "gbreve"),
    ('\u{120}', "Gdotaccent"),
    ('\u{121}', "gdotaccent"),
    ('\u{122}', "Gcedilla"),
    ('\u{123}', "gcedilla"),
    ('\u{124}', "Hcircumflex"),
    ('\u{125}', "hcircumflex"),
    ('\u{126}', "Hbar"),
    ('\u{127}', "hbar"),
    ('\u{128}', "Itilde"),
    ('\u{129}', "itilde"),
    ('\u{12A}', "Imacron"),
    ('\u{12B}', "imacron"),
    ('\u{12C}', "Ibreve"),
    ('\u{12D}', "ibreve"),
    ('\u{12E}', "Iogonek"),
    ('\u{12F}', "iogonek"),
    ('\u{130}', "Idotaccent"),
    ('\u{131}', "dotlessi"),
    ('\u{132}', "IJ"),
    ('\u{133}', "ij"),
    ('\u{134}', "Jcircumflex"),
    ('\u{135}', "jcircumflex"),
    ('\u{136}', "Kcedilla"),
    ('\u{137}', "kcedilla"),
    ('\u{138}', "kgreenlandic"),
    ('\u{139}', "Lacute"),
    ('\u{13A}', "lacute"),
    ('\u{13B}', "Lcedilla"),
    ('\u{13C}', "lcedilla"),
    ('\u{13D}', "Lcaron"),
    ('\u{13E}', "lcaron"),
    ('\u{13F}', "Ldot"),
    ('\u{140}', "ldot"),
    ('\u{141}', "Lslash"),
    ('\u{142}', "lslash"),
    ('\u{143}', "Nacute"),
    ('\u{144}', "nacute"),
    ('\u{145}', "Ncedilla"),
    ('\u{146}', "ncedilla"),
    ('\u{147}', "Ncaron"),
    ('\u{148}', "ncaron"),
    ('\u{149}', "napostrophe"),
    ('\u{14A}', "Eng"),
    ('\u{14B}', "eng"),
    ('\u{14C}', "Omacron"),
    ('\u{14D}', "omacron"),
    ('\u{14E}', "Obreve"),
    ('\u{14F}', "obreve"),
    ('\u{150}', "Ohungarumlaut"),
    ('\u{151}', "ohungarumlaut"),
    ('\u{152}', "OE"),
    ('\u{153}', "oe"),
    ('\u{154}', "Racute"),
    ('\u{155}', "racute"),
    ('\u{156}', "Rcedilla"),
    ('\u{157}', "rcedilla"),
    ('\u{158}', "Rcaron"),
    ('\u{159}', "rcaron"),
    ('\u{15A}', "Sacute"),
    ('\u{15B}', "sacute"),
    ('\u{15C}', "Scircumflex"),
    ('\u{15D}', "scircumflex"),
    ('\u{15E}', "Scedilla"),
    ('\u{15F}', "scedilla"),
    ('\u{160}', "Scaron"),
    ('\u{161}', "scaron"),
    ('\u{162}', "Tcedilla"),
    ('\u{163}', "tcedilla"),
    ('\u{164}', "Tcaron"),
    ('\u{165}', "tcaron"),
    ('\u{166}', "Tbar"),
    ('\u{167}', "tbar"),
    ('\u{168}', "Utilde"),
    ('\u{169}', "utilde"),
    ('\u{16A}', "Umacron"),
    ('\u{16B}', "umacron"),
    ('\u{16C}', "Ubreve"),
    ('\u{16D}', "ubreve"),
    ('\u{16E}', "Uring"),
    ('\u{16F}', "uring"),
    ('\u{170}', "Uhungarumlaut"),
    ('\u{171}', "uhungarumlaut"),
    ('\u{172}', "Uogonek"),
    ('\u{173}', "uogonek"),
    ('\u{174}', "Wcircumflex"),
    ('\u{175}', "wcircumflex"),
    ('\u{176}', "Ycircumflex"),
    ('\u{177}', "ycircumflex"),
    ('\u{178}', "Ydieresis"),
    ('\u{179}', "Zacute"),
    ('\u{17A}', "zacute"),
    ('\u{17B}', "Zdotaccent"),
    ('\u{17C}', "zdotaccent"),
    ('\u{17D}', "Zcaron"),
    ('\u{17E}', "zcaron"),
    ('\u{17F}', "longs"),
    ('\u{192}', "florin"),
    ('\u{2C6}', "circumflex"),
    ('\u{2C7}', "caron"),
    ('\u{2D8}', "breve"),
    ('\u{2D9}', "dotaccent"),
    ('\u{2DA}', "ring"),
    ('\u{2DB}', "ogonek"),
    ('\u{2DC}', "tilde"),
    ('\u{2DD}', "hungarumlaut"),
    ('\u{3A9}', "Omegagreek"),
    ('\u{3C0}', "pi"),
    ('\u{2013}', "endash"),
    ('\u{2014}', "emdash"),
    ('\u{2018}', "quoteleft"),
    ('\u{2019}', "quoteright"),
    ('\u{201A}', "quotesinglbase"),
    ('\u{201C}', "quotedblleft"),
    ('\u{201D}', "quotedblright"),
    ('\u{201E}', "quotedblbase"),
    ('\u{2020}', "dagger"),
    ('\u{2021}', "daggerdbl"),
    ('\u{2022}', "bullet"),
    ('\u{2026}', "ellipsis"),
    ('\u{2030}', "perthousand"),
    ('\u{2039}', "guilsinglleft"),
    ('\u{203A}', "guilsinglright"),
    ('\u{2044}', "fraction"),
    ('\u{20AC}', "Euro"),
    ('\u{2122}', "trademark"),
    ('\u{2126}', "Omega"),
    ('\u{2202}', "partialdiff"),
    ('\u{2206}', "Delta"),
    ('\u{220F}', "product"),
    ('\u{2211}', "summation"),
    ('\u{221A}', "radical"),
    ('\u{221E}', "infinity"),
    ('\u{222B}', "integral"),
    ('\u{2248}', "approxequal"),
    ('\u{2260}', "notequal"),
    ('\u{2264}', "lessequal"),
    ('\u{2265}', "greaterequal"),
    ('\u{25CA}', "lozenge"),
    ('\u{FB01}', "fi"),
    ('\u{FB02}', "fl"),
];
/// The other names the Adobe Glyph List gives those characters.
const ALIASES: [(&str, char); 42] = [
    ("Cdot", '\u{10A}'),
    ("Dslash", '\u{110}'),
    ("Edot", '\u{116}'),
    ("Gcommaaccent", '\u{122}'),
    ("Gdot", '\u{120}'),
    ("Idot", '\u{130}'),
    ("Kcommaaccent", '\u{136}'),
    ("Lcommaaccent", '\u{13B}'),
    ("Ldotaccent", '\u{13F}'),
    ("Ncommaaccent", '\u{145}'),
    ("Odblacute", '\u{150}'),
    ("Ohm", '\u{2126}'),
    ("Rcommaaccent", '\u{156}'),
    ("Tcommaaccent", '\u{162}'),
    ("Udblacute", '\u{170}'),
    ("Zdot", '\u{17B}'),
    ("cdot", '\u{10B}'),
    ("dmacron", '\u{111}'),
    ("edot", '\u{117}'),
    ("euro", '\u{20AC}'),
    ("gcommaaccent", '\u{123}'),
    ("gdot", '\u{121}'),
    ("ilde", '\u{2DC}'),
    ("increment", '\u{2206}'),
    ("kcommaaccent", '\u{137}'),
    ("lcommaaccent", '\u{13C}'),
    ("ldotaccent", '\u{140}'),
    ("middot", '\u{B7}'),
    ("mu1", '\u{B5}'),
    ("ncommaaccent", '\u{146}'),
    ("nonbreakingspace", '\u{A0}'),
    ("odblacute", '\u{151}'),
    ("overscore", '\u{AF}'),
    ("quoterightn", '\u{149}'),
    ("rcommaaccent", '\u{157}'),
    ("slong", '\u{17F}'),
    ("softhyphen", '\u{AD}'),
    ("spacehackarabic", ' '),
    ("tcommaaccent", '\u{163}'),
    ("udblacute", '\u{171}'),
    ("verticalbar", '|'),
    ("zdot", '\u{17C}'),
];
/// WinAnsiEncoding from 0x80 to 0x9F (its unused codes print a bullet).
const WIN_ANSI_80: &str = "€•‚ƒ„…†‡ˆ‰Š‹Œ•Ž••‘’“”•–—˜™š›œ•žŸ";
/// MacRomanEncoding from 0x80 up, as TrueType fonts read it (9.6.6.4):
/// with the Apple logo and the symbols Mac OS Roman adds to the Latin set.
const MAC_ROMAN_80: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄¤‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{F8FF}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Dictionary, Document, Object};

    /// What lopdf reads `code` as under the `/Encoding` `encoding`.
    fn lopdf_reads(encoding: Object, code: u8) -> Option<char> {
        let doc = Document::with_version("1.5");
        let mut font = Dictionary::new();
        font.set("Type", Object::Name(b"Font".to_vec()));
        font.set("Encoding", encoding);
        let text = font
            .get_font_encoding(&doc)
            .unwrap()
            .bytes_to_string(&[code])
            .unwrap();
        let mut chars = text.chars();
        let c = chars.next();
        assert!(chars.next().is_none());
        c
    }

    /// The tables here agree with lopdf's, made independently from the
    /// same standard; the Apple logo (Mac Roman 0xF0) aside, which no
    /// stand-in prints.
    #[test]
    fn the_base_encodings_agree_with_lopdf() {
        for (base, name) in [
            (Base::Standard, "StandardEncoding"),
            (Base::WinAnsi, "WinAnsiEncoding"),
            (Base::MacRoman, "MacRomanEncoding"),
        ] {
            assert_eq!(Base::from_name(name.as_bytes()), Some(base));
            for code in 0x20..=0xFF {
                if base == Base::MacRoman && code == 0xF0 {
                    continue;
                }
                let theirs = lopdf_reads(Object::Name(name.as_bytes().to_vec()), code);
                assert_eq!(base.char(code), theirs, "{name} {code:#04X}");
            }
        }
    }

    /// Every name here is in the Adobe Glyph List (as lopdf has it) and
    /// stands there for the same character.
    #[test]
    fn the_names_are_the_adobe_glyph_lists() {
        let names = GLYPHS.iter().map(|(c, n)| (*n, *c));
        for (name, c) in names.chain(ALIASES.iter().copied()) {
            let differences = Dictionary::from_iter([
                ("Type", Object::Name(b"Encoding".to_vec())),
                (
                    "Differences",
                    Object::Array(vec![
                        Object::Integer(1),
                        Object::Name(name.as_bytes().to_vec()),
                    ]),
                ),
            ]);
            assert_eq!(
                lopdf_reads(Object::Dictionary(differences), 1),
                Some(c),
                "{name}"
            );
            assert_eq!(char_of(name.as_bytes()), Some(c), "{name}");
        }
        for (c, name) in GLYPHS {
            assert_eq!(name_of(c), Some(name));
        }
        assert!(GLYPHS.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
        assert_eq!(char_of(b"uni0141"), Some('Ł'));
        assert_eq!(char_of(b"u0141"), Some('Ł'));
        assert_eq!(char_of(b"uni4E00"), None, "no stand-in prints it");
        assert_eq!(char_of(b"a.sc"), None);
        assert_eq!(name_of('一'), None);
    }
}
