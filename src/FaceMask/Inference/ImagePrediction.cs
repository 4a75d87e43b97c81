namespace FaceMask.Inference;

/// <summary>The classification of one image file, or why it could not be classified.</summary>
/// <param name="Path">The file as given.</param>
/// <param name="Label">Predicted class, null on error.</param>
/// <param name="Probabilities">Probability per class (model's class order), calibrated when the model is; empty on error.</param>
/// <param name="Error">Why the file could not be read, else null.</param>
/// <param name="Unsure">
/// True when the top probability is below the unsure threshold in effect (<see cref="CalibrationInEffect"/>):
/// <paramref name="Label"/> is then only the best guess. False on error.
/// </param>
public sealed record ImagePrediction(string Path, string? Label, IReadOnlyDictionary<string, float> Probabilities, string? Error, bool Unsure);
