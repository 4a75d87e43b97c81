using FaceMask.Detection;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Detection;

public sealed class DetectionTilesTests
{
    [Fact]
    public void SmallPhotoIsOnlyDetectedWhole()
    {
        Assert.Equal([SKRectI.Create(0, 0, 500, 300)], DetectionTiles.For(500, 300, 128, 2));
        Assert.Single(DetectionTiles.For(4000, 3000, 128, 0));
    }

    [Fact]
    public void LargePhotoGetsOverlappingTilesCoveringIt()
    {
        // 1600×900 at 128: level 1 tiles of 800 (2×2... 3×2 with the overlap), level 2 tiles of 400
        IReadOnlyList<SKRectI> regions = DetectionTiles.For(1600, 900, 128, 2);
        Assert.Equal(SKRectI.Create(0, 0, 1600, 900), regions[0]);
        var level1 = regions.Where(r => r.Width == 800).ToList();
        var level2 = regions.Where(r => r.Width == 400).ToList();
        Assert.Equal(regions.Count - 1, level1.Count + level2.Count);
        Assert.All(level1, r => Assert.Equal(800, r.Height));
        Assert.All(regions, r => Assert.True(r.Left >= 0 && r.Top >= 0 && r.Right <= 1600 && r.Bottom <= 900, r.ToString()));
        foreach (var level in new[] { level1, level2 })
        {
            Assert.Contains(level, r => r.Left == 0 && r.Top == 0);
            Assert.Contains(level, r => r.Right == 1600 && r.Bottom == 900);

            // neighbours in a row overlap by at least a quarter of a tile
            var row = level.Where(r => r.Top == 0).OrderBy(r => r.Left).ToList();
            for (int i = 1; i < row.Count; i++)
            {
                Assert.True(row[i - 1].Right - row[i].Left >= row[i].Width / 4, $"{row[i - 1]} and {row[i]}");
            }
        }
    }

    [Fact]
    public void TilesStopAtTwiceTheInputSize()
    {
        // 600 px: level 1 would be 300 < 2 × 256 for the back model, so no tiles; the front model (128) gets one level
        Assert.Single(DetectionTiles.For(600, 600, 256, 3));
        Assert.All(DetectionTiles.For(600, 600, 128, 3).Skip(1), r => Assert.Equal(300, r.Width));
    }
}
