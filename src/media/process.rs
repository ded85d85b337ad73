//! What happens to an uploaded file before it is stored: its type is read from its content (never
//! from its name or the browser's claim), images are checked by decoding their header, location and
//! other EXIF/XMP/IPTC metadata is removed, and the EXIF orientation is applied to the pixels. SVG is
//! rebuilt from an allow-list (see [`super::svg`]). Then, in a job, the responsive variants.
use super::codes;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits, metadata::Orientation};
use std::io::Cursor;

/// The variant widths made for images wider than them.
pub const VARIANT_WIDTHS: [u32; 4] = [480, 960, 1600, 2400];
/// Larger pictures are refused (a 60 MP camera still fits): decoding needs width × height × 4 bytes.
pub const MAX_PIXELS: u64 = 60_000_000;
pub const MAX_SIDE: u32 = 16_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    Jpeg,
    Png,
    Gif,
    Webp,
    Pdf,
    Svg,
}

impl FileType {
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::Gif => "image/gif",
            FileType::Webp => "image/webp",
            FileType::Pdf => "application/pdf",
            FileType::Svg => "image/svg+xml",
        }
    }
    pub fn ext(self) -> &'static str {
        match self {
            FileType::Jpeg => "jpg",
            FileType::Png => "png",
            FileType::Gif => "gif",
            FileType::Webp => "webp",
            FileType::Pdf => "pdf",
            FileType::Svg => "svg",
        }
    }
    pub fn kind(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Svg => "svg",
            _ => "image",
        }
    }
    pub fn from_ext(ext: &str) -> Option<Self> {
        [
            FileType::Jpeg,
            FileType::Png,
            FileType::Gif,
            FileType::Webp,
            FileType::Pdf,
            FileType::Svg,
        ]
        .into_iter()
        .find(|t| t.ext() == ext)
    }
    fn image_format(self) -> Option<image::ImageFormat> {
        match self {
            FileType::Jpeg => Some(image::ImageFormat::Jpeg),
            FileType::Png => Some(image::ImageFormat::Png),
            FileType::Gif => Some(image::ImageFormat::Gif),
            FileType::Webp => Some(image::ImageFormat::WebP),
            _ => None,
        }
    }
}

/// The type of a file, by its first bytes. Text files are SVG only if they parse as one (checked
/// by the caller); everything else (HTML, scripts, archives, office files) is `None`.
pub fn sniff(bytes: &[u8]) -> Option<FileType> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(FileType::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(FileType::Png);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Some(FileType::Gif);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some(FileType::Webp);
    }
    if bytes.starts_with(b"%PDF-") {
        return Some(FileType::Pdf);
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &text[start..text.len().min(start + 5)];
    (head.starts_with(b"<?xml") || head.starts_with(b"<svg") || head.starts_with(b"<!--"))
        .then_some(FileType::Svg)
}

/// A file ready to be stored.
#[derive(Debug)]
pub struct Prepared {
    pub file_type: FileType,
    pub bytes: Vec<u8>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// Checks and cleans an upload. Errors are the codes the admin words.
pub fn prepare(bytes: &[u8]) -> Result<Prepared, &'static str> {
    let file_type = sniff(bytes).ok_or(codes::TYPE_UNSUPPORTED)?;
    match file_type {
        FileType::Pdf => {
            // A PDF is stored as it is; the admin serves it as a download-safe document.
            Ok(Prepared {
                file_type,
                bytes: bytes.to_vec(),
                width: None,
                height: None,
            })
        }
        FileType::Svg => {
            let clean = super::svg::sanitize(bytes).map_err(|_| codes::SVG_INVALID)?;
            Ok(Prepared {
                file_type,
                width: clean.width,
                height: clean.height,
                bytes: clean.svg.into_bytes(),
            })
        }
        _ => prepare_image(bytes, file_type),
    }
}

fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(MAX_SIDE);
    l.max_image_height = Some(MAX_SIDE);
    l.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    l
}

