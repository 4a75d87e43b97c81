using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;
using SkiaSharp;

namespace FaceMask.Data;

/// <summary>
/// The one dataset load path, whatever each file becomes (<see cref="DatasetLoadStep{T}"/>): discover the folder,
/// match its files against the per-file cache, convert the files the cache does not hold in parallel, skip (or, strict,
/// throw for) unusable files, check every class kept an image, rewrite the cache when something changed, fingerprint.
/// </summary>
internal static class DatasetLoading
{
    private const int HashLength = PerFileCacheRecord.HashLength;

    /// <summary>Loads every image under <paramref name="root"/> through the step <paramref name="createStep"/> makes for its folder.</summary>
    /// <param name="root">The dataset folder.</param>
    /// <param name="options">Strictness, cache and preparation settings (size and resize mode are the step's).</param>
    /// <param name="createStep">Makes the step for the discovered folder and the effective preparation step (null: none); may throw.</param>
    /// <param name="progress">Receives progress reports (possibly from several threads), or null.</param>
    /// <param name="cancellationToken">Stops converting.</param>
    internal static LoadedDataset Load<T>(string root, DatasetLoadOptions options, Func<ImageFolder, IImagePreparer?, DatasetLoadStep<T>> createStep,
        IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
        where T : unmanaged
    {
        ImageFolder folder = ImageFolder.Discover(root);
        FaceCropSettings? datasetCrop = FaceCropSettings.Read(folder.Root);
        IImagePreparer? preparer = ImagePreparation.Effective(options.Preparer, datasetCrop);
        DatasetLoadStep<T> step = createStep(folder, preparer);

        IReadOnlyList<ImageEntry> entries = folder.Entries;
        int n = entries.Count;
        int record = step.RecordLength;
        string? cachePath = options.UseCache ? step.CachePath(folder.Root, options.CacheDirectory, preparer?.Id) : null;
        PerFileCacheFormat format = step.CacheFormat(folder.Root, CacheLocation.StepTag(preparer?.Id));
        T[] values = GC.AllocateUninitializedArray<T>(checked(n * record));
        byte[] hashes = new byte[n * HashLength];
        var errors = new ImageDecodeException?[n];
        bool[]? usedWhole = preparer is null ? null : new bool[n];
        var toConvert = new List<int>(cachePath is null ? n : 0);
        bool cacheChanged = true;

        using (PerFileCache<T>? cache = cachePath is null ? null : PerFileCache<T>.TryOpen(cachePath, format))
        {
            if (cache is null)
            {
                toConvert.AddRange(Enumerable.Range(0, n));
            }
            else
            {
                var match = PerFileCacheMatch.Find(cache, folder, hashes, errors, usedWhole);
                toConvert.AddRange(match.Missing);
                try
                {
                    cache.Read(match.Slots, values);
                    cacheChanged = match.Changed;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The cache became unreadable half-way: convert everything and rewrite it.
                    toConvert.Clear();
                    toConvert.AddRange(Enumerable.Range(0, n));
                    Array.Clear(errors);
                }
            }
        }

        int fromCache = n - toConvert.Count;
        if (fromCache > 0)
        {
            progress?.Report(new LoadProgress(fromCache, n, FromCache: true));
        }

        var clock = Stopwatch.StartNew();
        ConvertAll(folder, step, toConvert, values, hashes, errors, usedWhole, fromCache, progress, cancellationToken);
        double seconds = toConvert.Count == 0 ? 0 : clock.Elapsed.TotalSeconds;

        if (options.Strict && FirstProblem(folder, errors) is { } firstError)
        {
            if (cachePath is not null && cacheChanged)
            {
                // Keep the work for the next run before failing.
                TryWriteCache(cachePath, format, folder, errors, usedWhole, hashes, Compact(errors, values, record).Records);
            }

            throw firstError;
        }

        (int[] kept, T[] usable) = Compact(errors, values, record);
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
            TryWriteCache(cachePath, format, folder, errors, usedWhole, hashes, usable);
        }

        string fingerprint = Fingerprint(paths, labels, kept, hashes);
        (byte[] pixels, object? payload) = step.Result(usable, kept.Length, toConvert.Count, seconds);
        return new LoadedDataset(folder.Root, folder.Classes, paths.AsReadOnly(), labels, step.Size, options.Resize, pixels,
            skipped.AsReadOnly(), fingerprint, cachePath, loadedFromCache: cachePath is not null && toConvert.Count == 0, payload)
        {
            FaceCrop = datasetCrop ?? preparer?.FaceCrop,
            Preparation = preparer is null || usedWhole is null ? null : new ImagePreparation(preparer.Id, kept.Select(i => usedWhole[i]).ToArray(), labels, folder.Classes.Count),
        };
    }

