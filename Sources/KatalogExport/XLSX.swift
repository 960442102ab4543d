import Foundation
import KatalogSupport

/// `soft.xlsx`: the SOFT records as an Excel workbook (Office Open XML, one sheet), beside the CSV.
/// Each cell has the type its value has: identifiers, codes and phone numbers are text cells with
/// the text number format (so Excel never reads `0991` as 991 or a 16-digit SOR code as a rounded
/// number), whole numbers are numbers, dates are dates (a serial day with Excel's built-in date
/// format 14), and everything else is text. Deterministic: the same records give the same bytes.
enum XLSX {
    /// A cell as the sheet holds it.
    enum Cell: Equatable {
        case text(String)
        /// Text with the text number format (`@`): an identifier or a phone number.
        case code(String)
        case number(Int)
        /// An ISO date (ÅÅÅÅ-MM-DD).
        case date(String)
        case empty
    }

    /// The workbook of a header row and the rows.
    static func workbook(header: [String], rows: [[Cell]]) -> Data {
        Zip.stored([
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRelationships),
            ("xl/workbook.xml", workbookXML),
            ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/styles.xml", styles),
            ("xl/worksheets/sheet1.xml", sheet([header.map(Cell.text)] + rows)),
        ].map { ($0.0, Data($0.1.utf8)) })
    }

    static func sheet(_ rows: [[Cell]]) -> String {
        // Row by row in parallel (a national catalog's sheet is thousands of rows), joined in order.
        let lines = Parallel.map(Array(rows.enumerated())) { r, row in self.row(r, row) }
        return head + "<worksheet xmlns=\"\(main)\"><sheetData>" + lines.joined() + "</sheetData></worksheet>"
    }

    /// One row's XML (`r`: zero-based).
    static func row(_ r: Int, _ row: [Cell]) -> String {
        var xml = "<row r=\"\(r + 1)\">"
        for (c, cell) in row.enumerated() {
            let ref = column(c) + String(r + 1)
            switch cell {
            case .text(let text): xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(text))</t></is></c>"
            case .code(let text):
                xml += "<c r=\"\(ref)\" s=\"2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(text))</t></is></c>"
            case .number(let number): xml += "<c r=\"\(ref)\"><v>\(number)</v></c>"
            case .date(let iso):
                if let serial = serial(iso) { xml += "<c r=\"\(ref)\" s=\"1\"><v>\(serial)</v></c>" } else {
                    xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(escape(iso))</t></is></c>"
                }
            case .empty: break
            }
        }
        xml += "</row>"
        return xml
    }

    /// `A`, … `Z`, `AA`, … for a zero-based column.
    static func column(_ index: Int) -> String {
        var index = index + 1, name = ""
        while index > 0 {
            let digit = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            index = (index - 1) / 26
        }
        return name
    }

    /// Excel's serial day of an ISO date: days since 1899-12-30 (the 1900 system, as Excel and Calc count).
    static func serial(_ iso: String) -> Int? {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard iso.utf8.count == 10, parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm), then from 1970-01-01 to 1899-12-30.
        let y = parts[1] <= 2 ? parts[0] - 1 : parts[0], m = parts[1], d = parts[2]
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468 + 25_569
    }

    /// XML text: `&`, `<`, `>` escaped, and the control characters XML 1.0 cannot hold left out.
    static func escape(_ text: String) -> String {
        // Most cells need nothing escaped.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0xEF }) { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    static let head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let contentTypes = head + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """
    static let packageRelationships = head + """
        <Relationships xmlns="\(relationships)">\
        <Relationship Id="rId1" Type="\(officeDocument)/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """
    static let workbookXML = head + """
        <workbook xmlns="\(main)" xmlns:r="\(officeDocument)"><sheets><sheet name="Tilbud" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    static let workbookRelationships = head + """
        <Relationships xmlns="\(relationships)">\
        <Relationship Id="rId1" Type="\(officeDocument)/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="\(officeDocument)/styles" Target="styles.xml"/></Relationships>
        """
    /// Three cell formats: 0 general, 1 a date (built-in format 14), 2 text (built-in format 49, `@`).
    static let styles = head + """
        <styleSheet xmlns="\(main)"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """
}

/// A ZIP archive (PKWARE APPNOTE) of stored, uncompressed entries: what an xlsx package needs.
/// Written here rather than with ZIPFoundation (in the package mirror) because ZIPFoundation links
/// zlib, which the self-contained binary would then need on the municipality's machine
/// (`Tests/tools/binary-test.sh` allows only libc, libm, libstdc++ and libgcc_s), and stored entries
/// need no compression. Every entry has the same fixed time (1980-01-01), so the bytes are
/// deterministic. Tested against the readers that matter: Python's zipfile (every CRC), openpyxl and
/// LibreOffice Calc (`soft_roundtrip.py --xlsx`).
enum Zip {
    static func stored(_ entries: [(name: String, data: Data)]) -> Data {
        var out = Data(), directory = Data()
        for (name, data) in entries {
            let offset = UInt32(out.count), crc = crc32(data), nameBytes = Data(name.utf8)
            // Local file header.
            out.append(le32: 0x0403_4B50); out.append(le16: 20); out.append(le16: 0); out.append(le16: 0)
            out.append(le16: 0); out.append(le16: 0x21)
            out.append(le32: crc); out.append(le32: UInt32(data.count)); out.append(le32: UInt32(data.count))
            out.append(le16: UInt16(nameBytes.count)); out.append(le16: 0)
            out.append(nameBytes); out.append(data)
            // Its central directory entry.
            directory.append(le32: 0x0201_4B50); directory.append(le16: 20); directory.append(le16: 20); directory.append(le16: 0)
            directory.append(le16: 0); directory.append(le16: 0); directory.append(le16: 0x21)
            directory.append(le32: crc); directory.append(le32: UInt32(data.count)); directory.append(le32: UInt32(data.count))
            directory.append(le16: UInt16(nameBytes.count)); directory.append(le16: 0); directory.append(le16: 0)
            directory.append(le16: 0); directory.append(le16: 0); directory.append(le32: 0); directory.append(le32: offset)
            directory.append(nameBytes)
        }
        let start = UInt32(out.count)
        out.append(directory)
        // End of central directory.
        out.append(le32: 0x0605_4B50); out.append(le16: 0); out.append(le16: 0)
        out.append(le16: UInt16(entries.count)); out.append(le16: UInt16(entries.count))
        out.append(le32: UInt32(directory.count)); out.append(le32: start); out.append(le16: 0)
        return out
    }

    /// CRC-32 (IEEE 802.3, as ZIP uses it).
    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            data.withUnsafeBytes { bytes in
                for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
            }
        }
        return crc ^ 0xFFFF_FFFF
    }

    static let table: [UInt32] = (0..<256).map { index in
        var c = UInt32(index)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
}

extension Data {
    mutating func append(le16 value: UInt16) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
    mutating func append(le32 value: UInt32) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
}