fn prepare_image(bytes: &[u8], file_type: FileType) -> Result<Prepared, &'static str> {
    let format = file_type.image_format().ok_or(codes::TYPE_UNSUPPORTED)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(|_| codes::IMAGE_BROKEN)?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err(codes::IMAGE_BROKEN);
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS || w > MAX_SIDE || h > MAX_SIDE {
        return Err(codes::IMAGE_TOO_MANY_PIXELS);
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    // Decoding the whole picture proves it is one (a truncated or forged file fails here).
    let mut img = DynamicImage::from_decoder(decoder).map_err(|_| codes::IMAGE_BROKEN)?;
    if orientation != Orientation::NoTransforms && file_type != FileType::Gif {
        // The pixels are turned, so the file needs no orientation tag: re-encode (without metadata).
        img.apply_orientation(orientation);
        let out = encode(&img, file_type, 90).map_err(|_| codes::IMAGE_BROKEN)?;
        return Ok(Prepared {
            file_type,
            bytes: out,
            width: Some(img.width()),
            height: Some(img.height()),
        });
    }
    let cleaned = match file_type {
        FileType::Jpeg => strip_jpeg(bytes),
        FileType::Png => strip_png(bytes),
        FileType::Webp => strip_webp(bytes),
        // GIF carries no EXIF; XMP in an application extension is rare and left (documented).
        _ => Some(bytes.to_vec()),
    }
    .ok_or(codes::IMAGE_BROKEN)?;
    Ok(Prepared {
        file_type,
        bytes: cleaned,
        width: Some(w),
        height: Some(h),
    })
}

/// Encodes a picture in `file_type` (JPEG and WebP lossy at `quality`, PNG lossless).
pub fn encode(img: &DynamicImage, file_type: FileType, quality: u8) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match file_type {
        FileType::Jpeg => {
            let rgb = img.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
                .encode_image(&rgb)
                .map_err(|e| e.to_string())?;
        }
        FileType::Png => {
            img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
                .map_err(|e| e.to_string())?;
        }
        FileType::Webp => return encode_webp(img, quality),
        _ => return Err("not an image format".into()),
    }
    Ok(out)
}

/// Lossy WebP (libwebp), the format of the responsive variants.
pub fn encode_webp(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, String> {
    let rgba;
    let rgb;
    let encoder = if img.color().has_alpha() {
        rgba = img.to_rgba8();
        webp::Encoder::from_rgba(rgba.as_raw(), rgba.width(), rgba.height())
    } else {
        rgb = img.to_rgb8();
        webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height())
    };
    let mem = encoder
        .encode_simple(false, f32::from(quality))
        .map_err(|e| format!("webp: {e:?}"))?;
    Ok(mem.to_vec())
}

/// JPEG without the APP1 (EXIF, XMP), APP13 (IPTC) and comment segments; pixels untouched.
pub fn strip_jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut i = 2;
    loop {
        if i + 4 > bytes.len() || bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            // fill byte
            i += 1;
            continue;
        }
        if marker == 0xD9 {
            out.extend_from_slice(&bytes[i..i + 2]);
            return Some(out);
        }
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            out.extend_from_slice(&bytes[i..i + 2]);
            i += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if len < 2 || i + 2 + len > bytes.len() {
            return None;
        }
        let end = i + 2 + len;
        if marker == 0xDA {
            // Start of scan: the rest is image data (and further scans); copied as is.
            out.extend_from_slice(&bytes[i..]);
            return Some(out);
        }
        if !matches!(marker, 0xE1 | 0xED | 0xFE) {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
    }
}

/// PNG without eXIf and text chunks (tEXt, zTXt, iTXt: where XMP and camera data go) and tIME.
pub fn strip_png(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..8]);
    let mut i = 8;
    while i + 12 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[i..i + 4].try_into().ok()?) as usize;
        let end = i.checked_add(12)?.checked_add(len)?;
        if end > bytes.len() {
            return None;
        }
        let kind = &bytes[i + 4..i + 8];
        if !matches!(kind, b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME") {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
        if kind == b"IEND" {
            return Some(out);
        }
    }
    None
}

/// WebP without its EXIF and XMP chunks (and their flags in VP8X).
pub fn strip_webp(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..12]);
    let mut i = 12;
    while i + 8 <= bytes.len() {
        let id = &bytes[i..i + 4];
        let len = u32::from_le_bytes(bytes[i + 4..i + 8].try_into().ok()?) as usize;
        let padded = len + (len & 1);
        let end = (i + 8).checked_add(padded)?.min(bytes.len());
        if i + 8 + len > bytes.len() {
            return None;
        }
        if id != b"EXIF" && id != b"XMP " {
            let start = out.len();
            out.extend_from_slice(&bytes[i..end]);
            if id == b"VP8X" && len >= 1 {
                // flags: bit 3 EXIF, bit 2 XMP
                out[start + 8] &= !(0x08 | 0x04);
            }
        }
        i = end;
    }
    let riff = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&riff.to_le_bytes());
    Some(out)
}

