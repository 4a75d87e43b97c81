namespace FaceMask.Protocols;

/// <summary>One image's prediction.</summary>
/// <param name="Path">Image path relative to the dataset root (or as given, for unlabelled input).</param>
/// <param name="Truth">True class index, or -1 when unknown.</param>
/// <param name="Predicted">Predicted class index.</param>
/// <param name="Probabilities">Class probabilities in class order.</param>
/// <param name="Fold">Fold (1-based) whose model made the prediction, in k-fold runs.</param>
public sealed record PredictionRow(string Path, int Truth, int Predicted, float[] Probabilities, int? Fold = null)
{
    /// <summary>This prediction with other probabilities, its predicted class their top one.</summary>
    internal PredictionRow WithProbabilities(float[] probabilities) =>
        this with { Probabilities = probabilities, Predicted = Training.Predictor.ArgMax(probabilities) };
}
