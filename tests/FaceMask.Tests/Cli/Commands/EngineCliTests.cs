using System.Text.Json;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Cli.Commands;

/// <summary><c>--engine</c> of detect, video and serve: the network in libtorch or in ONNX Runtime, with the same answers.</summary>
public sealed class EngineCliTests(CalibratedModelFixture models) : IClassFixture<CalibratedModelFixture>, IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("detect")]
    [InlineData("video")]
    [InlineData("serve")]
    public void UnknownEngine_IsRefused(string verb)
    {
        string[] args = verb == "serve"
            ? ["serve", "--model", models.PlainModel, "--urls", "http://127.0.0.1:0", "--engine", "cuda"]
            : [verb, models.Images[0], "--model", models.PlainModel, "--engine", "cuda"];
        var (code, output) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains("--engine: unknown inference engine 'cuda' (use torch or onnx)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_NamesTheDefault()
    {
        foreach (string verb in new[] { "serve", "detect", "video" })
        {
            string help = CliRunner.Run(verb, "--help").Output;
            Assert.Contains("--engine", help, StringComparison.Ordinal);
            Assert.Contains("(default onnx)", help, StringComparison.Ordinal);
        }
    }

    [DetectorFact]
    public void Detect_OnnxAndTorch_GiveTheSameAnswer()
    {
        string photo = temp.Write("flat.png", DetectionFixture.FlatPng(120, 90, new SKColor(60, 140, 200)));
        string model = models.PriorCorrected(1.0, 0.2, 0.3, 0.5);
        JsonElement torch = DetectFace("torch");
        JsonElement onnx = DetectFace("onnx");
        Assert.Equal(torch.GetProperty("label").GetString(), onnx.GetProperty("label").GetString());
        Assert.Equal(torch.GetProperty("unsure").GetBoolean(), onnx.GetProperty("unsure").GetBoolean());
        foreach (JsonProperty p in torch.GetProperty("probabilities").EnumerateObject())
        {
            Assert.Equal(p.Value.GetDouble(), onnx.GetProperty("probabilities").GetProperty(p.Name).GetDouble(), 1e-5);
        }

        JsonElement DetectFace(string engine)
        {
            var (exit, json) = CliRunner.Run("detect", photo, "--json", "--model", model, "--engine", engine);
            Assert.True(exit == 0, json);
            using var doc = JsonDocument.Parse(json);
            return Assert.Single(doc.RootElement.GetProperty("faces").EnumerateArray()).Clone();
        }
    }
}
