using System.Globalization;
using System.Text.Json.Nodes;
using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Training;

namespace FaceMask.Tests.Support;

/// <summary>
/// A seed5 model trained for two epochs on generated images (three classes, 32 px) and copies of it whose
/// <c>model.json</c> carries a <c>calibration</c> section: same weights, so a copy's answers can be compared with the
/// plain model's.
/// </summary>
public sealed class CalibratedModelFixture : IDisposable
{
    private readonly TempDirectory temp = new();

    public CalibratedModelFixture()
    {
        Data = SyntheticDataset.Create(temp["data"], classes: 3, perClass: 12, side: 32, seed: 5);
        var loaded = DatasetLoader.Load(Data, new DatasetLoadOptions { Size = 32, UseCache = false });
        var options = new ExperimentOptions { Training = new TrainingOptions { Epochs = 2, BatchSize = 16, Threads = 1, Seed = 1 } };
        using var result = HoldoutProtocol.Run(loaded, options, 0.3);
        PlainModel = temp["plain"];
        ModelStore.Save(result.Model!, PlainModel);
        Images = [.. Enumerable.Range(0, 3).SelectMany(c => Enumerable.Range(0, 4).Select(i => Path.Combine(Data, $"class{c}", $"img{i:D3}.png")))];
    }

    /// <summary>The generated dataset (class0…class2).</summary>
    public string Data { get; }

    /// <summary>The model without a calibration section.</summary>
    public string PlainModel { get; }

    /// <summary>Twelve of the images, four per class.</summary>
    public IReadOnlyList<string> Images { get; }

    /// <summary>A copy of the model (in a new folder) whose manifest has the given calibration.</summary>
    public string Calibrated(double temperature, double unsureBelow) =>
        Copy(new JsonObject { ["temperature"] = temperature, ["unsure_below"] = unsureBelow, ["fitted_on"] = "a test" });

    /// <summary>A copy of the model whose calibration is a prior correction with the given training shares (class0…class2), temperature 1, never unsure.</summary>
    public string PriorCorrected(double strength, params double[] shares)
    {
        var json = new JsonObject { ["temperature"] = 1.0, ["unsure_below"] = 0.0, ["prior_correction"] = strength, ["fitted_on"] = "a test" };
        var map = new JsonObject();
        for (int c = 0; c < shares.Length; c++)
        {
            map[$"class{c}"] = shares[c];
        }

        json["class_shares"] = map;
        return Copy(json);
    }

    private string Copy(JsonObject calibration)
    {
        string folder = temp[string.Create(CultureInfo.InvariantCulture, $"calibrated-{Guid.NewGuid():N}")];
        Directory.CreateDirectory(folder);
        foreach (string file in Directory.GetFiles(PlainModel))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        string manifest = Path.Combine(folder, ModelStore.ManifestFile);
        JsonNode json = JsonNode.Parse(File.ReadAllText(manifest))!;
        json["calibration"] = calibration;
        File.WriteAllText(manifest, json.ToJsonString());
        return folder;
    }

    public void Dispose() => temp.Dispose();
}
