namespace FaceMask.Inference;

/// <summary>One face found in a photo and its mask type.</summary>
/// <param name="Box">Where the face is.</param>
/// <param name="DetectorScore">The face detector's confidence (0–1); null when no detector ran and the whole photo was classified.</param>
/// <param name="Label">Predicted class (the best guess when <paramref name="Unsure"/>).</param>
/// <param name="Probabilities">Probability per class, in the model's class order, calibrated when the model is.</param>
/// <param name="Unsure">
/// True when the top probability is below the unsure threshold in effect (<see cref="CalibrationInEffect"/>): the
/// answer is then "unsure", <paramref name="Label"/> only the best guess.
/// </param>
public sealed record FaceResult(FaceBox Box, float? DetectorScore, string Label, IReadOnlyDictionary<string, float> Probabilities, bool Unsure);
