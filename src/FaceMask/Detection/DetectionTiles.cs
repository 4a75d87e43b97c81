using SkiaSharp;

namespace FaceMask.Detection;

/// <summary>
/// The regions of a photo the detector runs on. BlazeFace sees a photo shrunk to 128 or 256 pixels, where the faces of
/// a group photo are a few pixels wide; so besides the whole photo it also runs on overlapping square tiles: level
/// k has tiles of side ⌈long side / 2^k⌉ overlapping by a quarter, for k = 1 … <c>levels</c> while the tiles stay at
/// least twice the model's input size (a smaller photo is never tiled).
/// </summary>
internal static class DetectionTiles
{
    /// <summary>Fraction of a tile shared with its neighbour.</summary>
    public const float Overlap = 0.25f;

    /// <summary>The whole photo first, then the tiles of each level (row by row).</summary>
    /// <param name="width">Photo width.</param>
    /// <param name="height">Photo height.</param>
    /// <param name="inputSize">The model's input side; tiles are never smaller than twice it.</param>
    /// <param name="levels">Most tile levels (0: the whole photo only).</param>
    public static IReadOnlyList<SKRectI> For(int width, int height, int inputSize, int levels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(levels);
        var regions = new List<SKRectI> { SKRectI.Create(0, 0, width, height) };
        int longer = Math.Max(width, height);
        for (int level = 1; level <= levels; level++)
        {
            int side = (longer + (1 << level) - 1) >> level;
            if (side < 2 * inputSize)
            {
                break;
            }

            int tileWidth = Math.Min(side, width);
            int tileHeight = Math.Min(side, height);
            foreach (int top in Starts(height, tileHeight))
            {
                foreach (int left in Starts(width, tileWidth))
                {
                    regions.Add(SKRectI.Create(left, top, tileWidth, tileHeight));
                }
            }
        }

        return regions;
    }

    /// <summary>Evenly spaced starts covering <paramref name="length"/> with tiles overlapping by at least <see cref="Overlap"/>.</summary>
    private static IEnumerable<int> Starts(int length, int tile)
    {
        if (tile >= length)
        {
            yield return 0;
            yield break;
        }

        float step = tile * (1 - Overlap);
        int count = (int)MathF.Ceiling((length - tile) / step) + 1;
        for (int i = 0; i < count; i++)
        {
            yield return (int)MathF.Round((float)(length - tile) * i / (count - 1));
        }
    }
}
