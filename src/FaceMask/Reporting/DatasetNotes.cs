using System.Text;
using System.Text.RegularExpressions;

namespace FaceMask.Reporting;

/// <summary>
/// What a dataset's own documentation says about its provenance and known problems: read from a
/// <c>SOURCES.md</c> in the dataset root or its parent folder. <see cref="Provenance"/> is the text before the
/// first section; <see cref="KnownIssues"/> holds the sections whose heading speaks of known issues, shortcuts,
/// caveats, limitations, bias or label noise, verbatim (Markdown).
/// </summary>
internal sealed partial record DatasetNotes
{
    /// <summary>The documentation file's name.</summary>
    public const string FileName = "SOURCES.md";

    /// <summary>The file the notes were read from.</summary>
    public required string SourcePath { get; init; }

    /// <summary>The opening paragraphs (provenance, licence), without the title; may be empty.</summary>
    public required string Provenance { get; init; }

    /// <summary>The known-issue sections, headings demoted to level 4 so they nest inside a card; may be empty.</summary>
    public required string KnownIssues { get; init; }

    /// <summary>Looks for <c>SOURCES.md</c> in <paramref name="dataRoot"/>, then in its parent; null when neither has one or it cannot be read.</summary>
    public static DatasetNotes? Find(string? dataRoot)
    {
        if (Locate(dataRoot) is not { } path)
        {
            return null;
        }

        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The path of the <c>SOURCES.md</c> in <paramref name="dataRoot"/> or else its parent, or null.</summary>
    public static string? Locate(string? dataRoot)
    {
        if (string.IsNullOrWhiteSpace(dataRoot))
        {
            return null;
        }

        string root = Path.GetFullPath(dataRoot);
        return new[] { root, Path.GetDirectoryName(root) }
            .Where(dir => dir is not null)
            .Select(dir => Path.Combine(dir!, FileName))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Extracts the notes from Markdown text.</summary>
    public static DatasetNotes Parse(string markdown, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        string[] lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var provenance = new StringBuilder();
        var issues = new StringBuilder();
        int sectionLevel = 0;       // level of the heading whose section we are in (0 before the first ## heading)
        int keepLevel = int.MaxValue; // level of the kept section we are inside, or MaxValue
        bool inFence = false;
        foreach (string line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            var heading = inFence ? Match.Empty : Heading().Match(line);
            if (heading.Success)
            {
                int level = heading.Groups[1].Value.Length;
                string title = heading.Groups[2].Value;
                if (level == 1)
                {
                    continue; // the document title
                }

                sectionLevel = level;
                if (level <= keepLevel)
                {
                    keepLevel = IssueHeading().IsMatch(title) ? level : int.MaxValue;
                }

                if (keepLevel != int.MaxValue)
                {
                    issues.Append(new string('#', Math.Min(6, 4 + level - keepLevel))).Append(' ').Append(title).Append('\n');
                }

                continue;
            }

            if (keepLevel != int.MaxValue)
            {
                issues.Append(line).Append('\n');
            }
            else if (sectionLevel == 0)
            {
                provenance.Append(line).Append('\n');
            }
        }

        return new DatasetNotes
        {
            SourcePath = sourcePath,
            Provenance = provenance.ToString().Trim(),
            KnownIssues = issues.ToString().Trim(),
        };
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"known issue|shortcut|caveat|limitation|bias|label noise|problem", RegexOptions.IgnoreCase)]
    private static partial Regex IssueHeading();
}
