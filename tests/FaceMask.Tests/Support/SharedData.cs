namespace FaceMask.Tests.Support;

/// <summary>Finds the real data set shipped beside the repository (read-only), if present.</summary>
public static class SharedData
{
    private const string RelativeImages = "shared/datasets/facemask/images";

    private static readonly Lazy<string?> Root = new(() => FindImagesRoot(AppContext.BaseDirectory));

    /// <summary>
    /// Full path of <c>shared/datasets/facemask/images</c>, looked for as <c>&lt;ancestor&gt;/shared/...</c> or
    /// <c>&lt;ancestor&gt;/../shared/...</c> of the test's base directory; null when absent.
    /// </summary>
    public static string? ImagesRoot => Root.Value;

    /// <summary>Why shared-data tests are skipped.</summary>
    public static string SkipReason =>
        $"the shared dataset ({RelativeImages}) was not found beside any ancestor of {AppContext.BaseDirectory}";

    /// <summary>Looks for the images folder beside <paramref name="baseDirectory"/> or any of its ancestors.</summary>
    public static string? FindImagesRoot(string baseDirectory)
    {
        for (DirectoryInfo? dir = new(baseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (string candidate in new[] { Path.Combine(dir.FullName, RelativeImages), Path.Combine(dir.FullName, "..", RelativeImages) })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }
}
