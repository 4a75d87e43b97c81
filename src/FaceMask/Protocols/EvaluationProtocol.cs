using FaceMask.Data;
using FaceMask.Models;

namespace FaceMask.Protocols;

/// <summary>Evaluates a saved model on a labelled folder whose classes must match the model's.</summary>
internal static class EvaluationProtocol
{
    /// <summary>Predicts every image and reports.</summary>
    public static ExperimentResult Run(TrainedModel model, LoadedDataset data)
    {
        ModelCompatibility.EnsureMatches(model.Manifest, data);
        var rows = ModelRunner.Predict(model, data, Enumerable.Range(0, data.Count).ToArray(), null);
        return new ExperimentResult
        {
            Labels = data.Classes,
            Test = ModelRunner.Report(rows, data.Classes),
            Predictions = rows,
        };
    }
}
