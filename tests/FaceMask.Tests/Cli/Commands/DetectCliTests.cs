using System.Text.Json;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Cli.Commands;

public sealed class DetectCliTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string model;
    private readonly string photo;

    public DetectCliTests()
    {
        model = DetectionFixture.SaveTinyModel(temp["model"]);
        photo = temp.Write("photos/flat.png", DetectionFixture.FlatPng(120, 90, new SKColor(200, 180, 40)));
    }

    public void Dispose() => temp.Dispose();

    [DetectorFact]
    public void DataFacesWritesACopyAndPrintsItsTable()
    {
        temp.Write("data/a/one.png", DetectionFixture.FlatPng(64, 64, SKColors.Gray));
        temp.Write("data/b/two.png", DetectionFixture.FlatPng(64, 48, SKColors.White));
        var (code, output) = CliRunner.Run("data", "faces", "--data", temp["data"], "--out", temp["faces"]);
        Assert.Equal(0, code);
        Assert.Contains("copied whole", output, StringComparison.Ordinal);
        Assert.Contains("Cropping faces: 1/2", output, StringComparison.Ordinal);
        Assert.Contains("faces.csv", output, StringComparison.Ordinal);
        Assert.True(File.Exists(temp["faces/a/one.png"]));

        var (again, error) = CliRunner.Run("data", "faces", "--data", temp["data"], "--out", temp["faces"]);
        Assert.Equal(2, again);
        Assert.Contains("not empty", error, StringComparison.Ordinal);
        var (missing, usage) = CliRunner.Run("data", "faces", "--data", temp["data"]);
        Assert.Equal(2, missing);
        Assert.Contains("--out", usage, StringComparison.Ordinal);
    }

    [DetectorFact]
    public void TablePrintsTheWholeImageRow()
    {
        var (code, output) = CliRunner.Run("detect", photo, "--model", model);
        Assert.Equal(0, code);
        Assert.Contains("flat.png", output, StringComparison.Ordinal);
        Assert.Contains("none found: whole image", output, StringComparison.Ordinal);
    }

    [DetectorFact]
    public void JsonIsAnObjectWithAFacesArray()
    {
        var (code, output) = CliRunner.Run("detect", photo, "--model", model, "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(120, root.GetProperty("width").GetInt32());
        Assert.Equal(90, root.GetProperty("height").GetInt32());
        Assert.True(root.GetProperty("wholeImage").GetBoolean());
        Assert.StartsWith("seed4-", root.GetProperty("model").GetString(), StringComparison.Ordinal);
        JsonElement face = Assert.Single(root.GetProperty("faces").EnumerateArray());
        Assert.Equal(120, face.GetProperty("box").GetProperty("width").GetSingle());
        Assert.Equal(JsonValueKind.Null, face.GetProperty("detectorScore").ValueKind);
        Assert.Contains(face.GetProperty("label").GetString(), new[] { "a", "b", "c" });
        Assert.Equal(3, face.GetProperty("probabilities").EnumerateObject().Count());
    }

    [DetectorFact]
    public void JsonForSeveralPhotosIsAnArray()
    {
        temp.Write("photos/second.png", DetectionFixture.FlatPng(50, 70, SKColors.Teal));
        var (code, output) = CliRunner.Run("detect", temp["photos"], "--model", model, "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(2, doc.RootElement.GetArrayLength());
    }

    [DetectorFact]
    public void AnnotateWritesAPngAndRefusesToOverwriteIt()
    {
        string outDir = temp["annotated"];
        var (code, _) = CliRunner.Run("detect", photo, "--model", model, "--annotate", outDir);
        Assert.Equal(0, code);
        string written = Path.Combine(outDir, "flat.annotated.png");
        using (var png = SKBitmap.Decode(written))
        {
            Assert.Equal((120, 90), (png.Width, png.Height));
            Assert.NotEqual(new SKColor(200, 180, 40), png.GetPixel(3, 3)); // the label tag, top left
            Assert.Equal(new SKColor(200, 180, 40), png.GetPixel(110, 80));
        }

        DateTime before = File.GetLastWriteTimeUtc(written);
        var (again, output) = CliRunner.Run("detect", photo, "--model", model, "--annotate", outDir);
        Assert.Equal(2, again);
        Assert.Contains("already exists", output, StringComparison.Ordinal);
        Assert.Equal(before, File.GetLastWriteTimeUtc(written));

        var (forced, _) = CliRunner.Run("detect", photo, "--model", model, "--annotate", outDir, "--overwrite");
        Assert.Equal(0, forced);
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp"));
    }

    [DetectorFact]
    public void UnreadablePhotoIsReportedAndExitsWithTwo()
    {
        string bad = temp.Write("photos/bad.jpg", "not a jpeg"u8.ToArray());
        var (code, output) = CliRunner.Run("detect", bad, "--model", model);
        Assert.Equal(2, code);
        Assert.Contains("not an image", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BadThresholdIsRefused()
    {
        var (code, output) = CliRunner.Run("detect", photo, "--model", model, "--threshold", "2");
        Assert.Equal(2, code);
        Assert.Contains("threshold", output, StringComparison.Ordinal);
    }
}
