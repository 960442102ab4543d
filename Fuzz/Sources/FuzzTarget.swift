import Foundation
import KatalogCore
import KatalogLoad
import KatalogRules

/// libFuzzer entry: any bytes as a module file and as a kommune.yml, through front-matter parsing,
/// Markdown and the validator. Input errors are expected; crashes, hangs and sanitizer reports are bugs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let municipality = (try? MunicipalityParser.parse(data: bytes, file: "fuzz/kommune.yml", slug: "fuzz"))
        ?? Municipality(slug: "fuzz", file: "fuzz/kommune.yml", fields: FieldTable(), modules: [])
    if let module = try? ModuleParser.parse(data: bytes, file: "fuzz/modul.md", municipality: "fuzz") {
        let withModule = Municipality(slug: "fuzz", file: municipality.file, fields: municipality.fields, modules: [module])
        _ = Validator().validate(Catalog(root: "fuzz", municipalities: [withModule]))
    } else {
        _ = Validator().validate(Catalog(root: "fuzz", municipalities: [municipality]))
    }
    return 0
}

// SwiftPM links an executable target with `main` defined as `<module>_main`; we hand control to
// libFuzzer's driver from there.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("katalog_fuzz_main")
public func katalogFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzOneInput(data, size)
    }
}
