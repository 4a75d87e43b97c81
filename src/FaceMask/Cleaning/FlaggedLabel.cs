namespace FaceMask.Cleaning;

/// <summary>A training image whose given label confident learning doubts, left out of one training set.</summary>
/// <param name="Path">Image path relative to the dataset root.</param>
/// <param name="Given">The label it was given (class index).</param>
/// <param name="Suggested">The class confident learning assigns it to (class index).</param>
/// <param name="GivenProbability">Its out-of-sample probability of the given label.</param>
/// <param name="SuggestedProbability">Its out-of-sample probability of the suggested class.</param>
/// <param name="Fold">The outer fold (1-based) whose training set it was removed from; null for a hold-out run.</param>
public sealed record FlaggedLabel(string Path, int Given, int Suggested, float GivenProbability, float SuggestedProbability, int? Fold);
