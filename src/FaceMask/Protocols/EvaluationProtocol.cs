using FaceMask.Data;
using FaceMask.Models;

namespace FaceMask.Protocols;

/// <summary>
/// Evaluates a saved model on a labelled folder whose classes must match the model's. The predictions are the model's
/// answers: with a prior correction in its calibration, the corrected probabilities and their top class (the
/// temperature, which changes no label, is left to the report's own calibration analysis).
/// </summary>
internal static class EvaluationProtocol
{
    /// <summary>Predicts every image and reports.</summary>
    public static ExperimentResult Run(TrainedModel model, LoadedDataset data)
    {
        ModelCompatibility.EnsureMatches(model.Manifest, data);
        var calibration = Inference.CalibrationInEffect.For(model.Manifest);
        var rows = ModelRunner.Predict(model, data, Enumerable.Range(0, data.Count).ToArray(), null).Select(calibration.Correct).ToList();
        return new ExperimentResult
        {
            Labels = data.Classes,
            Test = ModelRunner.Report(rows, data.Classes),
            Predictions = rows,
        };
    }
}
