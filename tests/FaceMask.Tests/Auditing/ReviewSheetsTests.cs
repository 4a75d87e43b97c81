using FaceMask.Auditing;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Auditing;

public sealed class ReviewSheetsTests
{
    [Fact]
    public void LaysTheItemsOutOnNumberedSheetsAndCrossesOutMissingImages()
    {
        using var temp = new TempDirectory();
        var items = new List<AuditItem>();
        for (int i = 1; i <= 11; i++)
        {
            string path = $"a/{i}.png";
            if (i != 7)
            {
                temp.Write("data/" + path, Solid(i == 1 ? SKColors.Red : SKColors.Blue, i == 1 ? 20 : 40, 30));
            }

            items.Add(new AuditItem(i, path, "a", "a", AuditStratum.Agreement));
        }

        var plan = new AuditPlan
        {
            Run = "run",
            Labels = ["a"],
            Populations = [new(AuditStratum.Agreement, 11, 11)],
            Confusion = [[11]],
            Items = items,
        };
        var sheets = ReviewSheets.Write(plan, temp["data"], temp["audit"], new ReviewSheetLayout { Columns = 3, Rows = 2, Cell = 64 });

        Assert.Equal(2, sheets.Files.Count);
        Assert.Equal(["a/7.png"], sheets.Missing);
        using (var first = SKBitmap.Decode(sheets.Files[0]))
        {
            Assert.Equal((3 * 70) + 6, first.Width);
            Assert.Equal((2 * (64 + 30 + 6)) + 6, first.Height);

            // Item 1 (20×30, red) is enlarged to fill its cell's height: its centre is red.
            Assert.Equal(SKColors.Red, first.GetPixel(6 + 32, 6 + 32));
            Assert.Equal(SKColors.Blue, first.GetPixel(6 + 70 + 32, 6 + 32));
        }

        using var second = SKBitmap.Decode(sheets.Files[1]);
        Assert.Equal((3 * 70) + 6, second.Width); // items 7–11: two rows
        Assert.Equal((2 * (64 + 30 + 6)) + 6, second.Height);
        Assert.EndsWith("sheet-002.png", sheets.Files[1], StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAbsurdLayouts()
    {
        Assert.Throws<FaceMaskException>(() => new ReviewSheetLayout { Columns = 0 }.Validate());
        Assert.Throws<FaceMaskException>(() => new ReviewSheetLayout { Cell = 8 }.Validate());
    }

    private static byte[] Solid(SKColor colour, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
