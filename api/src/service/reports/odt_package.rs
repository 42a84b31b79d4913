//! Checking that a file is an OpenDocument text package (an edited report's final version), by
//! the package rules of ODF 1.3 part 2, chapter 3: a ZIP file that starts with its `mimetype`
//! entry, stored uncompressed, naming the document type; a manifest; and well-formed content.

use crate::error::{ApiError, ApiResult};
use std::io::Read;

/// The most an attached final version may weigh, in bytes. A LibreOffice-edited demo report
/// with its pictures weighs about 125 KB; the request's body limit (`--max-body-bytes`) caps it
/// first.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// The media type of an OpenDocument text.
const TEXT: &str = "application/vnd.oasis.opendocument.text";

/// Whether `body` is an OpenDocument text package: it starts with a ZIP entry `mimetype` (no
/// bytes before it, so a reader that sniffs the first bytes finds it), stored without
/// compression, whose content is exactly `application/vnd.oasis.opendocument.text`; it has
/// `META-INF/manifest.xml`, and a `content.xml` and `styles.xml` that are well-formed XML, with
/// `office:document-content` as the content's root. Errors are `BAD_USER_INPUT` on the field
/// `odt`, saying what is wrong in words a policy officer can act on.
pub fn check(body: &[u8]) -> ApiResult<()> {
    let invalid = |why: &str| ApiError::invalid("odt", why);
    if body.len() > MAX_BYTES {
        return Err(invalid("is larger than 20 MiB"));
    }
    // The first local file header at offset 0, naming "mimetype" (ODF 1.3 part 2, 3.3).
    if !body.starts_with(b"PK\x03\x04") {
        return Err(invalid(
            "is not an OpenDocument file (it does not start as a ZIP package)",
        ));
    }
    if body.get(30..38) != Some(b"mimetype".as_slice()) {
        return Err(invalid(
            "is not an OpenDocument file (its first entry is not the mimetype)",
        ));
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(body))
        .map_err(|_| invalid("is not an OpenDocument file (not a readable ZIP package)"))?;
    {
        let first = zip
            .by_index(0)
            .map_err(|_| invalid("is not an OpenDocument file (empty package)"))?;
        if first.name() != "mimetype" {
            return Err(invalid(
                "is not an OpenDocument file (its first entry is not the mimetype)",
            ));
        }
        if first.compression() != zip::CompressionMethod::Stored {
            return Err(invalid(
                "is not an OpenDocument file (its mimetype is compressed)",
            ));
        }
        let mut text = String::new();
        first
            .take(100)
            .read_to_string(&mut text)
            .map_err(|_| invalid("is not an OpenDocument file (unreadable mimetype)"))?;
        if text != TEXT {
            return Err(invalid(
                "is not an OpenDocument text (.odt); a spreadsheet, presentation or other file is not a report",
            ));
        }
    }
    // A password-protected file has its parts encrypted: say so, not that it is damaged.
    let manifest = {
        let entry = zip
            .by_name("META-INF/manifest.xml")
            .map_err(|_| invalid("is not an OpenDocument file (no manifest)"))?;
        let mut text = String::new();
        entry
            .take(MAX_PART_BYTES)
            .read_to_string(&mut text)
            .map_err(|_| invalid("is damaged: its manifest cannot be read"))?;
        text
    };
    if manifest.contains("encryption-data") {
        return Err(invalid(
            "is protected with a password: save it without one and attach it again",
        ));
    }
    xml_root(&mut zip, "META-INF/manifest.xml")
        .map_err(|why| invalid(&format!("is damaged: its manifest {why}")))?;
    for part in ["content.xml", "styles.xml"] {
        let root = xml_root(&mut zip, part)
            .map_err(|why| invalid(&format!("is damaged: its {part} {why}")))?;
        if part == "content.xml" && root != "office:document-content" {
            return Err(invalid(
                "is not an OpenDocument text (its content.xml is no document content)",
            ));
        }
    }
    Ok(())
}

