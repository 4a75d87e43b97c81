namespace FaceMask.Data;

/// <summary>
/// The part of a dataset load that depends on what the dataset is loaded as (<see cref="DatasetLoading"/> does the
/// rest): what each usable file becomes — a record of <see cref="RecordLength"/> elements, e.g. decoded pixels or
/// backbone features —, how its per-file cache is named and keyed, on which threads files are converted, and what the
/// loaded dataset holds in the end.
/// </summary>
/// <typeparam name="T">The record's element type (byte for pixels, float for features).</typeparam>
internal abstract class DatasetLoadStep<T>
    where T : unmanaged
{
    /// <summary>Side, in pixels, of the images the records are made from (<see cref="LoadedDataset.Size"/>).</summary>
    public abstract int Size { get; }

    /// <summary>Elements per file.</summary>
    public abstract int RecordLength { get; }

    /// <summary>The cache file for a dataset and preparation step, or null when no cache folder is usable.</summary>
    /// <param name="root">Full path of the dataset root.</param>
    /// <param name="cacheDirectory">The cache folder asked for, or null for the default.</param>
    /// <param name="preparerId">The preparation step's id, or null for whole images.</param>
    public abstract string? CachePath(string root, string? cacheDirectory, string? preparerId);

    /// <summary>The cache file's format and keys for a dataset and preparation step (<see cref="CacheLocation.StepTag"/>).</summary>
    public abstract PerFileCacheFormat CacheFormat(string root, int stepTag);

    /// <summary>
    /// Calls <paramref name="work"/> for 0 … <paramref name="count"/> − 1 on this step's threads, each time with a
    /// converter the calling thread may use; every record is written when this returns (a converter may leave it to be
    /// written later, e.g. with its batch); the first exception stops the run and is rethrown.
    /// </summary>
    public abstract void ForEach(int count, Action<int, FileConverter<T>> work, CancellationToken cancellationToken);

    /// <summary>What the dataset holds: its pixels (empty when it holds something else) and any other payload.</summary>
    /// <param name="records">The usable files' records, in dataset order.</param>
    /// <param name="count">Number of usable files.</param>
    /// <param name="converted">Files converted in this load (the others came from the cache).</param>
    /// <param name="seconds">Wall time of converting them.</param>
    public abstract (byte[] Pixels, object? Payload) Result(T[] records, int count, int converted, double seconds);
}
