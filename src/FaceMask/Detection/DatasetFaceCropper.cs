using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using FaceMask.Data;
using FaceMask.Reporting;
using SkiaSharp;

namespace FaceMask.Detection;

/// <summary>
/// Writes a face-centred copy of an ImageFolder dataset (the <c>facemask data faces</c> command): every image in which
/// the detector finds a face is replaced by the crop that <see cref="PhotoAnalyzer"/> would classify (the best-scoring
/// face, widened by the margin and squared); images without a face are copied unchanged. So a model can be trained and
/// cross-validated on what <c>detect</c> will show it. The settings are written as <see cref="FaceCropSettings.FileName"/>
/// and end up in the manifest of every model trained on the copy; the source's <c>SOURCES.md</c> (in its root or
/// parent) is copied along, so model cards still describe the data. The source is never modified.
/// </summary>
public static class DatasetFaceCropper
{
    /// <summary>Name of the per-image record written beside the class folders.</summary>
    public const string ManifestFileName = "faces.csv";

    /// <summary>JPEG (and WebP) quality of re-encoded crops.</summary>
    public const int Quality = 95;

    /// <summary>Writes the copy into <c>&lt;outputRoot&gt;/&lt;class&gt;/</c> under the source's relative paths, plus <see cref="ManifestFileName"/>.</summary>
    /// <remarks>
    /// Crops keep their file's format (JPEG, PNG or WebP); BMP and GIF files, which cannot be re-encoded, are copied
    /// whole and counted as such. Unusable source files are left out and listed in <see cref="FaceCropSummary.Skipped"/>.
    /// The copy is assembled in a hidden folder beside <paramref name="outputRoot"/> and renamed into place at the end.
    /// Detection runs on <see cref="Environment.ProcessorCount"/> threads, each on its own single-threaded ONNX run.
    /// </remarks>
    /// <param name="sourceRoot">The dataset to copy (<c>&lt;root&gt;/&lt;class&gt;/&lt;image&gt;</c>).</param>
    /// <param name="outputRoot">The new dataset folder: must not exist or be empty, and must not be inside the source.</param>
    /// <param name="options">Detector settings and crop margin, as for <see cref="PhotoAnalyzer"/> (null: the defaults of <c>detect</c>).</param>
    /// <param name="progress">Receives (images done, total), possibly from several threads; the last is (Total, Total). Or null.</param>
    /// <param name="cancellationToken">Stops the work; nothing is written then.</param>
    /// <exception cref="FaceMaskException">The folders are unsuitable, the detector is missing, or writing fails.</exception>
    public static FaceCropSummary WriteFaceCrops(
        string sourceRoot,
        string outputRoot,
        PhotoAnalyzerOptions? options = null,
        IProgress<LoadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputRoot);
        options ??= new PhotoAnalyzerOptions();
        options.Validate();
        float margin = options.Margin;
        string source = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceRoot));
        string output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputRoot));
        var staged = StagedDatasetFolder.Check(source, output, "the face-cropped dataset");
        ImageFolder folder = ImageFolder.Discover(source);
        using var detector = new FaceDetector(options.Detector with { IntraOpThreads = 1 });

        var records = new FaceCropRecord?[folder.Entries.Count];
        var errors = new SkippedFile?[folder.Entries.Count];
        staged.Write(staging =>
        {
            foreach (string name in folder.Classes)
            {
                Directory.CreateDirectory(Path.Combine(staging, name));
            }

            int done = 0;
            int step = Math.Max(1, folder.Entries.Count / 200);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
            try
            {
                Parallel.For(0, folder.Entries.Count, parallel, i =>
                {
                    ImageEntry entry = folder.Entries[i];
                    try
                    {
                        records[i] = CropOne(detector, margin, Path.Combine(source, entry.RelativePath), Path.Combine(staging, entry.RelativePath), entry.RelativePath) with { Entry = i };
                    }
                    catch (ImageDecodeException ex)
                    {
                        errors[i] = new SkippedFile(entry.RelativePath, ex.Reason) { Problem = ex.Problem };
                    }

                    int now = Interlocked.Increment(ref done);
                    if (progress is not null && now % step == 0 && now != folder.Entries.Count)
                    {
                        progress.Report(new LoadProgress(now, folder.Entries.Count, FromCache: false));
                    }
                });
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count >= 1)
            {
                ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            }

            File.WriteAllText(Path.Combine(staging, ManifestFileName), Manifest(records), new UTF8Encoding(false));
            new FaceCropSettings(options.Detector.Model.Name, options.Detector.Threshold, margin).Write(staging);
            if (DatasetNotes.Locate(source) is { } notes)
            {
                File.Copy(notes, Path.Combine(staging, DatasetNotes.FileName)); // the data's provenance and known issues travel with the copy
            }
            progress?.Report(new LoadProgress(folder.Entries.Count, folder.Entries.Count, FromCache: false));
        });

        var written = records.OfType<FaceCropRecord>().ToArray();
        var skipped = folder.Skipped.Concat(errors.OfType<SkippedFile>()).OrderBy(s => s.Path, StringComparer.Ordinal).ToArray();
        var perClass = folder.Classes.Select((name, label) =>
        {
            var mine = written.Where(r => folder.Entries[r.Entry].Label == label).ToArray();
            return new ClassFaceCropCount(name, mine.Length, mine.Count(r => r.Cropped));
        }).ToArray();
        return new FaceCropSummary(output, Path.Combine(output, ManifestFileName), perClass, skipped);
    }

    private static FaceCropRecord CropOne(FaceDetector detector, float margin, string from, string to, string relative)
    {
        byte[] bytes = ImageDecoder.ReadFile(from, relative);
        using SKBitmap photo = ImageDecoder.DecodeBitmap(bytes, relative);
        IReadOnlyList<DetectedFace> faces = detector.Detect(photo);
        SKEncodedImageFormat? format = Path.GetExtension(relative).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" => SKEncodedImageFormat.Jpeg,
            ".png" => SKEncodedImageFormat.Png,
            ".webp" => SKEncodedImageFormat.Webp,
            _ => null,
        };
        if (faces.Count == 0 || format is not { } encoding)
        {
            File.WriteAllBytes(to, bytes);
            return new FaceCropRecord(relative, photo.Width, photo.Height, faces.Count, faces.Count == 0 ? null : faces.Max(f => f.Score), null);
        }

        DetectedFace best = faces.MaxBy(f => f.Score)!;
        SKRectI region = FaceCrop.Region(best.Box, photo.Width, photo.Height, margin);
        using SKBitmap crop = FaceCrop.Extract(photo, region);
        using SKData? encoded = crop.Encode(encoding, Quality);
        if (encoded is null)
        {
            throw new FaceMaskException($"{to}: cannot encode the face crop of {relative} as {encoding}");
        }

        using (var stream = new FileStream(to, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            encoded.SaveTo(stream);
        }

        return new FaceCropRecord(relative, photo.Width, photo.Height, faces.Count, best.Score, region);
    }

    private static string Manifest(FaceCropRecord?[] records)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("path,width,height,faces,score,cropped,crop_x,crop_y,crop_side\n");
        foreach (FaceCropRecord r in records.OfType<FaceCropRecord>().OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            sb.Append(PredictionsCsvExporter.Csv(r.Path)).Append(',')
              .Append(r.Width.ToString(inv)).Append(',').Append(r.Height.ToString(inv)).Append(',')
              .Append(r.Faces.ToString(inv)).Append(',')
              .Append(r.Score is { } s ? s.ToString("0.####", inv) : string.Empty).Append(',')
              .Append(r.Cropped ? "true" : "false").Append(',');
            if (r.Region is { } region)
            {
                sb.Append(region.Left.ToString(inv)).Append(',').Append(region.Top.ToString(inv)).Append(',').Append(region.Width.ToString(inv));
            }
            else
            {
                sb.Append(",,");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>What happened to one image.</summary>
    private sealed record FaceCropRecord(string Path, int Width, int Height, int Faces, float? Score, SKRectI? Region)
    {
        public int Entry { get; init; }

        public bool Cropped => Region is not null;
    }
}
