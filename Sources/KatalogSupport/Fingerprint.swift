/// A fingerprint of several values (within one process; Swift's hashing is seeded per process).
public func fingerprint<each T: Hashable>(_ values: repeat each T) -> Int {
    var hasher = Hasher()
    repeat hasher.combine(each values)
    return hasher.finalize()
}
