using System.Text.Json;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Cli.Commands;

/// <summary><c>--unsure-below</c> and the <c>unsure</c> field of predict and detect (serve: <c>UnsureApiTests</c>).</summary>
public sealed class UnsureCliTests(CalibratedModelFixture models) : IClassFixture<CalibratedModelFixture>, IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void PredictJson_CarriesUnsure_FromTheModel_OrTheOption()
    {
        string model = models.Calibrated(1.0, 1.0);
        JsonElement[] all = PredictJson("--model", model);
        Assert.Equal(models.Images.Count, all.Length);
        Assert.All(all, item => Assert.True(item.GetProperty("unsure").GetBoolean(), item.ToString()));
        Assert.All(all, item => Assert.Contains(item.GetProperty("label").GetString(), new[] { "class0", "class1", "class2" }));

        JsonElement[] none = PredictJson("--model", model, "--unsure-below", "0");
        Assert.All(none, item => Assert.False(item.GetProperty("unsure").GetBoolean(), item.ToString()));
        Assert.Equal(all.Select(i => i.GetProperty("label").GetString()), none.Select(i => i.GetProperty("label").GetString()));

        Assert.All(PredictJson("--model", models.PlainModel), item => Assert.False(item.GetProperty("unsure").GetBoolean()));
        Assert.All(PredictJson("--model", models.PlainModel, "--unsure-below", "1"), item => Assert.True(item.GetProperty("unsure").GetBoolean()));
    }

    [Fact]
    public void PredictJson_ProbabilitiesAreTheCalibratedOnes()
    {
        JsonElement plain = PredictJson("--model", models.PlainModel)[0];
        JsonElement sharp = PredictJson("--model", models.Calibrated(0.25, 0.0))[0];
        string label = plain.GetProperty("label").GetString()!;
        Assert.Equal(label, sharp.GetProperty("label").GetString());
        string[] classes = ["class0", "class1", "class2"];
        float[] raw = [.. classes.Select(c => plain.GetProperty("probabilities").GetProperty(c).GetSingle())];
        float[] expected = FaceMask.Models.CalibrationSettings.Scale(raw, 0.25);
        for (int c = 0; c < classes.Length; c++)
        {
            Assert.Equal(expected[c], sharp.GetProperty("probabilities").GetProperty(classes[c]).GetSingle(), 1e-6);
        }

        Assert.True(sharp.GetProperty("probabilities").GetProperty(label).GetSingle() > raw[Array.IndexOf(classes, label)] + 1e-3);
    }

    [Fact]
    public void PredictCsv_HasAnUnsureColumn()
    {
        string model = models.Calibrated(1.0, 1.0);
        string[] lines = PredictCsv("--model", model);
        Assert.Equal("path,pred,unsure,p_class0,p_class1,p_class2,error", lines[0]);
        Assert.Equal(models.Images.Count, lines.Length - 1);
        Assert.All(lines.Skip(1), line => Assert.Equal("true", line.Split(',')[2]));
        Assert.All(PredictCsv("--model", model, "--unsure-below", "0").Skip(1), line => Assert.Equal("false", line.Split(',')[2]));
    }

    [Fact]
    public void PredictTable_ShowsUnsureWithTheBestGuess_AndCountsThem()
    {
        var (code, output) = CliRunner.Run("predict", "--model", models.Calibrated(1.0, 1.0), models.Images[0], models.Images[5]);
        Assert.True(code == 0, output);
        Assert.Matches(@"unsure \(class\d \d+ %\)", output);
        Assert.Contains("2 of 2 answers unsure (calibrated top probability below 1)", output, StringComparison.Ordinal);

        (code, output) = CliRunner.Run("predict", "--model", models.PlainModel, models.Images[0]);
        Assert.True(code == 0, output);
        Assert.DoesNotContain("unsure", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("predict")]
    [InlineData("detect")]
    [InlineData("serve")]
    public void UnsureBelowOutsideZeroToOne_IsRefused(string verb)
    {
        string[] args = verb == "serve"
            ? ["serve", "--model", models.PlainModel, "--urls", "http://127.0.0.1:0", "--unsure-below", "1.5"]
            : [verb, "--model", models.PlainModel, models.Images[0], "--unsure-below", "1.5"];
        var (code, output) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains("--unsure-below must be between 0 and 1 (0 = never unsure), got 1.5", output, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpNamesTheDefault()
    {
        foreach (string verb in new[] { "predict", "detect", "serve" })
        {
            var (_, output) = CliRunner.Run(verb, "--help");
            Assert.Contains("--unsure-below", output, StringComparison.Ordinal);
            Assert.Contains("model.json", output, StringComparison.Ordinal);
        }
    }

    [DetectorFact]
    public void DetectJson_EachFaceCarriesUnsure()
    {
        string photo = temp.Write("flat.png", DetectionFixture.FlatPng(120, 90, new SKColor(200, 180, 40)));
        string model = models.Calibrated(1.0, 1.0);

        JsonElement face = DetectFace("--model", model);
        Assert.True(face.GetProperty("unsure").GetBoolean());
        Assert.Contains(face.GetProperty("label").GetString(), new[] { "class0", "class1", "class2" });
        Assert.False(DetectFace("--model", model, "--unsure-below", "0").GetProperty("unsure").GetBoolean());
        Assert.False(DetectFace("--model", models.PlainModel).GetProperty("unsure").GetBoolean());

        var (code, output) = CliRunner.Run("detect", photo, "--model", model);
        Assert.True(code == 0, output);
        Assert.Matches(@"unsure \(class\d \d+ %\)", output);
        Assert.Contains("1 of 1 answer unsure", output, StringComparison.Ordinal);

        JsonElement DetectFace(params string[] options)
        {
            var (exit, json) = CliRunner.Run(["detect", photo, "--json", .. options]);
            Assert.True(exit == 0, json);
            using var doc = JsonDocument.Parse(json);
            return Assert.Single(doc.RootElement.GetProperty("faces").EnumerateArray()).Clone();
        }
    }

    [DetectorFact]
    public void DetectAnnotate_DrawsAnUnsureFaceGreyAndLabelledUnsure()
    {
        var background = new SKColor(200, 180, 40);
        string photo = temp.Write("flat.png", DetectionFixture.FlatPng(480, 90, background));
        var (code, output) = CliRunner.Run("detect", photo, "--model", models.Calibrated(1.0, 1.0), "--annotate", temp["sure-not"]);
        Assert.True(code == 0, output);
        (code, output) = CliRunner.Run("detect", photo, "--model", models.PlainModel, "--annotate", temp["sure"]);
        Assert.True(code == 0, output);

        using SKBitmap unsure = SKBitmap.Decode(Path.Combine(temp["sure-not"], "flat.annotated.png"));
        using SKBitmap sure = SKBitmap.Decode(Path.Combine(temp["sure"], "flat.annotated.png"));
        SKColor unsureTag = unsure.GetPixel(1, 1); // the whole-image tag's corner: grey at alpha 220 over the photo
        SKColor sureTag = sure.GetPixel(1, 1);
        Assert.True(Math.Abs(unsureTag.Red - unsureTag.Blue) < 40, $"the unsure tag is not grey: {unsureTag}");
        Assert.NotEqual(sureTag, unsureTag);
        int wideTag = Enumerable.Range(0, unsure.Width).Last(x => unsure.GetPixel(x, 3) != background);
        int narrowTag = Enumerable.Range(0, sure.Width).Last(x => sure.GetPixel(x, 3) != background);
        Assert.True(wideTag > narrowTag, $"the unsure tag ({wideTag} px) is not longer than the plain one ({narrowTag} px): it says \"unsure (…)\"");
    }

    private JsonElement[] PredictJson(params string[] options)
    {
        var (code, output) = CliRunner.Run(["predict", "--json", .. options, .. models.Images]);
        Assert.True(code == 0, output);
        using var doc = JsonDocument.Parse(output);
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private string[] PredictCsv(params string[] options)
    {
        var (code, output) = CliRunner.Run(["predict", "--csv", .. options, .. models.Images]);
        Assert.True(code == 0, output);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
