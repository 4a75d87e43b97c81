using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceMask.Reporting;

/// <summary>The JSON settings of report.json (snake_case, indented) and its reader.</summary>
internal static class ReportJson
{
    /// <summary>Serializer options used for every run file.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads a run folder's report.json; errors name the file.</summary>
    public static RunReport Read(string runDirectory)
    {
        string path = Path.Combine(runDirectory, "report.json");
        if (!File.Exists(path))
        {
            throw new FaceMaskException($"{runDirectory}: not a run folder (no report.json)");
        }

        try
        {
            return JsonSerializer.Deserialize<RunReport>(File.ReadAllText(path), Options)
                ?? throw new FaceMaskException($"{path}: empty report");
        }
        catch (JsonException ex)
        {
            throw new FaceMaskException($"{path}: corrupt report ({ex.Message})", ex);
        }
    }
}
