using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using FaceMask.Features;
using Microsoft.Win32.SafeHandles;
using SkiaSharp;

namespace FaceMask.Data;

/// <summary>Decodes a whole <see cref="ImageFolder"/> dataset into memory, with an on-disk cache of the decoded pixels.</summary>
public static class DatasetLoader
{
    /// <summary>
    /// Loads every image under <paramref name="root"/> as uint8 planar CHW RGB at the requested size.
    /// </summary>
    /// <remarks>
    /// Files are decoded in parallel. Unusable files are skipped and listed in <see cref="LoadedDataset.Skipped"/>
    /// unless <see cref="DatasetLoadOptions.Strict"/> is set. With the cache on, a later load only stats the files,
    /// reuses the pixels of files whose (path, length, last-write time) are unchanged, decodes new or changed files,
    /// drops removed ones, and rewrites the cache file (atomically) only when something changed. An unreadable or
    /// corrupt cache file is ignored and rebuilt; failing to write the cache is not an error. With a
    /// <see cref="DatasetLoadOptions.Preparer"/> (see <see cref="IImagePreparer"/>) each image is decoded at full size,
    /// prepared (e.g. cropped to its face) and resized as in-memory images are, and cached in a file of its own.
    /// <paramref name="progress"/> may be called from several threads at once, so intermediate reports can arrive out
    /// of order; the last report is always (Total, Total).
    /// </remarks>
    /// <param name="root">The dataset folder, laid out as <c>&lt;root&gt;/&lt;class&gt;/&lt;image&gt;</c>.</param>
    /// <param name="options">
    /// Size, resize mode, strictness and cache settings. With <see cref="DatasetLoadOptions.Backbone"/> set, the images'
    /// backbone features are loaded instead of their pixels (see <see cref="FeatureDatasetLoader"/>).
    /// </param>
    /// <param name="progress">Receives progress reports, or null.</param>
    /// <param name="cancellationToken">Stops decoding.</param>
    /// <exception cref="FaceMaskException">
    /// The folder layout is wrong, a class has no usable image, the options are invalid, or (strict mode) a file is
    /// unusable, as an <see cref="ImageDecodeException"/>.
    /// </exception>
    public static LoadedDataset Load(string root, DatasetLoadOptions options, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Backbone is not null)
        {
            return FeatureDatasetLoader.Load(root, options, progress, cancellationToken);
        }

