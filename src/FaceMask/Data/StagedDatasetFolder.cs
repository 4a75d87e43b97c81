namespace FaceMask.Data;

/// <summary>
/// A new dataset folder written from another one: checked before any work (not the source or inside it, not a file, new
/// or empty), assembled in a hidden folder beside it and renamed into place only when complete, so a failed run leaves
/// no half-written dataset and nothing the user made is overwritten.
/// </summary>
internal sealed class StagedDatasetFolder
{
    private readonly string what;

    private StagedDatasetFolder(string output, string what)
    {
        Output = output;
        this.what = what;
    }

    /// <summary>Full path of the final folder.</summary>
    public string Output { get; }

    /// <summary>Checks <paramref name="output"/> against <paramref name="source"/>; nothing is created yet.</summary>
    /// <param name="source">The dataset being read (full path).</param>
    /// <param name="output">The folder to create (full path).</param>
    /// <param name="what">What is written, for messages (e.g. "the augmented dataset").</param>
    /// <exception cref="FaceMaskException">The output folder is unsuitable.</exception>
    public static StagedDatasetFolder Check(string source, string output, string what)
    {
        if (CacheLocation.IsSameOrInside(output, source))
        {
            throw new FaceMaskException(output == source
                ? $"{output}: the output folder is the source dataset; choose a new folder outside it"
                : $"{output}: the output folder is inside the source dataset {source}; choose a folder outside it");
        }

        if (File.Exists(output))
        {
            throw new FaceMaskException($"{output}: exists and is a file; choose a new folder for {what}");
        }

        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            throw new FaceMaskException($"{output}: the output folder already exists and is not empty; choose a new or empty folder");
        }

        return new StagedDatasetFolder(output, what);
    }

    /// <summary>
    /// Creates the hidden staging folder, lets <paramref name="fill"/> write into it, then renames it to
    /// <see cref="Output"/>. On any failure the staging folder is deleted; I/O errors become a
    /// <see cref="FaceMaskException"/> naming the output folder.
    /// </summary>
    public void Write(Action<string> fill)
    {
        string staging = Path.Combine(Path.GetDirectoryName(Output) ?? Output, "." + Path.GetFileName(Output) + ".partial-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(staging);
            fill(staging);
            if (Directory.Exists(Output))
            {
                Directory.Delete(Output);
            }

            Directory.Move(staging, Output);
        }
        catch (Exception ex)
        {
            TryDeleteTree(staging);
            if (ex is IOException or UnauthorizedAccessException)
            {
                throw new FaceMaskException($"{Output}: cannot write {what} ({ex.Message})", ex);
            }

            throw;
        }
    }

    private static void TryDeleteTree(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
