using System.Diagnostics;
using System.Security.Cryptography;
using FaceMask.Data;
using FaceMask.ResNet;

namespace FaceMask.Features;

/// <summary>
/// Loads a dataset as frozen-backbone features: every image is decoded at the backbone's input size and run through
/// the backbone twice (as is and mirrored horizontally), with an on-disk feature cache so that a repeated run only
/// stats the files and reads the cache, never touching ONNX Runtime.
/// </summary>
public static class FeatureDatasetLoader
{
    /// <summary>
    /// Loads the features of every image under <paramref name="root"/> for <see cref="DatasetLoadOptions.Backbone"/>.
    /// </summary>
    /// <remarks>
    /// Same rules as <see cref="DatasetLoader.Load"/>: unusable files are skipped (or, strict, the first one in path
    /// order throws), a class without usable images is an error, the cache is matched per file by (path, length,
    /// last-write time, class), rewritten atomically only when something changed, and a corrupt cache is rebuilt.
    /// The fingerprint is the same as for pixels. The returned dataset has empty <see cref="LoadedDataset.Pixels"/>
    /// and its <see cref="LoadedDataset.Features"/> set. With a <see cref="DatasetLoadOptions.Preparer"/> each image is
    /// decoded at full size, prepared (e.g. cropped to its face) and resized as in-memory images are before extraction,
    /// and the features are cached in a file of their own; the step runs on the extraction workers' threads.
    /// </remarks>
    /// <param name="root">The dataset folder, laid out as <c>&lt;root&gt;/&lt;class&gt;/&lt;image&gt;</c>.</param>
    /// <param name="options">Backbone, size (must be the backbone's input size), resize mode, strictness, cache and extraction settings.</param>
    /// <param name="progress">Receives progress reports (possibly from several threads), or null.</param>
    /// <param name="cancellationToken">Stops extraction.</param>
    /// <exception cref="FaceMaskException">
    /// An unknown backbone, a wrong size, missing backbone files, a wrong folder layout, a class without usable
    /// images, or (strict) an unusable file.
    /// </exception>
    public static LoadedDataset Load(string root, DatasetLoadOptions options, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.Equals(options.Backbone, ResNet18Backbone.Name, StringComparison.Ordinal))
        {
            throw new FaceMaskException($"unknown backbone '{options.Backbone}'; known: {ResNet18Backbone.Name}");
        }

        if (options.Size != ResNet18Backbone.InputSize)
        {
            throw new FaceMaskException($"--size {options.Size}: the {ResNet18Backbone.Name} backbone takes {ResNet18Backbone.InputSize}x{ResNet18Backbone.InputSize} px images");
        }