        int size = options.Size;
        ResizeMode mode = options.Resize;
        if (size is < 1 or > ImageDecoder.MaxOutputSize)
        {
            throw new FaceMaskException($"image size must be between 1 and {ImageDecoder.MaxOutputSize} pixels, got {size}");
        }

        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(options), mode, "Unknown resize mode.");
        }

        ImageFolder folder = ImageFolder.Discover(root);
        FaceCropSettings? datasetCrop = FaceCropSettings.Read(folder.Root);
        IImagePreparer? preparer = ImagePreparation.Effective(options.Preparer, datasetCrop);

        IReadOnlyList<ImageEntry> entries = folder.Entries;
        int n = entries.Count;
        int imageLength = 3 * size * size;
        if ((long)n * imageLength > Array.MaxLength)
        {
            throw new FaceMaskException(
                $"{folder.Root}: {n} images of {size}x{size} px do not fit in memory at once ({(long)n * imageLength / (1 << 20)} MiB); use a smaller size");
        }

        string? cachePath = options.UseCache ? CacheLocation.CacheFilePath(folder.Root, options.CacheDirectory, size, mode, preparer?.Id) : null;
        int stepTag = CacheLocation.StepTag(preparer?.Id);
        byte[] pixels = GC.AllocateUninitializedArray<byte>(n * imageLength);
        byte[] hashes = new byte[n * DatasetCache.HashLength];
        var errors = new ImageDecodeException?[n];
        bool[]? usedWhole = preparer is null ? null : new bool[n];
        var toDecode = new List<int>(cachePath is null ? n : 0);
        bool cacheChanged = true;

        using (DatasetCache? cache = cachePath is null ? null : DatasetCache.TryOpen(cachePath, folder.Root, size, mode, stepTag))
        {
            if (cache is null)
            {
                toDecode.AddRange(Enumerable.Range(0, n));
            }
            else
            {
                var match = PerFileCacheMatch.Find(cache, folder, hashes, errors, usedWhole);
                toDecode.AddRange(match.Missing);
                try
                {
                    cache.ReadPixels(match.Slots, pixels);
                    cacheChanged = match.Changed;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The cache became unreadable half-way: decode everything and rewrite it.
                    toDecode.Clear();
                    toDecode.AddRange(Enumerable.Range(0, n));
                    Array.Clear(errors);
                }
            }
        }

        int fromCache = n - toDecode.Count;
        if (fromCache > 0)
        {
            progress?.Report(new LoadProgress(fromCache, n, FromCache: true));
        }

        DecodeAll(folder, toDecode, size, mode, preparer, pixels, hashes, errors, usedWhole, fromCache, progress, cancellationToken);

        if (options.Strict && FirstProblem(folder, errors) is { } firstError)
        {
            if (cachePath is not null && cacheChanged)
            {
                // Keep the decoding work for the next run before failing.
                (_, byte[] compactStrict) = Compact(errors, pixels, imageLength);
                TryWriteCache(cachePath, folder, size, mode, stepTag, errors, usedWhole, hashes, compactStrict);
            }

            throw firstError;
        }

        (int[] kept, byte[] usablePixels) = Compact(errors, pixels, imageLength);
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
            TryWriteCache(cachePath, folder, size, mode, stepTag, errors, usedWhole, hashes, usablePixels);
        }

        string fingerprint = Fingerprint(paths, labels, kept, hashes);
        return new LoadedDataset(folder.Root, folder.Classes, paths.AsReadOnly(), labels, size, mode, usablePixels,
            skipped.AsReadOnly(), fingerprint, cachePath, loadedFromCache: cachePath is not null && toDecode.Count == 0)
        {
            FaceCrop = datasetCrop ?? preparer?.FaceCrop,
            Preparation = Preparation(preparer, usedWhole, kept, labels, folder.Classes.Count),
        };
    }

    /// <summary>What the step did to the kept images, or null without a step.</summary>
    internal static ImagePreparation? Preparation(IImagePreparer? preparer, bool[]? usedWhole, int[] kept, int[] labels, int classCount) =>
        preparer is null || usedWhole is null ? null : new ImagePreparation(preparer.Id, kept.Select(i => usedWhole[i]).ToArray(), labels, classCount);

    /// <summary>
    /// Decodes at full size, runs <paramref name="preparer"/> and resizes what it returns (the photo itself when it
    /// returns null) as in-memory images are resized (<see cref="ImageDecoder.ResizeInto"/>); true when the photo was used whole.
    /// </summary>
    internal static bool DecodePreparedInto(ReadOnlySpan<byte> encoded, string name, IImagePreparer preparer, int size, ResizeMode mode, Span<byte> chw)
    {
        using SKBitmap photo = ImageDecoder.DecodeBitmap(encoded, name);
        using SKBitmap? prepared = preparer.Prepare(photo, name);
        ImageDecoder.ResizeInto(prepared ?? photo, size, mode, chw);
        return prepared is null;
    }

    /// <summary>The unusable file that comes first in path order, from discovery or from decoding; null when none.</summary>
    internal static ImageDecodeException? FirstProblem(ImageFolder folder, ImageDecodeException?[] errors)
    {
        ImageDecodeException? first = errors.FirstOrDefault(e => e is not null);
        SkippedFile? skipped = folder.Skipped.Count > 0 ? folder.Skipped[0] : null;
        if (skipped is not null && (first is null || string.CompareOrdinal(skipped.Path, first.Path) < 0))
        {
            return new ImageDecodeException(skipped.Path, skipped.Problem ?? ImageProblem.Unreadable, skipped.Reason);
        }

        return first;
    }

    private static void DecodeAll(ImageFolder folder, List<int> toDecode, int size, ResizeMode mode, IImagePreparer? preparer, byte[] pixels, byte[] hashes,
        ImageDecodeException?[] errors, bool[]? usedWhole, int alreadyDone, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        if (toDecode.Count == 0)
        {
            return;
        }

        IReadOnlyList<ImageEntry> entries = folder.Entries;
        int total = entries.Count;
        int imageLength = 3 * size * size;
        int done = alreadyDone;
        int step = Math.Max(1, total / 200);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };

        try
        {
            Parallel.For(0, toDecode.Count, parallel, () => new byte[1 << 16], (k, _, buffer) =>
            {
                int i = toDecode[k];
                ImageEntry entry = entries[i];
                try
                {
                    int length = ReadFile(Path.Combine(folder.Root, entry.RelativePath), entry.RelativePath, ref buffer);
                    ReadOnlySpan<byte> content = buffer.AsSpan(0, length);
                    SHA256.HashData(content, hashes.AsSpan(i * DatasetCache.HashLength, DatasetCache.HashLength));
                    Span<byte> target = pixels.AsSpan(i * imageLength, imageLength);
                    if (preparer is null)
                    {
                        ImageDecoder.DecodeInto(content, entry.RelativePath, size, mode, target);
                    }
                    else
                    {
                        usedWhole![i] = DecodePreparedInto(content, entry.RelativePath, preparer, size, mode, target);
                    }
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

                return buffer;
            }, _ => { });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        progress?.Report(new LoadProgress(total, total, FromCache: false));
    }

    /// <summary>Reads a whole file into a reusable buffer (grown as needed) and returns its length.</summary>
    internal static int ReadFile(string fullPath, string name, ref byte[] buffer)
    {
        try
        {
            using SafeFileHandle handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            long length = RandomAccess.GetLength(handle);
            if (length > Array.MaxLength)
            {
                throw new ImageDecodeException(name, ImageProblem.TooLarge, $"file too large ({length} bytes)");
            }

            if (buffer.Length < length)
            {
                buffer = new byte[Math.Min(Math.Max(length, buffer.Length * 2L), Array.MaxLength)];
            }

            int total = 0;
            while (total < length)
            {
                int read = RandomAccess.Read(handle, buffer.AsSpan(total, (int)length - total), total);
                if (read <= 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageDecodeException(name, ImageProblem.Unreadable, "file disappeared while loading", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(name, ImageProblem.Unreadable, $"cannot read file ({ex.Message})", ex);
        }
    }

    /// <summary>Moves the usable images to the front and returns their original indices and the trimmed pixel array.</summary>
    private static (int[] Kept, byte[] Pixels) Compact(ImageDecodeException?[] errors, byte[] pixels, int imageLength)
    {
        var kept = new List<int>(errors.Length);
        for (int i = 0; i < errors.Length; i++)
        {
            if (errors[i] is null)
            {
                kept.Add(i);
            }
        }

        if (kept.Count == errors.Length)
        {
            return (kept.ToArray(), pixels);
        }

        byte[] compact = GC.AllocateUninitializedArray<byte>(kept.Count * imageLength);
        for (int j = 0; j < kept.Count; j++)
        {
            Buffer.BlockCopy(pixels, kept[j] * imageLength, compact, j * imageLength, imageLength);
        }

        return (kept.ToArray(), compact);
    }

    private static void TryWriteCache(string cachePath, ImageFolder folder, int size, ResizeMode mode, int stepTag,
        ImageDecodeException?[] errors, bool[]? usedWhole, byte[] hashes, byte[] usablePixels)
    {
        var (records, recordHashes) = CacheRecords(folder, errors, usedWhole, hashes);
        try
        {
            DatasetCache.Write(cachePath, folder.Root, size, mode, stepTag, folder.Classes, records, recordHashes, usablePixels);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The cache is an optimisation: a read-only or full disk must not fail the load.
        }
    }

    /// <summary>The cache records of a load and their content hashes, in file order.</summary>
    internal static (List<DatasetCache.Record> Records, byte[] Hashes) CacheRecords(ImageFolder folder, ImageDecodeException?[] errors, bool[]? usedWhole, byte[] hashes)
    {
        // Files that vanished or could not be read are not remembered, so they are retried next time.
        var records = new List<DatasetCache.Record>(folder.Entries.Count);
        byte[] recordHashes = new byte[hashes.Length];
        for (int i = 0; i < folder.Entries.Count; i++)
        {
            ImageDecodeException? error = errors[i];
            if (error?.InnerException is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            ImageEntry entry = folder.Entries[i];
            hashes.AsSpan(i * DatasetCache.HashLength, DatasetCache.HashLength).CopyTo(recordHashes.AsSpan(records.Count * DatasetCache.HashLength));
            records.Add(new DatasetCache.Record(entry.RelativePath, entry.Length, entry.LastWriteUtc.Ticks, entry.Label, error?.Problem, error?.Reason,
                UsedWhole: error is null && usedWhole is not null && usedWhole[i]));
        }

        return (records, recordHashes);
    }

    internal static string Fingerprint(string[] paths, int[] labels, int[] kept, byte[] hashes)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> label = stackalloc byte[5];
        byte[] pathBytes = new byte[256];
        for (int j = 0; j < paths.Length; j++)
        {
            int byteCount = Encoding.UTF8.GetByteCount(paths[j]);
            if (pathBytes.Length < byteCount)
            {
                pathBytes = new byte[byteCount * 2];
            }

            int written = Encoding.UTF8.GetBytes(paths[j], pathBytes);
            sha.AppendData(pathBytes, 0, written);
            label[0] = 0;
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(label[1..], labels[j]);
            sha.AppendData(label);
            sha.AppendData(hashes.AsSpan(kept[j] * DatasetCache.HashLength, DatasetCache.HashLength));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
