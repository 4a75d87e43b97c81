namespace FaceMask.Runs;

/// <summary>Options of a stratified (optionally grouped, or leave-one-group-out) k-fold run (<c>facemask kfold</c>).</summary>
public sealed record KFoldRunOptions : TrainingRunOptions
{
    /// <summary>The number of folds when <see cref="Folds"/> is not given.</summary>
    public const int DefaultFolds = 10;

    /// <summary>The default <see cref="GroupColumn"/>.</summary>
    public const string DefaultGroupColumn = "group";

    /// <summary>Number of folds (default <see cref="DefaultFolds"/>; not with <see cref="LeaveOneGroupOut"/>).</summary>
    public int? Folds { get; init; }

    /// <summary>CSV with a 'path' column (relative to the dataset root) and a group column; a group never spans two folds.</summary>
    public string? Groups { get; init; }

    /// <summary>Column of <see cref="Groups"/> holding the group id.</summary>
    public string GroupColumn { get; init; } = DefaultGroupColumn;

    /// <summary>One fold per distinct group, each holding that group out; needs <see cref="Groups"/>.</summary>
    public bool LeaveOneGroupOut { get; init; }

    /// <summary>Throws when the fold options do not go together.</summary>
    /// <exception cref="FaceMaskException"><see cref="LeaveOneGroupOut"/> without <see cref="Groups"/>, or with <see cref="Folds"/>.</exception>
    public void Validate()
    {
        if (LeaveOneGroupOut && (Groups is null || Folds is not null))
        {
            throw new FaceMaskException("--leave-one-group-out needs --groups CSV (and --group-column NAME) and makes one fold per group, so it takes no --folds");
        }
    }
}
