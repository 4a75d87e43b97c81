using System.Text.Json;
using FaceMask.IO;
using FaceMask.Reporting;

namespace FaceMask.Bias;

/// <summary>Writes <c>bias.json</c> (snake_case, like report.json).</summary>
internal sealed class BiasJsonExporter : IExporter<BiasReport>
{
    /// <summary>The file name.</summary>
    public const string FileName = "bias.json";

    /// <inheritdoc />
    public string Name => FileName;

    /// <inheritdoc />
    public IReadOnlyList<string> Export(BiasReport report, string runDirectory)
    {
        string path = Path.Combine(runDirectory, FileName);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(report, ReportJson.Options));
        return [path];
    }

    /// <summary>Reads a run folder's bias.json, or null when it has none; errors name the file.</summary>
    /// <exception cref="FaceMaskException">The file is corrupt.</exception>
    public static BiasReport? Read(string runDirectory)
    {
        string path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<BiasReport>(File.ReadAllText(path), ReportJson.Options)
                ?? throw new FaceMaskException($"{path}: empty bias report");
        }
        catch (JsonException ex)
        {
            throw new FaceMaskException($"{path}: corrupt bias report ({ex.Message})", ex);
        }
    }
}
