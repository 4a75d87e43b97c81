namespace FaceMask.Training;

/// <summary>
/// How strongly <see cref="BatchAugmenter"/> changes each training image. Every image is mirrored at random and cut by a
/// random resized crop; the remaining parameters are ranges and probabilities, and zero switches a step off.
/// </summary>
/// <param name="Name">The name the option and the run's report use.</param>
/// <param name="MinArea">Smallest share of the image area the random resized crop keeps (up to all of it).</param>
/// <param name="Brightness">Brightness factor drawn from 1 ± this.</param>
/// <param name="Saturation">Saturation factor drawn from 1 ± this.</param>
/// <param name="Contrast">Contrast factor drawn from 1 ± this (around each image's mean grey).</param>
/// <param name="Hue">Largest hue rotation, in turns (0.05 = 18°), drawn from ± this.</param>
/// <param name="GrayscaleProbability">Chance that an image loses its colour entirely.</param>
/// <param name="DownscaleProbability">Chance that an image is shrunk and enlarged again, losing detail like a small source photo.</param>
/// <param name="MinScale">Smallest side ratio of that shrinking (once per batch, from this to 1).</param>
public sealed record AugmentationPolicy(
    string Name,
    double MinArea,
    double Brightness,
    double Saturation,
    double Contrast = 0,
    double Hue = 0,
    double GrayscaleProbability = 0,
    double DownscaleProbability = 0,
    double MinScale = 1)
{
    /// <summary>
    /// The default: crop area 70–100 %, brightness and saturation ±20 %. Mild enough not to hide the mask's details.
    /// </summary>
    public static AugmentationPolicy Basic { get; } = new("basic", MinArea: 0.7, Brightness: 0.2, Saturation: 0.2);

    /// <summary>
    /// Breaks more of what differs between photo sources: crop area 50–100 %, brightness, saturation and contrast
    /// ±30 %, hue ±18°, grey images 10 % of the time, and a third of the images shrunk to 35–100 % of their side and
    /// enlarged again.
    /// </summary>
    public static AugmentationPolicy Strong { get; } = new(
        "strong", MinArea: 0.5, Brightness: 0.3, Saturation: 0.3, Contrast: 0.3, Hue: 0.05,
        GrayscaleProbability: 0.1, DownscaleProbability: 1.0 / 3, MinScale: 0.35);

    /// <summary>
    /// <see cref="Strong"/> without its colour steps: crop area 50–100 %, contrast ±30 %, a third of the images shrunk
    /// to 35–100 % of their side and enlarged again; brightness and saturation ±20 % as in <see cref="Basic"/>, no hue
    /// change and no grey images, since a mask's colour is evidence of its type.
    /// </summary>
    public static AugmentationPolicy Scale { get; } = new(
        "scale", MinArea: 0.5, Brightness: 0.2, Saturation: 0.2, Contrast: 0.3, DownscaleProbability: 1.0 / 3, MinScale: 0.35);

    /// <summary>Every named policy.</summary>
    public static IReadOnlyList<AugmentationPolicy> All { get; } = [Basic, Strong, Scale];

    /// <summary>Every policy name.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToArray();

    /// <summary>Throws an <see cref="ArgumentException"/> for a range or probability that cannot work.</summary>
    public void Validate()
    {
        static void Check(bool ok, string what, double value)
        {
            if (!ok)
            {
                throw new ArgumentException($"augmentation policy: {what} is out of range (got {value})");
            }
        }

        Check(MinArea is > 0 and <= 1, "MinArea must be above 0 and at most 1", MinArea);
        Check(Brightness is >= 0 and < 1, "Brightness must be at least 0 and below 1", Brightness);
        Check(Saturation is >= 0 and <= 1, "Saturation must be between 0 and 1", Saturation);
        Check(Contrast is >= 0 and <= 1, "Contrast must be between 0 and 1", Contrast);
        Check(Hue is >= 0 and <= 0.5, "Hue must be between 0 and 0.5 turns", Hue);
        Check(GrayscaleProbability is >= 0 and <= 1, "GrayscaleProbability must be between 0 and 1", GrayscaleProbability);
        Check(DownscaleProbability is >= 0 and <= 1, "DownscaleProbability must be between 0 and 1", DownscaleProbability);
        Check(MinScale is > 0 and <= 1, "MinScale must be above 0 and at most 1", MinScale);
    }

    /// <summary>The policy called <paramref name="name"/>.</summary>
    /// <exception cref="FaceMaskException">No policy has that name.</exception>
    public static AugmentationPolicy Named(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new FaceMaskException($"--augment-policy {name}: unknown policy; known: {string.Join(", ", Names)}");
}
