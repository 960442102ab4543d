import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The system's errors in Danish: what `strerror` and Foundation would say in English
/// ("No space left on device", "NSCocoaErrorDomain error 512"), for the people who read them.
public enum SystemError {
    /// The Danish description of an `errno` value.
    public static func danish(_ code: Int32) -> String {
        switch code {
        case ENOSPC: "der er ikke mere plads på disken"
        case EDQUOT: "din diskkvote er brugt op"
        case EACCES, EPERM: "adgang nægtet"
        case EROFS: "filsystemet er skrivebeskyttet"
        case ENOENT: "filen eller mappen findes ikke"
        case ENOTDIR: "en del af stien er ikke en mappe"
        case EISDIR: "det er en mappe, ikke en fil"
        case EEXIST: "findes allerede"
        case ENOTEMPTY: "mappen er ikke tom"
        case ENAMETOOLONG: "navnet er for langt til filsystemet"
        case ELOOP: "for mange symbolske links (måske en løkke)"
        case EMFILE, ENFILE: "for mange åbne filer"
        case EIO: "fejl ved læsning eller skrivning på disken"
        case EXDEV: "kan ikke flytte mellem to filsystemer"
        case EBUSY: "filen eller mappen er i brug"
        case ENOMEM: "ikke nok hukommelse"
        case EFBIG: "filen er for stor"
        case EINVAL: "ugyldig værdi"
        default: "systemfejl nr. \(code)"
        }
    }

    /// The Danish description of an error from Foundation or the system: the POSIX code inside
    /// it where there is one (Foundation wraps it, e.g. as NSCocoaErrorDomain 512).
    public static func danish(_ error: any Error) -> String {
        if let code = posixCode(error) { return danish(code) }
        let ns = error as NSError
        switch (ns.domain, ns.code) {
        case (NSCocoaErrorDomain, NSFileNoSuchFileError), (NSCocoaErrorDomain, NSFileReadNoSuchFileError): return danish(ENOENT)
        case (NSCocoaErrorDomain, NSFileWriteNoPermissionError), (NSCocoaErrorDomain, NSFileReadNoPermissionError): return danish(EACCES)
        case (NSCocoaErrorDomain, NSFileWriteOutOfSpaceError): return danish(ENOSPC)
        case (NSCocoaErrorDomain, NSFileWriteVolumeReadOnlyError): return danish(EROFS)
        case (NSCocoaErrorDomain, NSFileWriteFileExistsError): return danish(EEXIST)
        default: return "systemfejl (\(ns.code))"
        }
    }

    static func posixCode(_ error: any Error) -> Int32? {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError { return posixCode(underlying) }
        return nil
    }
}
