using System.Text.Json;
using System.Text.Json.Nodes;
using FaceMask.Protocols;

namespace FaceMask.Reporting.Html;

/// <summary>
/// What the HTML report is built from: a run folder's report.json and predictions.csv, and the optional
/// bias.json, compare.json and model/MODEL_CARD.md. The optional JSON files are read loosely (as <see cref="JsonNode"/>),
/// so changes to their shape do not break the page.
/// </summary>
internal sealed record RunFolderContents
{
    /// <summary>Per-group results file name.</summary>
    public const string BiasFile = "bias.json";

    /// <summary>Comparison results file name.</summary>
    public const string CompareFile = "compare.json";

    /// <summary>The run folder.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>The run's report; null for a folder that only holds a comparison.</summary>
    public RunReport? Report { get; init; }

    /// <summary>The run's predictions (empty when predictions.csv is absent).</summary>
    public IReadOnlyList<PredictionRow> Predictions { get; init; } = [];

    /// <summary>bias.json, when present and readable.</summary>
    public JsonNode? Bias { get; init; }

    /// <summary>Why bias.json could not be read, when it exists but is broken.</summary>
    public string? BiasError { get; init; }

    /// <summary>compare.json, when present and readable.</summary>
    public JsonNode? Compare { get; init; }

    /// <summary>Why compare.json could not be read, when it exists but is broken.</summary>
    public string? CompareError { get; init; }

    /// <summary>The model card's Markdown, when the run saved a model that has one.</summary>
    public string? ModelCard { get; init; }

    /// <summary>Reads a run folder from disk.</summary>
    /// <exception cref="FaceMaskException">The folder does not exist, has neither report.json nor compare.json, or report.json or predictions.csv is corrupt.</exception>
    public static RunFolderContents Load(string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        if (!Directory.Exists(runDirectory))
        {
            throw new FaceMaskException($"{runDirectory}: no such run folder");
        }

        bool hasReport = File.Exists(Path.Combine(runDirectory, "report.json"));
        if (!hasReport && !File.Exists(Path.Combine(runDirectory, CompareFile)))
        {
            throw new FaceMaskException($"{runDirectory}: not a run folder (no report.json or {CompareFile})");
        }

        RunReport? report = hasReport ? ReportJson.Read(runDirectory) : null;
        string predictionsPath = Path.Combine(runDirectory, PredictionsCsvReader.FileName);
        IReadOnlyList<PredictionRow> predictions = report is not null && File.Exists(predictionsPath)
            ? PredictionsCsvReader.Read(runDirectory).Rows
            : [];
        return WithOptionalFiles(runDirectory, report, predictions);
    }

    /// <summary>The contents for a run being written: the report and predictions from memory, the optional files from the folder.</summary>
    public static RunFolderContents FromRun(RunArtifacts run, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(run);
        return WithOptionalFiles(runDirectory, run.Report, run.Predictions);
    }

    /// <summary>Reads an optional JSON file: (null, null) when absent, (null, reason) when unreadable.</summary>
    public static (JsonNode? Node, string? Error) ReadOptionalJson(string path)
    {
        if (!File.Exists(path))
        {
            return (null, null);
        }

        try
        {
            return (JsonNode.Parse(File.ReadAllText(path)), null);
        }
        catch (JsonException ex)
        {
            return (null, $"{path}: not valid JSON ({ex.Message})");
        }
        catch (IOException ex)
        {
            return (null, $"{path}: could not be read ({ex.Message})");
        }
        catch (UnauthorizedAccessException ex)
        {
            return (null, $"{path}: could not be read ({ex.Message})");
        }
    }

    private static RunFolderContents WithOptionalFiles(string runDirectory, RunReport? report, IReadOnlyList<PredictionRow> predictions)
    {
        var (bias, biasError) = ReadOptionalJson(Path.Combine(runDirectory, BiasFile));
        var (compare, compareError) = ReadOptionalJson(Path.Combine(runDirectory, CompareFile));
        string cardPath = Path.Combine(runDirectory, RunRecorder.ModelFolder, ModelCardWriter.FileName);
        string? card = null;
        try
        {
            card = File.Exists(cardPath) ? File.ReadAllText(cardPath) : null;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return new RunFolderContents
        {
            RunDirectory = runDirectory,
            Report = report,
            Predictions = predictions,
            Bias = bias,
            BiasError = biasError,
            Compare = compare,
            CompareError = compareError,
            ModelCard = card,
        };
    }
}
