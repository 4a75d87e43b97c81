using System.Text.Json;
using FaceMask.Cli.Commands;
using FaceMask.Inference;
using FaceMask.Tests.Support;
using FaceMask.Web.Api;
using FaceMask.Web.Hosting;
using SkiaSharp;
using Xunit;
using static FaceMask.Tests.Web.ApiRequests;

namespace FaceMask.Tests.Web.Api;

/// <summary>The API's <c>unsure</c> field on every face and the calibration <c>GET /api/v1/model</c> reports.</summary>
public sealed class UnsureApiTests(CalibratedModelFixture models) : IClassFixture<CalibratedModelFixture>
{
    [Theory]
    [InlineData(1.0, true)]
    [InlineData(0.0, false)]
    public async Task FakeAnalyzer_FacesCarryUnsure_AndTheModelItsThreshold(double unsureBelow, bool unsure)
    {
        var analyzer = new FakePhotoAnalyzer { UnsureBelow = unsureBelow };
        await using var host = await WebHost.InMemoryAsync(analyzer);
        var (status, json) = await PostAsync(host.Client, Form(TestImages.Jpeg(64, 48, new SKColor(220, 30, 20)), "red.jpg"));

        Assert.Equal(200, status);
        JsonElement face = Assert.Single(json.GetProperty("faces").EnumerateArray());
        Assert.Equal(unsure, face.GetProperty("unsure").GetBoolean());
        Assert.Equal("red_mask", face.GetProperty("label").GetString()); // the best guess either way
        Assert.Equal(3, face.GetProperty("probabilities").EnumerateObject().Count());

        JsonElement calibration = await ModelCalibrationAsync(host);
        Assert.Equal(1.0, calibration.GetProperty("temperature").GetDouble());
        Assert.Equal(unsureBelow, calibration.GetProperty("unsureBelow").GetDouble());
    }

    [DetectorFact]
    public async Task RealAnalyzer_OnACalibratedModel_AnswersUnsure_AndReportsTheCalibrationServeSet()
    {
        string model = models.Calibrated(0.5, 1.0);
        byte[] photo = DetectionFixture.FlatPng(80, 60, new SKColor(40, 160, 90));

        using (PhotoAnalyzerPool pool = ServeCommand.OpenModel(new ServeCommand.Options { Model = model, Concurrency = 1 }, out ModelInfo info))
        {
            await using var host = await WebHost.InMemoryAsync(pool, model: info);
            var (status, json) = await PostAsync(host.Client, Raw(photo));
            Assert.Equal(200, status);
            JsonElement face = Assert.Single(json.GetProperty("faces").EnumerateArray());
            Assert.True(face.GetProperty("unsure").GetBoolean(), face.ToString());
            Assert.Contains(face.GetProperty("label").GetString(), pool.Classes);

            JsonElement calibration = await ModelCalibrationAsync(host);
            Assert.Equal(0.5, calibration.GetProperty("temperature").GetDouble());
            Assert.Equal(1.0, calibration.GetProperty("unsureBelow").GetDouble());
            Assert.Equal("onnx", info.Engine); // serve's default
        }

        using (PhotoAnalyzerPool pool = ServeCommand.OpenModel(new ServeCommand.Options { Model = model, Concurrency = 1, UnsureBelow = 0.0, Engine = "torch" }, out ModelInfo info))
        {
            await using var host = await WebHost.InMemoryAsync(pool, model: info);
            var (_, json) = await PostAsync(host.Client, Raw(photo));
            Assert.False(json.GetProperty("faces")[0].GetProperty("unsure").GetBoolean());
            JsonElement calibration = await ModelCalibrationAsync(host);
            Assert.Equal(0.5, calibration.GetProperty("temperature").GetDouble());
            Assert.Equal(0.0, calibration.GetProperty("unsureBelow").GetDouble());
            using HttpResponseMessage response = await host.Client.GetAsync("api/v1/model");
            Assert.Equal("torch", (await ReadAsync(response)).Json.GetProperty("engine").GetString());
        }
    }

    [DetectorFact]
    public void Serve_OnAnUncalibratedModel_ReportsTemperatureOneAndNoThreshold()
    {
        using PhotoAnalyzerPool pool = ServeCommand.OpenModel(new ServeCommand.Options { Model = models.PlainModel, Concurrency = 2 }, out ModelInfo info);
        Assert.Equal(CalibrationInEffect.None, info.Calibration);
        Assert.Equal(2, pool.Size);
        Assert.False(Assert.Single(pool.Analyze(DetectionFixture.FlatPng(80, 60, SKColors.Teal), "flat.png").Faces).Unsure);
    }

    private static async Task<JsonElement> ModelCalibrationAsync(WebHost host)
    {
        using HttpResponseMessage response = await host.Client.GetAsync("api/v1/model");
        var (status, json) = await ReadAsync(response);
        Assert.Equal(200, status);
        return json.GetProperty("calibration");
    }
}