/// One responsive variant: `width` wide, in `file_type` (or WebP).
pub struct Variant {
    pub width: u32,
    pub ext: &'static str,
    pub bytes: Vec<u8>,
}

/// The variants of a stored image: for each width below its own, a WebP and one in its own format.
/// GIFs (often animated) get none: they are shown as uploaded.
pub fn variants(bytes: &[u8], file_type: FileType) -> Result<Vec<Variant>, String> {
    if file_type == FileType::Gif {
        return Ok(Vec::new());
    }
    let format = file_type.image_format().ok_or("not an image")?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let img = reader.decode().map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    // From the widest down, each made from the one before: faster, and as sharp.
    let mut source = img;
    for &width in VARIANT_WIDTHS.iter().rev() {
        if width >= source.width() {
            continue;
        }
        let height = ((u64::from(source.height()) * u64::from(width)) / u64::from(source.width()))
            .max(1) as u32;
        let resized = source.resize_exact(width, height, image::imageops::FilterType::CatmullRom);
        out.push(Variant {
            width,
            ext: "webp",
            bytes: encode_webp(&resized, 80)?,
        });
        out.push(Variant {
            width,
            ext: file_type.ext(),
            bytes: encode(&resized, file_type, 82)?,
        });
        source = resized;
    }
    Ok(out)
}

/// The name a file was uploaded with, fit to show: no folders, no control characters, at most 200
/// characters. Never used as a path.
pub fn display_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let name: String = base
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .to_owned();
    if name.is_empty() {
        "upload".into()
    } else {
        name
    }
}

