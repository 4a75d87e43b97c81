using System.Runtime.ExceptionServices;
using SkiaSharp;

namespace FaceMask.Data;

/// <summary>Writes a class-balanced, augmented copy of a dataset (the <c>facemask augment</c> command); the source is never modified.</summary>
public static class DatasetAugmenter
{
    /// <summary>JPEG quality of augmented copies.</summary>
    public const int JpegQuality = 90;

    /// <summary>
    /// Writes <paramref name="perClass"/> images per class into <c>&lt;outputRoot&gt;/&lt;class&gt;/</c>.
    /// </summary>
    /// <remarks>
    /// A class with fewer usable images gets all of them copied unchanged plus augmented copies (random horizontal
    /// flip, random resized crop keeping 70–100 % of the area, brightness and saturation ±20 %) saved as JPEG quality 90,
    /// drawn round-robin from its originals; a class with more gets a random subset of <paramref name="perClass"/>
    /// originals. Everything random comes from <paramref name="seed"/>, so a run is reproducible. Unusable source files
    /// are left out and listed in <see cref="AugmentSummary.Skipped"/>. The copy is assembled in a hidden folder beside
    /// <paramref name="outputRoot"/> and renamed into place at the end, so a failed run leaves no half-written dataset.
    /// </remarks>
    /// <param name="sourceRoot">The dataset to copy, laid out as <c>&lt;root&gt;/&lt;class&gt;/&lt;image&gt;</c>.</param>
    /// <param name="outputRoot">The new dataset folder: must not exist or be empty, and must not be inside the source.</param>
    /// <param name="perClass">Images to write per class.</param>
    /// <param name="seed">Seed for every random choice.</param>
    /// <param name="progress">Receives progress reports (images written so far), possibly from several threads and out of order; the last is (Total, Total). Or null.</param>
    /// <exception cref="FaceMaskException">The folders are unsuitable, a class has no usable image, or writing fails.</exception>
    public static AugmentSummary WriteBalancedCopy(string sourceRoot, string outputRoot, int perClass, int seed, IProgress<LoadProgress>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputRoot);
        string source = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceRoot));
        string output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputRoot));
        if (perClass < 1)
        {
            throw new FaceMaskException($"images per class must be at least 1, got {perClass}");
        }

        var staged = StagedDatasetFolder.Check(source, output, "the augmented dataset");
        ImageFolder folder = ImageFolder.Discover(source);
        List<SkippedFile> skipped = [.. folder.Skipped];
        bool[] usable = Validate(folder, skipped);

        var random = new Random(seed);
        var jobs = new List<Job>();
        var summaries = new List<ClassAugmentSummary>();
        for (int label = 0; label < folder.Classes.Count; label++)
        {
            int[] originals = Enumerable.Range(0, folder.Entries.Count).Where(i => folder.Entries[i].Label == label && usable[i]).ToArray();
            if (originals.Length == 0)
            {
                throw new FaceMaskException($"{Path.Combine(source, folder.Classes[label])}: class folder '{folder.Classes[label]}' has no usable images");
            }

            int augmented = PlanClass(folder, originals, perClass, random, jobs);
            summaries.Add(new ClassAugmentSummary(folder.Classes[label], originals.Length, perClass, augmented));
        }

        staged.Write(staging => Execute(folder, jobs, staging, progress));
        skipped.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new AugmentSummary(output, summaries.AsReadOnly(), skipped.AsReadOnly());
    }

    /// <summary>Decodes every source image once (cheaply, at a tiny size) to find the unusable ones.</summary>
    private static bool[] Validate(ImageFolder folder, List<SkippedFile> skipped)
    {
        var usable = new bool[folder.Entries.Count];
        var errors = new ImageDecodeException?[folder.Entries.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, folder.Entries.Count, parallel, i =>
        {
            ImageEntry entry = folder.Entries[i];
            try
            {
                byte[] bytes = ImageDecoder.ReadFile(Path.Combine(folder.Root, entry.RelativePath), entry.RelativePath);
                Span<byte> probe = stackalloc byte[3 * ImageDecoder.MinSide * ImageDecoder.MinSide];
                ImageDecoder.DecodeInto(bytes, entry.RelativePath, ImageDecoder.MinSide, ResizeMode.Stretch, probe);
                usable[i] = true;
            }
            catch (ImageDecodeException ex)
            {
                errors[i] = ex;
            }
        });

        for (int i = 0; i < errors.Length; i++)
        {
            if (errors[i] is { } error)
            {
                skipped.Add(new SkippedFile(folder.Entries[i].RelativePath, error.Reason) { Problem = error.Problem });
            }
        }

        return usable;
    }

    /// <summary>Adds the jobs for one class and returns how many of them are augmented copies.</summary>
    private static int PlanClass(ImageFolder folder, int[] originals, int perClass, Random random, List<Job> jobs)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (originals.Length >= perClass)
        {
            int[] subset = (int[])originals.Clone();
            random.Shuffle(subset);
            foreach (int i in subset.Take(perClass).Order())
            {
                jobs.Add(new Job(i, folder.Entries[i].RelativePath, null));
            }

            return 0;
        }

        foreach (int i in originals)
        {
            jobs.Add(new Job(i, folder.Entries[i].RelativePath, null));
            taken.Add(folder.Entries[i].RelativePath);
        }

        int[] order = (int[])originals.Clone();
        random.Shuffle(order);
        int count = perClass - originals.Length;
        for (int k = 0; k < count; k++)
        {
            int i = order[k % order.Length];
            string relative = folder.Entries[i].RelativePath;
            string directory = relative[..(relative.LastIndexOf('/') + 1)];
            string stem = Path.GetFileNameWithoutExtension(relative);
            string name = $"{directory}{stem}_aug{k + 1:D4}.jpg";
            for (int bump = 2; !taken.Add(name); bump++)
            {
                name = $"{directory}{stem}_aug{k + 1:D4}_{bump}.jpg";
            }

            jobs.Add(new Job(i, name, AugmentParameters.Draw(random)));
        }

        return count;
    }

    private static void Execute(ImageFolder folder, List<Job> jobs, string staging, IProgress<LoadProgress>? progress)
    {
        foreach (string directory in jobs.Select(j => Path.GetDirectoryName(Path.Combine(staging, j.OutputRelative))!).Distinct(StringComparer.Ordinal))
        {
            Directory.CreateDirectory(directory);
        }

        int done = 0;
        int step = Math.Max(1, jobs.Count / 200);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        try
        {
            Parallel.For(0, jobs.Count, parallel, k =>
            {
                Job job = jobs[k];
                string from = Path.Combine(folder.Root, folder.Entries[job.Entry].RelativePath);
                string to = Path.Combine(staging, job.OutputRelative);
                if (job.Parameters is not { } parameters)
                {
                    File.Copy(from, to);
                }
                else
                {
                    string name = folder.Entries[job.Entry].RelativePath;
                    byte[] bytes = ImageDecoder.ReadFile(from, name);
                    using SKBitmap original = ImageDecoder.DecodeBitmap(bytes, name);
                    using SKBitmap augmented = ImageAugmentation.Apply(original, parameters);
                    using SKData? jpeg = augmented.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
                    if (jpeg is null)
                    {
                        throw new FaceMaskException($"{to}: cannot encode the augmented copy of {name} as JPEG");
                    }

                    using var stream = new FileStream(to, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                    jpeg.SaveTo(stream);
                }

                int now = Interlocked.Increment(ref done);
                if (progress is not null && now % step == 0 && now != jobs.Count)
                {
                    progress.Report(new LoadProgress(now, jobs.Count, FromCache: false));
                }
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count >= 1)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        progress?.Report(new LoadProgress(jobs.Count, jobs.Count, FromCache: false));
    }

    /// <summary>One output file: a copy of an original (no parameters) or an augmented copy.</summary>
    private readonly record struct Job(int Entry, string OutputRelative, AugmentParameters? Parameters);
}