/// The most a part may hold unpacked, in bytes: a report's content is well under a megabyte, so
/// a part this large is no report (and a small file that unpacks to it is a ZIP bomb).
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The name of the root element of `part`, read to its end (streamed, never held whole) to find
/// that it is well-formed: matching tags, well-formed attributes without duplicates, one root;
/// or what is wrong with it.
fn xml_root(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    part: &str,
) -> Result<String, String> {
    let entry = zip.by_name(part).map_err(|_| "is missing".to_owned())?;
    let mut reader =
        quick_xml::Reader::from_reader(std::io::BufReader::new(entry.take(MAX_PART_BYTES + 1)));
    reader.config_mut().check_end_names = true;
    let mut buffer = Vec::new();
    let mut root = None;
    let mut depth = 0usize;
    let malformed = || "is not well-formed XML".to_owned();
    loop {
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|_| malformed())?;
        if reader.buffer_position() > MAX_PART_BYTES {
            return Err("is too large for a report".to_owned());
        }
        let element = match &event {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => Some(e),
            _ => None,
        };
        if let Some(e) = element {
            // A second root, or an attribute given twice or without its quotes.
            if depth == 0 && root.is_some() {
                return Err("has more than one root element".to_owned());
            }
            for attribute in e.attributes().with_checks(true) {
                attribute.map_err(|_| malformed())?;
            }
            if root.is_none() {
                root = Some(String::from_utf8_lossy(e.name().as_ref()).into_owned());
            }
        }
        match event {
            quick_xml::events::Event::Start(_) => depth += 1,
            quick_xml::events::Event::End(_) => depth = depth.saturating_sub(1),
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    match root {
        Some(root) if depth == 0 => Ok(root),
        Some(_) => Err("ends before its last element is closed".to_owned()),
        None => Err("has no XML element".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const CONTENT: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body/></office:document-content>"#;
    const STYLES: &[u8] = br#"<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>"#;

    /// A package with `mimetype` (stored or compressed) and the given content.
    fn package(mimetype: &[u8], compressed: bool, content: &[u8]) -> Vec<u8> {
        package_with(mimetype, compressed, content, MANIFEST)
    }

    const MANIFEST: &[u8] =
        b"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>";

    fn package_with(mimetype: &[u8], compressed: bool, content: &[u8], manifest: &[u8]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let ok = |r: zip::result::ZipResult<()>| assert!(r.is_ok());
        ok(zip.start_file("mimetype", if compressed { deflated } else { stored }));
        assert!(zip.write_all(mimetype).is_ok());
        for (name, bytes) in [
            ("META-INF/manifest.xml", manifest),
            ("content.xml", content),
            ("styles.xml", STYLES),
        ] {
            ok(zip.start_file(name, deflated));
            assert!(zip.write_all(bytes).is_ok());
        }
        zip.finish().map(|c| c.into_inner()).unwrap_or_default()
    }

    fn refused(body: &[u8]) -> String {
        match check(body) {
            Err(ApiError::Invalid { message, .. }) => message,
            other => format!("not refused as input: {other:?}"),
        }
    }

    #[test]
    fn an_odt_package_passes_and_each_fault_is_named() {
        let good = package(TEXT.as_bytes(), false, CONTENT);
        assert!(check(&good).is_ok());
        // Bytes before the package: a ZIP reader finds it, an ODF reader does not.
        let mut prefixed = b"junk".to_vec();
        prefixed.extend(&good);
        assert!(
            refused(&prefixed).contains("does not start as a ZIP"),
            "{}",
            refused(&prefixed)
        );
        assert!(
            refused(&package(TEXT.as_bytes(), true, CONTENT)).contains("mimetype is compressed")
        );
        assert!(
            refused(&package(
                b"application/vnd.oasis.opendocument.text\n",
                false,
                CONTENT
            ))
            .contains("not an OpenDocument text")
        );
        assert!(
            refused(&package(
                b"application/vnd.oasis.opendocument.spreadsheet",
                false,
                CONTENT
            ))
            .contains("spreadsheet")
        );
        let cut = &CONTENT[..CONTENT.len() - 30];
        assert!(
            refused(&package(TEXT.as_bytes(), false, cut)).contains("content.xml"),
            "{}",
            refused(&package(TEXT.as_bytes(), false, cut))
        );
        assert!(
            refused(&package(TEXT.as_bytes(), false, b"<a><b></a></b>"))
                .contains("not well-formed")
        );
        assert!(
            refused(&package(
                TEXT.as_bytes(),
                false,
                b"<office:document-styles/>"
            ))
            .contains("no document content")
        );
        assert!(refused(b"not a zip").contains("does not start as a ZIP"));
        assert!(
            refused(&package(TEXT.as_bytes(), false, b"<a x=\"1\" x=\"2\"/>"))
                .contains("not well-formed")
        );
        assert!(
            refused(&package(TEXT.as_bytes(), false, b"<a/><b/>")).contains("more than one root")
        );
        let encrypted = package_with(TEXT.as_bytes(), false, CONTENT, b"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>");
        assert!(
            refused(&encrypted).contains("password"),
            "{}",
            refused(&encrypted)
        );
    }
}