/// A stored file's name: `<sha256>.<ext>` or `<sha256>-<width>.<ext>`; anything else is refused,
/// so a request can never name a path outside the tenant's folder.
pub fn parse_file_name(name: &str) -> Option<(String, Option<u32>, FileType)> {
    let (stem, ext) = name.split_once('.')?;
    let file_type = FileType::from_ext(ext)?;
    let (hash, width) = match stem.split_once('-') {
        Some((h, w)) => {
            let w: u32 = w.parse().ok()?;
            if !VARIANT_WIDTHS.contains(&w) {
                return None;
            }
            (h, Some(w))
        }
        None => (stem, None),
    };
    (hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
        .then(|| (hash.to_owned(), width, file_type))
}

/// A test picture: a `w`×`h` JPEG, with an EXIF block (this `orientation`, and a GPS position) when
/// given. Used by the tests of this crate and its integration tests.
#[doc(hidden)]
pub fn sample_jpeg(w: u32, h: u32, orientation: Option<u16>) -> Vec<u8> {
    let img = DynamicImage::ImageRgb8(image::ImageBuffer::from_fn(w, h, |x, y| {
        image::Rgb([(x * 255 / w.max(1)) as u8, (y * 255 / h.max(1)) as u8, 160])
    }));
    let plain = encode(&img, FileType::Jpeg, 85).unwrap_or_default();
    let Some(orientation) = orientation else {
        return plain;
    };
    // TIFF header (little endian), IFD0 with Orientation (0x0112) and GPSInfo (0x8825) -> a GPS IFD
    // with GPSLatitudeRef "N".
    let mut tiff: Vec<u8> = b"II*\0\x08\0\0\0".to_vec();
    tiff.extend_from_slice(&2u16.to_le_bytes());
    for (tag, kind, count, value) in [
        (0x0112u16, 3u16, 1u32, u32::from(orientation)),
        (0x8825, 4, 1, 38),
    ] {
        tiff.extend_from_slice(&tag.to_le_bytes());
        tiff.extend_from_slice(&kind.to_le_bytes());
        tiff.extend_from_slice(&count.to_le_bytes());
        tiff.extend_from_slice(&value.to_le_bytes());
    }
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes());
    // GPSLatitudeRef (tag 1), ASCII (2), 2 bytes: "N"
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&2u32.to_le_bytes());
    tiff.extend_from_slice(b"N\0\0\0");
    tiff.extend_from_slice(&0u32.to_le_bytes());
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgb};

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        sample_jpeg(w, h, None)
    }

    fn jpeg_with_exif(w: u32, h: u32, orientation: u16) -> Vec<u8> {
        sample_jpeg(w, h, Some(orientation))
    }

    #[test]
    fn types_come_from_the_content_not_the_name() {
        assert_eq!(sniff(&jpeg(4, 4)), Some(FileType::Jpeg));
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(FileType::Pdf));
        assert_eq!(sniff(b"GIF89a...."), Some(FileType::Gif));
        assert_eq!(
            sniff(b"\xEF\xBB\xBF  <svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Some(FileType::Svg)
        );
        for bad in [
            &b"<!DOCTYPE html><html><script>alert(1)</script></html>"[..],
            b"<html><body>hi</body></html>",
            b"PK\x03\x04 zip",
            b"#!/bin/sh\nrm -rf /",
            b"",
        ] {
            assert_eq!(sniff(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
        assert_eq!(
            prepare(b"<!DOCTYPE html><html></html>").unwrap_err(),
            codes::TYPE_UNSUPPORTED
        );
    }

    #[test]
    fn a_forged_or_truncated_image_is_refused() {
        let mut fake = vec![0xFF, 0xD8, 0xFF, 0xE0];
        fake.extend_from_slice(b"<html>not really a jpeg</html>");
        assert_eq!(prepare(&fake).unwrap_err(), codes::IMAGE_BROKEN);
        let real = jpeg(64, 64);
        assert!(prepare(&real[..real.len() / 3]).is_err());
    }

    #[test]
    fn exif_location_is_removed_and_orientation_applied() {
        let upright = jpeg_with_exif(40, 20, 1);
        assert!(upright.windows(4).any(|w| w == b"Exif"));
        let p = prepare(&upright).unwrap();
        assert!(
            !p.bytes.windows(4).any(|w| w == b"Exif"),
            "EXIF (with GPS) left in"
        );
        assert_eq!((p.width, p.height), (Some(40), Some(20)));
        // Orientation 6 (turn 90° clockwise): the stored picture is 20 wide and 40 high.
        let turned = prepare(&jpeg_with_exif(40, 20, 6)).unwrap();
        assert_eq!((turned.width, turned.height), (Some(20), Some(40)));
        assert!(!turned.bytes.windows(4).any(|w| w == b"Exif"));
        let again = image::load_from_memory(&turned.bytes).unwrap();
        assert_eq!((again.width(), again.height()), (20, 40));
    }

    #[test]
    fn png_text_chunks_are_removed() {
        let img = DynamicImage::ImageRgb8(ImageBuffer::from_pixel(3, 3, Rgb([1, 2, 3])));
        let png = encode(&img, FileType::Png, 0).unwrap();
        // insert a tEXt chunk after IHDR (8 + 25 bytes)
        let mut with_text = png[..33].to_vec();
        let data = b"GPS\0Berlin 52.52,13.40";
        with_text.extend_from_slice(&(data.len() as u32).to_be_bytes());
        with_text.extend_from_slice(b"tEXt");
        with_text.extend_from_slice(data);
        with_text.extend_from_slice(&[0, 0, 0, 0]);
        with_text.extend_from_slice(&png[33..]);
        let out = strip_png(&with_text).unwrap();
        assert_eq!(out, png);
    }

    #[test]
    fn variants_are_smaller_widths_in_webp_and_the_original_format() {
        let v = variants(&jpeg(1000, 500), FileType::Jpeg).unwrap();
        let got: Vec<(u32, &str)> = v.iter().map(|v| (v.width, v.ext)).collect();
        assert_eq!(
            got,
            vec![(960, "webp"), (960, "jpg"), (480, "webp"), (480, "jpg")]
        );
        let small = image::load_from_memory(&v[3].bytes).unwrap();
        assert_eq!((small.width(), small.height()), (480, 240));
        assert_eq!(sniff(&v[0].bytes), Some(FileType::Webp));
        assert!(
            variants(&jpeg(300, 300), FileType::Jpeg)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn file_names_cannot_name_a_path() {
        let h = "a".repeat(64);
        assert_eq!(parse_file_name(&format!("{h}.jpg")).unwrap().1, None);
        assert_eq!(
            parse_file_name(&format!("{h}-960.webp")).unwrap().1,
            Some(960)
        );
        for bad in [
            format!("../{h}.jpg"),
            format!("{h}.jpg/../../x"),
            format!("{h}-961.webp"),
            format!("{h}.html"),
            format!("{}.jpg", "A".repeat(64)),
            "..".into(),
            String::new(),
        ] {
            assert!(parse_file_name(&bad).is_none(), "{bad}");
        }
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("C:\\Users\\x\\Foto 1.jpg"), "Foto 1.jpg");
        assert_eq!(display_name("..."), "upload");
        assert_eq!(display_name(".htaccess"), "htaccess");
    }
}
