#if canImport(Glibc)
import Glibc
#endif

/// The process's heap, as the C allocator keeps it.
enum ProcessMemory {
    /// Returns the heap's free pages to the system (glibc keeps freed memory in its arenas, one per thread that
    /// allocated; the report built after a run allocates in another arena than the one its scenarios were
    /// freed to, so without this the two add up in the peak). Does nothing where glibc's `malloc_trim` is
    /// missing (Swift's Glibc module does not declare it, so it is looked up by name).
    static func giveBack() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(symbol, to: Trim.self)(0) }
        #endif
    }
}
