//! What PDF/A-2a and PDF/UA-1 ask of a document beyond its tags: XMP
//! metadata that names both standards and repeats the document
//! information, and an output intent that gives the pages' device colours
//! a meaning (sRGB).

use lopdf::{Dictionary, Document, Object, Stream};

/// The sRGB profile (ICC v4, CC0; see `assets/icc/README.md`).
const SRGB: &[u8] = include_bytes!("../../assets/icc/sRGB-v4.icc");

/// The document information the XMP packet repeats.
pub struct Metadata<'a> {
    /// Title.
    pub title: &'a str,
    /// Author (the provider).
    pub author: &'a str,
    /// Subject (the guide's subtitle), possibly empty.
    pub subject: &'a str,
    /// BCP 47 language tag.
    pub language: &'a str,
    /// Producer.
    pub producer: &'a str,
    /// Creator tool.
    pub creator: &'a str,
    /// Creation and modification date, `D:YYYYMMDDHHmmSSZ`, if any.
    pub date: Option<&'a str>,
}

/// Adds the XMP metadata and the output intent to `doc`'s catalog.
pub fn apply(doc: &mut Document, meta: &Metadata<'_>) -> Result<(), String> {
    let mut xmp_dict = Dictionary::new();
    xmp_dict.set("Type", Object::Name(b"Metadata".to_vec()));
    xmp_dict.set("Subtype", Object::Name(b"XML".to_vec()));
    // Left uncompressed, as is usual, so any tool can read it.
    let xmp = Stream::new(xmp_dict, xmp(meta).into_bytes()).with_compression(false);
    let xmp = doc.add_object(xmp);

    let mut icc_dict = Dictionary::new();
    icc_dict.set("N", 3);
    let icc = doc.add_object(Stream::new(icc_dict, SRGB.to_vec()));
    let mut intent = Dictionary::new();
    intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
    intent.set("S", Object::Name(b"GTS_PDFA1".to_vec()));
    let srgb = || Object::string_literal("sRGB IEC61966-2.1");
    intent.set("OutputConditionIdentifier", srgb());
    intent.set("Info", srgb());
    intent.set("RegistryName", Object::string_literal(""));
    intent.set("DestOutputProfile", icc);

    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| format!("PDF has no catalog: {e}"))?;
    let catalog = doc
        .get_dictionary_mut(root)
        .map_err(|e| format!("PDF has no catalog: {e}"))?;
    catalog.set("Metadata", xmp);
    catalog.set("OutputIntents", vec![Object::Dictionary(intent)]);
    Ok(())
}

/// `text` with the five XML specials escaped.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// `D:YYYYMMDDHHmmSSZ` as an XMP date, `YYYY-MM-DDTHH:mm:SSZ`.
fn xmp_date(pdf: &str) -> Option<String> {
    let d = pdf.strip_prefix("D:")?;
    if d.len() < 14 || !d.is_char_boundary(14) || !d[..14].bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(format!(
        "{}-{}-{}T{}:{}:{}Z",
        &d[..4],
        &d[4..6],
        &d[6..8],
        &d[8..10],
        &d[10..12],
        &d[12..14]
    ))
}

/// The XMP packet: the document information, and the PDF/A-2a and
/// PDF/UA-1 identification (with the extension schema PDF/A asks for to
/// declare `pdfuaid`). Nothing random in it, so builds stay
/// byte-identical.
fn xmp(m: &Metadata<'_>) -> String {
    let mut x = String::with_capacity(2048);
    x.push_str("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str(concat!(
        "<rdf:Description rdf:about=\"\"",
        " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
        " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"",
        " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"",
        " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"",
        " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"",
        " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"",
        " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"",
        " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n",
    ));
    x.push_str("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>\n");
    x.push_str("<pdfuaid:part>1</pdfuaid:part>\n");
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    x.push_str(&format!(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n",
        escaped(m.title)
    ));
    if !m.author.is_empty() {
        x.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            escaped(m.author)
        ));
    }
    if !m.subject.is_empty() {
        x.push_str(&format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            escaped(m.subject)
        ));
    }
    x.push_str(&format!(
        "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
        escaped(m.language)
    ));
    x.push_str(&format!(
        "<pdf:Producer>{}</pdf:Producer>\n",
        escaped(m.producer)
    ));
    x.push_str(&format!(
        "<xmp:CreatorTool>{}</xmp:CreatorTool>\n",
        escaped(m.creator)
    ));
    if let Some(date) = m.date.and_then(xmp_date) {
        x.push_str(&format!(
            "<xmp:CreateDate>{date}</xmp:CreateDate><xmp:ModifyDate>{date}</xmp:ModifyDate>\n"
        ));
    }
    x.push_str(concat!(
        "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n",
        "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n",
        "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n",
        "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n",
        "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n",
        "<pdfaProperty:name>part</pdfaProperty:name>\n",
        "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n",
        "<pdfaProperty:category>internal</pdfaProperty:category>\n",
        "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n",
        "</rdf:li></rdf:Seq></pdfaSchema:property>\n",
        "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n",
    ));
    x.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packet_escapes_values_and_names_both_standards() {
        let x = xmp(&Metadata {
            title: "Wi-Fi <setup> & \"more\"",
            author: "Net & Co",
            subject: "",
            language: "en",
            producer: "swapguide 1",
            creator: "swapguide",
            date: Some("D:20261127120000Z"),
        });
        assert!(x.contains("Wi-Fi &lt;setup&gt; &amp; &quot;more&quot;"));
        assert!(x.contains("<dc:creator><rdf:Seq><rdf:li>Net &amp; Co</rdf:li>"));
        assert!(!x.contains("dc:description"));
        assert!(x.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(x.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
        assert!(x.contains("<xmp:CreateDate>2026-11-27T12:00:00Z</xmp:CreateDate>"));
    }

    #[test]
    fn the_profile_is_the_vendored_srgb() {
        // The ICC header: size, 'acsp' signature, RGB data, XYZ connection.
        assert_eq!(SRGB.len(), 480);
        assert_eq!(&SRGB[36..40], b"acsp");
        assert_eq!(&SRGB[16..20], b"RGB ");
        assert_eq!(&SRGB[20..24], b"XYZ ");
    }
}
