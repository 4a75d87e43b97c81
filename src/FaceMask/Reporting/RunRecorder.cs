using FaceMask.Models;
using FaceMask.Protocols;

namespace FaceMask.Reporting;

/// <summary>Saves a finished experiment into its run folder: the model (if any) under <c>model/</c>, then every report file.</summary>
internal static class RunRecorder
{
    /// <summary>Name of the model sub-folder of a run folder.</summary>
    public const string ModelFolder = "model";

    /// <summary>Writes the run; returns the report and the files written.</summary>
    public static (RunReport Report, IReadOnlyList<string> Files) Record(ExperimentResult result, RunContext context, string runDirectory, ModelManifest? evaluatedModel = null)
    {
        var files = new List<string>();
        ModelManifest? manifest = evaluatedModel;
        if (result.Model is { } model)
        {
            string modelDir = Path.Combine(runDirectory, ModelFolder);
            manifest = ModelStore.Save(model, modelDir);
            files.Add(modelDir);
        }

        var report = RunReportBuilder.Build(result, context, manifest);
        files.AddRange(RunFolder.Write(new RunArtifacts(report, result.Predictions), runDirectory));
        return (report, files);
    }
}
