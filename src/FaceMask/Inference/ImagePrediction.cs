namespace FaceMask.Inference;

/// <summary>The classification of one image file, or why it could not be classified.</summary>
/// <param name="Path">The file as given.</param>
/// <param name="Label">Predicted class, null on error.</param>
/// <param name="Probabilities">Probability per class (model's class order), empty on error.</param>
/// <param name="Error">Why the file could not be read, else null.</param>
public sealed record ImagePrediction(string Path, string? Label, IReadOnlyDictionary<string, float> Probabilities, string? Error);
