using System.Text.Json.Serialization;

namespace FaceMask.Calibration;

/// <summary>
/// What a prior correction did to held-out predictions (<c>facemask calibrate --prior-correction</c>): accuracy, macro
/// recall and each class's recall before and after, on the same predictions.
/// </summary>
public sealed record PriorCorrectionEffect
{
    /// <summary>The correction's strength τ.</summary>
    [JsonPropertyName("strength")]
    public required double Strength { get; init; }

    /// <summary>
    /// True when each k-fold prediction was corrected with the class shares of its own fold's training images (the
    /// other folds); false when all were corrected with the model's training shares.
    /// </summary>
    [JsonPropertyName("per_fold_shares")]
    public required bool PerFoldShares { get; init; }

    /// <summary>Labelled predictions measured.</summary>
    [JsonPropertyName("n")]
    public required int N { get; init; }

    /// <summary>Accuracy of the network's own labels.</summary>
    [JsonPropertyName("accuracy_before")]
    public required double AccuracyBefore { get; init; }

    /// <summary>Accuracy of the corrected labels.</summary>
    [JsonPropertyName("accuracy_after")]
    public required double AccuracyAfter { get; init; }

    /// <summary>Macro recall (every class weighted equally, as on a set with equally common classes) before.</summary>
    [JsonPropertyName("macro_recall_before")]
    public required double MacroRecallBefore { get; init; }

    /// <summary>Macro recall after.</summary>
    [JsonPropertyName("macro_recall_after")]
    public required double MacroRecallAfter { get; init; }

    /// <summary>Each class's recall before (classes without held-out images left out).</summary>
    [JsonPropertyName("recall_before")]
    public required IReadOnlyDictionary<string, double> RecallBefore { get; init; }

    /// <summary>Each class's recall after.</summary>
    [JsonPropertyName("recall_after")]
    public required IReadOnlyDictionary<string, double> RecallAfter { get; init; }
}
