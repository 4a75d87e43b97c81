namespace FaceMask.Cleaning;

/// <summary>
/// How training labels are checked before a model trains (<see cref="LabelCleaner"/>): an inner, stratified
/// cross-validation of the same model over the training images only gives each of them an out-of-sample class
/// probability, and images whose given label confident learning flags are left out of that training set. Test images are
/// never looked at or changed.
/// </summary>
public sealed record LabelCleaningOptions
{
    /// <summary>The default number of inner folds.</summary>
    public const int DefaultInnerFolds = 5;

    /// <summary>Inner folds over the training images (at least 2; fewer when a class has fewer images).</summary>
    public int InnerFolds { get; init; } = DefaultInnerFolds;

    /// <summary>Throws a <see cref="FaceMaskException"/> for values that cannot work.</summary>
    public void Validate()
    {
        if (InnerFolds < 2)
        {
            throw new FaceMaskException($"--clean-folds must be at least 2 (got {InnerFolds})");
        }
    }
}
