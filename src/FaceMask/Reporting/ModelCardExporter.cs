using FaceMask.IO;

namespace FaceMask.Reporting;

/// <summary>
/// Writes <c>model/MODEL_CARD.md</c> when the run saved a model (see <see cref="ModelCardWriter"/>), reading a
/// bias.json already in the run folder for the per-group results. A card edited by hand is left alone.
/// </summary>
internal sealed class ModelCardExporter : IExporter<RunArtifacts>
{
    /// <inheritdoc />
    public string Name => ModelCardWriter.FileName;

    /// <inheritdoc />
    public IReadOnlyList<string> Export(RunArtifacts run, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(run);
        string modelDir = Path.Combine(runDirectory, RunRecorder.ModelFolder);
        if (!File.Exists(Path.Combine(modelDir, Models.ModelStore.ManifestFile)))
        {
            return [];
        }

        var (bias, _) = Html.RunFolderContents.ReadOptionalJson(Path.Combine(runDirectory, Html.RunFolderContents.BiasFile));
        return ModelCardWriter.Write(modelDir, run.Report, run.Predictions, bias) is { } path ? [path] : [];
    }
}
