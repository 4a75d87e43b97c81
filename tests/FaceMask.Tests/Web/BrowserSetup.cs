using FaceMask.Tests.Support;

namespace FaceMask.Tests.Web;

/// <summary>Where the browser test's node project is (tests/browser) and whether it can run here.</summary>
internal static class BrowserSetup
{
    private static readonly Lazy<string?> Folder = new(() =>
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "browser");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        return null;
    });

    /// <summary>tests/browser of this checkout, or null.</summary>
    public static string? BrowserFolder => Folder.Value;

    /// <summary>Why the browser test cannot run, or null when it can.</summary>
    public static string? MissingReason()
    {
        if (!File.Exists(HeadlessChromium.Executable))
        {
            return $"{HeadlessChromium.Executable} is absent (apt-get install chromium)";
        }

        if (FindOnPath("node") is null)
        {
            return "node is not on PATH (apt-get install nodejs npm)";
        }

        if (BrowserFolder is not { } folder)
        {
            return "tests/browser/package.json was not found above " + AppContext.BaseDirectory;
        }

        return Directory.Exists(Path.Combine(folder, "node_modules", "playwright-core"))
            ? null
            : $"{folder}/node_modules/playwright-core is missing (run npm ci in tests/browser)";
    }

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
