namespace FaceMask.Data;

/// <summary>
/// What the per-file caches (<see cref="DatasetCache"/> of pixels, <see cref="Features.FeatureCache"/> of backbone
/// features) have in common: entries found by path, length, time, class and content hash, each either usable (with a
/// slot holding its data) or remembered as a bad file.
/// </summary>
internal interface IPerFileCache
{
    /// <summary>Number of cached files.</summary>
    int Count { get; }

    /// <summary>Looks up a dataset file (see <see cref="CacheLookup"/>).</summary>
    CacheLookup Find(ImageEntry entry, string root, string className, out int index);

    /// <summary>The content hash of a cached file.</summary>
    ReadOnlySpan<byte> Hash(int index);

    /// <summary>The problem that made a cached file unusable, or null when it is usable.</summary>
    ImageProblem? Problem(int index);

    /// <summary>The reason text of an unusable cached file.</summary>
    string Reason(int index);

    /// <summary>Whether a usable file was used whole because the preparation step did not apply to it (no face found).</summary>
    bool UsedWhole(int index);

    /// <summary>Where a usable file's data is stored in the cache.</summary>
    int Slot(int index);
}
