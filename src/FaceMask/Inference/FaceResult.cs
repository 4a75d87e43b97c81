namespace FaceMask.Inference;

/// <summary>One face found in a photo and its mask type.</summary>
/// <param name="Box">Where the face is.</param>
/// <param name="DetectorScore">The face detector's confidence (0–1); null when no detector ran and the whole photo was classified.</param>
/// <param name="Label">Predicted class.</param>
/// <param name="Probabilities">Probability per class, in the model's class order.</param>
public sealed record FaceResult(FaceBox Box, float? DetectorScore, string Label, IReadOnlyDictionary<string, float> Probabilities);
