namespace FaceMask.Data;

/// <summary>
/// What an <see cref="IImagePreparer"/> did to a loaded dataset: which images it replaced (face crops) and which it
/// left whole (no face found), overall and per class.
/// </summary>
public sealed class ImagePreparation
{
    internal ImagePreparation(string step, bool[] usedWhole, int[] labels, int classCount)
    {
        Step = step;
        UsedWhole = usedWhole.AsReadOnly();
        var perClass = new int[classCount];
        var wholePerClass = new int[classCount];
        for (int i = 0; i < usedWhole.Length; i++)
        {
            perClass[labels[i]]++;
            if (usedWhole[i])
            {
                wholePerClass[labels[i]]++;
            }
        }

        WholePerClass = wholePerClass.AsReadOnly();
        PreparedPerClass = perClass.Select((n, c) => n - wholePerClass[c]).ToArray().AsReadOnly();
        Whole = wholePerClass.Sum();
        Prepared = usedWhole.Length - Whole;
    }

    /// <summary>The step's <see cref="IImagePreparer.Id"/>.</summary>
    public string Step { get; }

    /// <summary>Per image, in <see cref="LoadedDataset.Paths"/> order: true when the step did not apply and the image was used whole.</summary>
    public IReadOnlyList<bool> UsedWhole { get; }

    /// <summary>Images the step replaced (for face crops: images with a face).</summary>
    public int Prepared { get; }

    /// <summary>Images used whole (for face crops: images without a face).</summary>
    public int Whole { get; }

    /// <summary><see cref="Prepared"/> per class, in class order.</summary>
    public IReadOnlyList<int> PreparedPerClass { get; }

    /// <summary><see cref="Whole"/> per class, in class order.</summary>
    public IReadOnlyList<int> WholePerClass { get; }

    /// <summary>
    /// The step to run on a dataset: <paramref name="preparer"/>, or null when there is none or when it crops faces and
    /// the dataset already is a face-cropped copy (<paramref name="datasetCrop"/>, its faces.json, is set).
    /// </summary>
    internal static IImagePreparer? Effective(IImagePreparer? preparer, FaceCropSettings? datasetCrop)
    {
        if (preparer is null || (preparer.FaceCrop is not null && datasetCrop is not null))
        {
            return null;
        }

        if (string.IsNullOrEmpty(preparer.Id) || preparer.Id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ArgumentException($"an image preparation id must be letters, digits, '-', '_' and '.', got '{preparer.Id}'", nameof(preparer));
        }

        return preparer;
    }
}
