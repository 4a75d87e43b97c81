namespace FaceMask.Runs;

/// <summary>Options of an evaluation of a saved model on a labelled folder (<c>facemask evaluate</c>).</summary>
public sealed record EvaluateRunOptions : DataRunOptions
{
    /// <summary>Model folder (holds model.json); default: the shipped model.</summary>
    public string? Model { get; init; }

    /// <summary>Run folder (default runs/&lt;timestamp&gt;-evaluate).</summary>
    public string? Out { get; init; }
}
