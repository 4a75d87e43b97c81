namespace FaceMask.Data;

/// <summary>
/// What tells one kind of per-file cache file apart and keys it to its load: the 8-byte magic, the format version, two
/// 32-bit header keys (image size and resize mode for pixels; resize mode and floats per file for features), the
/// preparation step's tag, the strings the index starts with (the dataset root, then e.g. the backbone id) and the
/// payload's length per usable file, in elements of the cache's payload type.
/// </summary>
/// <param name="Magic">Eight ASCII characters at the start of the file (<c>FMPIXELS</c>, <c>FMFEATUR</c>).</param>
/// <param name="Version">Format version; bumped whenever the layout or what is cached changes, so old files are no longer matched.</param>
/// <param name="Key1">Header bytes 12–15.</param>
/// <param name="Key2">Header bytes 16–19.</param>
/// <param name="StepTag">Header bytes 20–23: the preparation step's tag (<see cref="CacheLocation.StepTag"/>; 0 for whole images).</param>
/// <param name="IndexKeys">Strings at the start of the index that must match (the dataset root first).</param>
/// <param name="RecordLength">Payload elements per usable file.</param>
internal sealed record PerFileCacheFormat(string Magic, int Version, int Key1, int Key2, int StepTag, IReadOnlyList<string> IndexKeys, int RecordLength);