    /// <summary>
    /// Decodes an image file into planar CHW RGB of <paramref name="size"/>: without a step straight at that size
    /// (<see cref="ImageDecoder.DecodeInto"/>); with one at full size, run through <paramref name="preparer"/> and the
    /// result (the photo itself when it returns null) resized as in-memory images are (<see cref="ImageDecoder.ResizeInto"/>).
    /// </summary>
    /// <returns>True when the step did not apply and the photo was used whole; false without a step.</returns>
    internal static bool DecodeInto(ReadOnlySpan<byte> encoded, string name, IImagePreparer? preparer, int size, ResizeMode mode, Span<byte> chw)
    {
        if (preparer is null)
        {
            ImageDecoder.DecodeInto(encoded, name, size, mode, chw);
            return false;
        }

        using SKBitmap photo = ImageDecoder.DecodeBitmap(encoded, name);
        using SKBitmap? prepared = preparer.Prepare(photo, name);
        ImageDecoder.ResizeInto(prepared ?? photo, size, mode, chw);
        return prepared is null;
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

    /// <summary>The unusable file that comes first in path order, from discovery or from decoding; null when none.</summary>
    private static ImageDecodeException? FirstProblem(ImageFolder folder, ImageDecodeException?[] errors)
    {
        ImageDecodeException? first = errors.FirstOrDefault(e => e is not null);
        SkippedFile? skipped = folder.Skipped.Count > 0 ? folder.Skipped[0] : null;
        if (skipped is not null && (first is null || string.CompareOrdinal(skipped.Path, first.Path) < 0))
        {
            return new ImageDecodeException(skipped.Path, skipped.Problem ?? ImageProblem.Unreadable, skipped.Reason);
        }

        return first;
    }

    /// <summary>Reads, hashes and converts the files <paramref name="toConvert"/> on the step's threads, recording each file's problem.</summary>
    private static void ConvertAll<T>(ImageFolder folder, DatasetLoadStep<T> step, List<int> toConvert, T[] values, byte[] hashes,
        ImageDecodeException?[] errors, bool[]? usedWhole, int alreadyDone, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
        where T : unmanaged
    {
        if (toConvert.Count == 0)
        {
            return;
        }

        IReadOnlyList<ImageEntry> entries = folder.Entries;
        int total = entries.Count;
        int record = step.RecordLength;
        int done = alreadyDone;
        int every = Math.Max(1, total / 200);
        using var fileBuffers = new ThreadLocal<byte[]>(() => new byte[1 << 16]);
        step.ForEach(toConvert.Count, (k, convert) =>
        {
            int i = toConvert[k];
            ImageEntry entry = entries[i];
            try
            {
                byte[] buffer = fileBuffers.Value!;
                int length = ReadFile(Path.Combine(folder.Root, entry.RelativePath), entry.RelativePath, ref buffer);
                fileBuffers.Value = buffer;
                ReadOnlySpan<byte> content = buffer.AsSpan(0, length);
                SHA256.HashData(content, hashes.AsSpan(i * HashLength, HashLength));
                bool whole = convert(content, entry.RelativePath, values.AsMemory(i * record, record));
                if (usedWhole is not null)
                {
                    usedWhole[i] = whole;
                }
            }
            catch (ImageDecodeException ex)
            {
                errors[i] = ex;
            }

            int now = Interlocked.Increment(ref done);
            if (progress is not null && now % every == 0 && now != total)
            {
                progress.Report(new LoadProgress(now, total, FromCache: false));
            }
        }, cancellationToken);

        progress?.Report(new LoadProgress(total, total, FromCache: false));
    }

    /// <summary>Moves the usable files' records to the front and returns their original indices and the trimmed array.</summary>
    private static (int[] Kept, T[] Records) Compact<T>(ImageDecodeException?[] errors, T[] values, int record)
    {
        int[] kept = Enumerable.Range(0, errors.Length).Where(i => errors[i] is null).ToArray();
        if (kept.Length == errors.Length)
        {
            return (kept, values);
        }

        T[] compact = GC.AllocateUninitializedArray<T>(kept.Length * record);
        for (int j = 0; j < kept.Length; j++)
        {
            Array.Copy(values, kept[j] * record, compact, j * record, record);
        }

        return (kept, compact);
    }

    private static void TryWriteCache<T>(string cachePath, PerFileCacheFormat format, ImageFolder folder, ImageDecodeException?[] errors, bool[]? usedWhole,
        byte[] hashes, T[] usable)
        where T : unmanaged
    {
        // Files that vanished or could not be read are not remembered, so they are retried next time.
        var records = new List<PerFileCacheRecord>(folder.Entries.Count);
        byte[] recordHashes = new byte[hashes.Length];
        for (int i = 0; i < folder.Entries.Count; i++)
        {
            ImageDecodeException? error = errors[i];
            if (error?.InnerException is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            ImageEntry entry = folder.Entries[i];
            hashes.AsSpan(i * HashLength, HashLength).CopyTo(recordHashes.AsSpan(records.Count * HashLength));
            records.Add(new PerFileCacheRecord(entry.RelativePath, entry.Length, entry.LastWriteUtc.Ticks, entry.Label, error?.Problem, error?.Reason,
                UsedWhole: error is null && usedWhole is not null && usedWhole[i]));
        }

        try
        {
            PerFileCache<T>.Write(cachePath, format, folder.Classes, records, recordHashes, usable);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The cache is an optimisation: a read-only or full disk must not fail the load.
        }
    }

    private static string Fingerprint(string[] paths, int[] labels, int[] kept, byte[] hashes)
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
            sha.AppendData(hashes.AsSpan(kept[j] * HashLength, HashLength));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
