using FaceMask.Detection;
using Xunit;

namespace FaceMask.Tests.Detection;

public sealed class SsdAnchorsTests
{
    [Fact]
    public void FrontModelHas896AnchorsOnA16And8Grid()
    {
        SsdAnchor[] anchors = SsdAnchors.Generate(128, [8, 16, 16, 16]);
        Assert.Equal((16 * 16 * 2) + (8 * 8 * 6), anchors.Length);
        Assert.All(anchors, a => Assert.Equal((1f, 1f), (a.Width, a.Height)));

        // stride 8: two anchors per cell of a 16×16 grid, centred (offset 0.5)
        Assert.Equal(new SsdAnchor(0.5f / 16, 0.5f / 16, 1, 1), anchors[0]);
        Assert.Equal(anchors[0], anchors[1]);
        Assert.Equal(new SsdAnchor(1.5f / 16, 0.5f / 16, 1, 1), anchors[2]);
        Assert.Equal(new SsdAnchor(15.5f / 16, 15.5f / 16, 1, 1), anchors[511]);

        // the three stride-16 layers share an 8×8 grid: six anchors per cell
        Assert.Equal(new SsdAnchor(0.5f / 8, 0.5f / 8, 1, 1), anchors[512]);
        Assert.Equal(anchors[512], anchors[517]);
        Assert.Equal(new SsdAnchor(1.5f / 8, 0.5f / 8, 1, 1), anchors[518]);
        Assert.Equal(new SsdAnchor(7.5f / 8, 7.5f / 8, 1, 1), anchors[^1]);
    }

    [Fact]
    public void BackModelHasTheSameLayoutAtTwiceTheStride()
    {
        SsdAnchor[] back = SsdAnchors.Generate(256, [16, 32, 32, 32]);
        SsdAnchor[] front = SsdAnchors.Generate(128, [8, 16, 16, 16]);
        Assert.Equal(896, back.Length);
        Assert.Equal(front, back);
    }

    [Fact]
    public void PartialCellsRoundUp()
    {
        // 100 px at stride 32: ⌈100/32⌉ = 4 cells per side, one layer of two anchors
        SsdAnchor[] anchors = SsdAnchors.Generate(100, [32]);
        Assert.Equal(4 * 4 * 2, anchors.Length);
        Assert.Equal(0.125f, anchors[0].X);
        Assert.Equal(0.875f, anchors[^1].Y);
    }
}
