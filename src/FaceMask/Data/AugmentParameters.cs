namespace FaceMask.Data;

/// <summary>The random choices for one augmented copy, drawn up front so the result does not depend on thread timing.</summary>
/// <param name="Flip">Mirror horizontally.</param>
/// <param name="Area">Fraction of the image area kept by the crop (0.7–1.0); the crop keeps the aspect ratio.</param>
/// <param name="OffsetX">Horizontal crop position as a fraction of the free space (0–1).</param>
/// <param name="OffsetY">Vertical crop position as a fraction of the free space (0–1).</param>
/// <param name="Brightness">Brightness factor (0.8–1.2).</param>
/// <param name="Saturation">Saturation factor (0.8–1.2).</param>
internal readonly record struct AugmentParameters(bool Flip, double Area, double OffsetX, double OffsetY, double Brightness, double Saturation)
{
    internal const double MinArea = 0.7;
    internal const double Jitter = 0.2;

    /// <summary>Draws parameters from <paramref name="random"/> in a fixed order.</summary>
    internal static AugmentParameters Draw(Random random) => new(
        Flip: random.NextDouble() < 0.5,
        Area: MinArea + ((1 - MinArea) * random.NextDouble()),
        OffsetX: random.NextDouble(),
        OffsetY: random.NextDouble(),
        Brightness: 1 - Jitter + (2 * Jitter * random.NextDouble()),
        Saturation: 1 - Jitter + (2 * Jitter * random.NextDouble()));
}
