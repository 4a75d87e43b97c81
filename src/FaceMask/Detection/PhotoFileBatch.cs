using FaceMask.Data;
using FaceMask.IO;

namespace FaceMask.Detection;

/// <summary>
/// Analyses photo files one after another (what <c>facemask detect</c> does): decodes each, finds and classifies its
/// faces, and optionally writes an annotated PNG copy. A file that cannot be read or decoded gets an error in its
/// result and the others go on; annotated copies are planned before any work so that nothing the user has is
/// replaced without <c>overwrite</c>.
/// </summary>
public static class PhotoFileBatch
{
    /// <summary>Suffix of an annotated copy: <c>&lt;name&gt;.annotated.png</c>.</summary>
    public const string AnnotatedSuffix = ".annotated.png";

    /// <summary>Analyses <paramref name="files"/> in order.</summary>
    /// <param name="analyzer">The detector and classifier.</param>
    /// <param name="files">Photo files.</param>
    /// <param name="annotateDirectory">Folder for annotated copies, or null for none.</param>
    /// <param name="overwrite">Replace existing annotated copies.</param>
    /// <param name="cancellationToken">Stops between files.</param>
    /// <exception cref="FaceMaskException">An annotated copy exists (without <paramref name="overwrite"/>) or two photos would share one; nothing has been analysed then.</exception>
    public static IReadOnlyList<PhotoFileResult> Analyze(PhotoAnalyzer analyzer, IReadOnlyList<string> files, string? annotateDirectory = null, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(files);
        string[]? targets = annotateDirectory is null ? null : AnnotatedTargets(files, annotateDirectory, overwrite);
        var results = new List<PhotoFileResult>(files.Count);
        for (int i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                byte[] bytes = ImageDecoder.ReadFile(files[i], files[i]);
                using var photo = ImageDecoder.DecodeBitmap(bytes, files[i]);
                var analysis = analyzer.Analyze(photo, cancellationToken);
                if (targets is not null)
                {
                    AtomicFile.WriteAllBytes(targets[i], FaceAnnotator.DrawPng(photo, analysis, analyzer.Classes));
                }

                results.Add(new PhotoFileResult(files[i], analysis, null, targets?[i]));
            }
            catch (FaceMaskException ex)
            {
                results.Add(new PhotoFileResult(files[i], null, ex.Message, null));
            }
        }

        return results;
    }

    /// <summary>Where each annotated copy goes; refuses to replace files (unless asked) and name clashes.</summary>
    /// <exception cref="FaceMaskException">A target exists (without <paramref name="overwrite"/>) or two photos map to one target.</exception>
    public static string[] AnnotatedTargets(IReadOnlyList<string> files, string directory, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(files);
        var targets = files.Select(f => Path.Combine(directory, Path.GetFileNameWithoutExtension(f) + AnnotatedSuffix)).ToArray();
        foreach (var clash in targets.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new FaceMaskException($"{clash.Key}: several photos would be annotated into the same file; annotate them separately");
        }

        if (!overwrite && targets.FirstOrDefault(File.Exists) is { } existing)
        {
            throw new FaceMaskException($"{existing}: already exists; pass --overwrite to replace it or choose another --annotate folder");
        }

        return targets;
    }
}
