using FaceMask.Bias;

namespace FaceMask.Runs;

/// <summary>
/// Options of a per-group evaluation (<c>facemask bias</c>): a saved model on a dataset (or on a folder layout's own
/// images), or an existing run folder's predictions.
/// </summary>
public sealed record BiasRunOptions : GroupRunOptions
{
    /// <summary>Model folder (holds model.json) to evaluate.</summary>
    public string? Model { get; init; }

    /// <summary>Instead of a model: a run folder whose predictions.csv is analysed.</summary>
    public string? Run { get; init; }

    /// <summary>Do not cross attributes (e.g. gender × age).</summary>
    public bool NoIntersections { get; init; }

    /// <summary>Run folder (default runs/&lt;timestamp&gt;-bias).</summary>
    public string? Out { get; init; }

    /// <summary>Throws when the options do not go together: attributes are needed, and either a model or a run.</summary>
    /// <exception cref="FaceMaskException">No attributes, or not exactly one of <see cref="Model"/> and <see cref="Run"/>.</exception>
    public void Validate()
    {
        if (Attributes is null)
        {
            throw new FaceMaskException("bias needs --attributes CSV|DIR");
        }

        if ((Model is null) == (Run is null))
        {
            throw new FaceMaskException("bias needs either --model DIR (with --data DIR, or a folder layout as --attributes) or --run RUN_DIR");
        }
    }

    /// <summary>The group labels of <see cref="GroupRunOptions.Attributes"/>.</summary>
    internal GroupAttributes LoadAttributes() => LoadGivenAttributes()!;

    /// <summary>The bias analysis, with or without intersections, validated.</summary>
    internal BiasOptions ValidBiasOptions()
    {
        var options = BiasOptions() with { Intersections = !NoIntersections };
        options.Validate();
        return options;
    }
}