        if (!Enum.IsDefined(options.Resize))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Resize, "Unknown resize mode.");
        }

        ImageFolder folder = ImageFolder.Discover(root);
        FaceCropSettings? datasetCrop = FaceCropSettings.Read(folder.Root);
        IImagePreparer? preparer = ImagePreparation.Effective(options.Preparer, datasetCrop);
        ResNet18Backbone backbone = ResNet18Backbone.Locate(options.BackboneDirectory);
        const int record = FeatureExtractor.PairLength;
        IReadOnlyList<ImageEntry> entries = folder.Entries;
        int n = entries.Count;
        string? cachePath = options.UseCache ? FeatureCache.FilePath(folder.Root, options.CacheDirectory, ResNet18Backbone.Name, backbone.Id, options.Resize, preparer?.Id) : null;
        int stepTag = CacheLocation.StepTag(preparer?.Id);
        float[] values = GC.AllocateUninitializedArray<float>(checked(n * record));
        byte[] hashes = new byte[n * DatasetCache.HashLength];
        var errors = new ImageDecodeException?[n];
        bool[]? usedWhole = preparer is null ? null : new bool[n];
        var toExtract = new List<int>(cachePath is null ? n : 0);
        bool cacheChanged = true;

        using (FeatureCache? cache = cachePath is null ? null : FeatureCache.TryOpen(cachePath, folder.Root, backbone.Id, options.Resize, record, stepTag))
        {
            if (cache is null)
            {
                toExtract.AddRange(Enumerable.Range(0, n));
            }
            else
            {
                var match = PerFileCacheMatch.Find(cache, folder, hashes, errors, usedWhole);
                toExtract.AddRange(match.Missing);
                try
                {
                    cache.ReadFeatures(match.Slots, values);
                    cacheChanged = match.Changed;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The cache became unreadable half-way: extract everything and rewrite it.
                    toExtract.Clear();
                    toExtract.AddRange(Enumerable.Range(0, n));
                    Array.Clear(errors);
                }
            }
        }

        int fromCache = n - toExtract.Count;
        if (fromCache > 0)
        {
            progress?.Report(new LoadProgress(fromCache, n, FromCache: true));
        }

        var clock = Stopwatch.StartNew();
        ExtractAll(folder, backbone, options, preparer, toExtract, values, hashes, errors, usedWhole, fromCache, progress, cancellationToken);
        double extractionSeconds = toExtract.Count == 0 ? 0 : clock.Elapsed.TotalSeconds;

        if (options.Strict && DatasetLoader.FirstProblem(folder, errors) is { } firstError)
        {
            if (cachePath is not null && cacheChanged)
            {
                TryWriteCache(cachePath, folder, backbone, options.Resize, stepTag, errors, usedWhole, hashes, Compact(errors, values).Values);
            }

            throw firstError;
        }

        (int[] kept, float[] usable) = Compact(errors, values);
        var skipped = new List<SkippedFile>(folder.Skipped);
        for (int i = 0; i < n; i++)
        {
            if (errors[i] is { } error)
            {
                skipped.Add(new SkippedFile(entries[i].RelativePath, error.Reason) { Problem = error.Problem });
            }
        }

        skipped.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        int[] labels = new int[kept.Length];
        string[] paths = new string[kept.Length];
        int[] perClass = new int[folder.Classes.Count];
        for (int j = 0; j < kept.Length; j++)
        {
            ImageEntry entry = entries[kept[j]];
            labels[j] = entry.Label;
            paths[j] = entry.RelativePath;
            perClass[entry.Label]++;
        }

        for (int c = 0; c < perClass.Length; c++)
        {
            if (perClass[c] == 0)
            {
                string classPrefix = folder.Classes[c] + "/";
                SkippedFile? example = skipped.FirstOrDefault(s => s.Path.StartsWith(classPrefix, StringComparison.Ordinal));
                throw new FaceMaskException(
                    $"{Path.Combine(folder.Root, folder.Classes[c])}: class folder '{folder.Classes[c]}' has no usable images" +
                    (example is null ? string.Empty : $" (e.g. {example.Path}: {example.Reason})"));
            }
        }

        if (cachePath is not null && cacheChanged)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TryWriteCache(cachePath, folder, backbone, options.Resize, stepTag, errors, usedWhole, hashes, usable);
        }

        string fingerprint = DatasetLoader.Fingerprint(paths, labels, kept, hashes);
        var features = new FeatureMatrix(usable, kept.Length, backbone.Describe(), toExtract.Count, extractionSeconds);
        return new LoadedDataset(folder.Root, folder.Classes, paths.AsReadOnly(), labels, ResNet18Backbone.InputSize, options.Resize, [],
            skipped.AsReadOnly(), fingerprint, cachePath, loadedFromCache: cachePath is not null && toExtract.Count == 0, features)
        {
            FaceCrop = datasetCrop ?? preparer?.FaceCrop,
            Preparation = DatasetLoader.Preparation(preparer, usedWhole, kept, labels, folder.Classes.Count),
        };
    }

    private static void ExtractAll(ImageFolder folder, ResNet18Backbone backbone, DatasetLoadOptions options, IImagePreparer? preparer, List<int> toExtract,
        float[] values, byte[] hashes, ImageDecodeException?[] errors, bool[]? usedWhole, int alreadyDone, IProgress<LoadProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (toExtract.Count == 0)
        {
            return;
        }

        IReadOnlyList<ImageEntry> entries = folder.Entries;
        int total = entries.Count;
        int done = alreadyDone;
        int step = Math.Max(1, total / 200);
        int size = ResNet18Backbone.InputSize;
        var fileBuffers = new ThreadLocal<byte[]>(() => new byte[1 << 16]);
        try
        {
            using var pool = new FeatureExtractorPool(backbone, options.Extraction ?? ExtractionOptions.Default);
            pool.ForEach(toExtract.Count, (k, extractor, chw) =>
            {
                int i = toExtract[k];
                ImageEntry entry = entries[i];
                try
                {
                    byte[] buffer = fileBuffers.Value!;
                    int length = DatasetLoader.ReadFile(Path.Combine(folder.Root, entry.RelativePath), entry.RelativePath, ref buffer);
                    fileBuffers.Value = buffer;
                    ReadOnlySpan<byte> content = buffer.AsSpan(0, length);
                    SHA256.HashData(content, hashes.AsSpan(i * DatasetCache.HashLength, DatasetCache.HashLength));
                    if (preparer is null)
                    {
                        ImageDecoder.DecodeInto(content, entry.RelativePath, size, options.Resize, chw);
                    }
                    else
                    {
                        usedWhole![i] = DatasetLoader.DecodePreparedInto(content, entry.RelativePath, preparer, size, options.Resize, chw);
                    }

                    extractor.ExtractPair(chw, values.AsSpan(i * FeatureExtractor.PairLength, FeatureExtractor.PairLength));
                }
                catch (ImageDecodeException ex)
                {
                    errors[i] = ex;
                }

                int now = Interlocked.Increment(ref done);
                if (progress is not null && now % step == 0 && now != total)
                {
                    progress.Report(new LoadProgress(now, total, FromCache: false));
                }
            }, cancellationToken);
        }
        finally
        {
            fileBuffers.Dispose();
        }

        progress?.Report(new LoadProgress(total, total, FromCache: false));
    }

    /// <summary>The usable files' original indices and their features, moved to the front.</summary>
    private static (int[] Kept, float[] Values) Compact(ImageDecodeException?[] errors, float[] values)
    {
        const int record = FeatureExtractor.PairLength;
        int[] kept = Enumerable.Range(0, errors.Length).Where(i => errors[i] is null).ToArray();
        if (kept.Length == errors.Length)
        {
            return (kept, values);
        }

        float[] compact = GC.AllocateUninitializedArray<float>(kept.Length * record);
        for (int j = 0; j < kept.Length; j++)
        {
            Array.Copy(values, kept[j] * record, compact, j * record, record);
        }

        return (kept, compact);
    }

    private static void TryWriteCache(string cachePath, ImageFolder folder, ResNet18Backbone backbone, ResizeMode mode, int stepTag,
        ImageDecodeException?[] errors, bool[]? usedWhole, byte[] hashes, float[] usable)
    {
        var (records, recordHashes) = DatasetLoader.CacheRecords(folder, errors, usedWhole, hashes);
        try
        {
            FeatureCache.Write(cachePath, folder.Root, backbone.Id, mode, FeatureExtractor.PairLength, stepTag, folder.Classes, records, recordHashes, usable);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The cache is an optimisation: a read-only or full disk must not fail the load.
        }
    }
}
