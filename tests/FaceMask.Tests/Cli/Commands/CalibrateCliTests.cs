using System.Text.Json;
using FaceMask.Calibration;
using FaceMask.Models;
using FaceMask.Reporting;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Cli.Commands;

/// <summary>
/// <c>facemask calibrate</c> end to end: a tiny seed5 model trained with a test split on generated images, its
/// report.json's calibration section, and the calibrated copy of its model folder.
/// </summary>
public sealed class CalibrateCliTests(CalibrateCliTests.TrainedRun fixture) : IClassFixture<CalibrateCliTests.TrainedRun>, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _run = fixture.Run;

    private string ModelDir => Path.Combine(_run, RunRecorder.ModelFolder);

    public void Dispose() => _temp.Dispose();

    /// <summary>The run every test reads (and none changes): train with a 30 % test split on 3 × 20 generated images.</summary>
    public sealed class TrainedRun : IDisposable
    {
        private readonly TempDirectory _temp = new();

        public TrainedRun()
        {
            string data = SyntheticDataset.Create(_temp["data"], classes: 3, perClass: 20, side: 20, seed: 5);
            Data = data;
            Run = _temp["run"];
            var (code, output) = CliRunner.Run("train", "--data", data, "--size", "16", "--epochs", "2", "--threads", "1", "--test-split", "0.3", "--out", Run, "--cache", _temp["cache"]);
            Assert.True(code == 0, output);
        }

        public string Run { get; }

        public string Data { get; }

        public void Dispose() => _temp.Dispose();
    }

    [Fact]
    public void ReportJsonOfTheRunHasACalibrationSection()
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run, "report.json")));
        var root = report.RootElement;
        var calibration = root.GetProperty("calibration");
        int tested = root.GetProperty("test").GetProperty("support").GetInt32();

        Assert.Equal(tested, calibration.GetProperty("n").GetInt32());
        Assert.False(calibration.GetProperty("cross_fitted").GetBoolean());
        Assert.True(calibration.GetProperty("temperature").GetDouble() > 0);
        foreach (string field in new[] { "ece", "ece_calibrated", "nll", "nll_calibrated", "brier", "brier_calibrated" })
        {
            Assert.True(calibration.GetProperty(field).GetDouble() >= 0, field);
        }

        Assert.Equal(15, calibration.GetProperty("bins").GetArrayLength());
        Assert.Equal(15, calibration.GetProperty("bins_calibrated").GetArrayLength());
        Assert.Equal(tested, calibration.GetProperty("bins").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()));
        var last = calibration.GetProperty("risk_coverage").EnumerateArray().Last();
        Assert.Equal(1.0, last.GetProperty("coverage").GetDouble());
        Assert.Equal(root.GetProperty("accuracy").GetDouble(), last.GetProperty("accuracy").GetDouble(), 9);
        Assert.Equal(0.95, calibration.GetProperty("target_accuracy").GetDouble());
        Assert.True(calibration.TryGetProperty("unsure_below", out _), "unsure_below is written even when null");

        // the round trip through RunReport keeps it, and report.md and report.html show it
        Assert.Equal(calibration.GetProperty("temperature").GetDouble(), ReportJson.Read(_run).Calibration!.Temperature);
        Assert.Contains("## Calibration", File.ReadAllText(Path.Combine(_run, "report.md")), StringComparison.Ordinal);
        Assert.Contains("id=\"calibration\"", File.ReadAllText(Path.Combine(_run, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void CalibrateWritesACalibratedCopyThatLoads()
    {
        string output = _temp["calibrated"];
        var (code, text) = CliRunner.Run("calibrate", "--model", ModelDir, "--run", _run, "--out", output, "--target-accuracy", "0.9");
        Assert.True(code == 0, text);

        var (_, rows) = PredictionsCsvReader.Read(_run);
        double expected = TemperatureScaling.Fit(rows);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, ModelStore.ManifestFile)));
        var calibration = json.RootElement.GetProperty("calibration");
        Assert.Equal(expected, calibration.GetProperty("temperature").GetDouble());
        Assert.Contains(Path.GetFullPath(_run), calibration.GetProperty("fitted_on").GetString(), StringComparison.Ordinal);
        Assert.Contains("hold-out", calibration.GetProperty("fitted_on").GetString(), StringComparison.Ordinal);

        // printed: T, ECE and NLL before and after, the threshold or why there is none
        Assert.Contains($"T = {expected.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}", text, StringComparison.Ordinal);
        Assert.Contains("ECE (15 bins): ", text, StringComparison.Ordinal);
        Assert.Contains("NLL: ", text, StringComparison.Ordinal);
        Assert.Matches("Unsure below [0-9.]+: coverage|not reached at any threshold", text);

        // the weights are copied byte for byte and the manifest is otherwise the model's
        Assert.Equal(File.ReadAllBytes(Path.Combine(ModelDir, "weights.bin")), File.ReadAllBytes(Path.Combine(output, "weights.bin")));
        var original = ModelStore.ReadManifest(ModelDir);
        using var model = ModelStore.Load(output);
        Assert.Equal(original.WeightsSha256, model.Manifest.WeightsSha256);
        Assert.Equal(original.Classes, model.Manifest.Classes);
        Assert.Equal(expected, model.Manifest.Calibration!.Temperature);
        Assert.Null(original.Calibration);

        // the generated model card is copied with a calibration section
        string card = File.ReadAllText(Path.Combine(output, ModelCardWriter.FileName));
        Assert.Contains("## Calibration", card, StringComparison.Ordinal);
        Assert.DoesNotContain("The probabilities are not calibrated", card, StringComparison.Ordinal);
        Assert.DoesNotContain("## Calibration", File.ReadAllText(Path.Combine(ModelDir, ModelCardWriter.FileName)), StringComparison.Ordinal);

        // calibrating the calibrated copy again says so and replaces the card's section instead of adding a second
        string again = _temp["again"];
        (code, text) = CliRunner.Run("calibrate", "--model", output, "--run", _run, "--out", again);
        Assert.True(code == 0, text);
        Assert.Contains("was already calibrated", text, StringComparison.Ordinal);
        string card2 = File.ReadAllText(Path.Combine(again, ModelCardWriter.FileName));
        Assert.Single(card2.Split('\n'), line => line == "## Calibration");
        Assert.Single(card2.Split('\n'), line => line.StartsWith("- The probabilities are temperature-scaled", StringComparison.Ordinal));
    }

    [Fact]
    public void PriorCorrection_IsStoredWithTheModelsTrainingShares()
    {
        var trained = ModelStore.ReadManifest(ModelDir);
        var counts = trained.TrainingCounts!;
        Assert.Equal(42, counts.Values.Sum()); // 3 × 20 images, 30 % held out: train records what it trained on
        Assert.All(counts.Values, n => Assert.Equal(14, n));

        string output = _temp["corrected"];
        var (code, text) = CliRunner.Run("calibrate", "--model", ModelDir, "--run", _run, "--out", output, "--prior-correction", "0.5");
        Assert.True(code == 0, text);
        var calibration = ModelStore.ReadManifest(output).Calibration!;
        Assert.Equal(0.5, calibration.PriorCorrection);
        Assert.All(trained.Classes, c => Assert.Equal(counts[c] / 42.0, calibration.ClassShares![c], 12));
        Assert.Contains("Prior correction (strength 0.5, the model's training shares) on 18 held-out predictions: accuracy ", text, StringComparison.Ordinal);
        Assert.Contains("training class shares are divided out first", File.ReadAllText(Path.Combine(output, ModelCardWriter.FileName)), StringComparison.Ordinal);
        using var model = ModelStore.Load(output);
        Assert.Equal(0.5, FaceMask.Inference.CalibrationInEffect.For(model.Manifest).PriorCorrectionStrength);
    }

    [Fact]
    public void PriorCorrection_OfAModelWithoutTrainingCounts_AsksForTheTrainingData()
    {
        string old = CopyModel("old-model", json => json.Remove("training_counts"));

        var (code, text) = CliRunner.Run("calibrate", "--model", old, "--run", _run, "--out", _temp["refused"], "--prior-correction", "1");
        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(old, ModelStore.ManifestFile), text, StringComparison.Ordinal);
        Assert.Contains("--training-data", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp["refused"]));

        (code, text) = CliRunner.Run("calibrate", "--model", old, "--run", _run, "--out", _temp["counted"], "--prior-correction", "1", "--training-data", fixture.Data);
        Assert.True(code == 0, text);
        Assert.All(ModelStore.ReadManifest(_temp["counted"]).Calibration!.ClassShares!.Values, v => Assert.Equal(1 / 3.0, v, 12));
    }

    [Fact]
    public void EvaluateOfACorrectedModel_ReportsCorrectedAnswers_AndCalibrateTurnsThemBack()
    {
        // a copy of the model with uneven training shares in its calibration, so the correction changes something
        var manifest = ModelStore.ReadManifest(ModelDir);
        var shares = new Dictionary<string, double> { [manifest.Classes[0]] = 0.6, [manifest.Classes[1]] = 0.3, [manifest.Classes[2]] = 0.1 };
        var settings = new CalibrationSettings { Temperature = 1, PriorCorrection = 1, ClassShares = shares };
        string corrected = CopyModel("uneven", json => json["calibration"] = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(settings, ModelStore.JsonOptions)));

        string plainRun = _temp["eval-plain"], correctedRun = _temp["eval-corrected"];
        var (code, text) = CliRunner.Run("evaluate", "--model", ModelDir, "--data", fixture.Data, "--out", plainRun, "--cache", _temp["cache"]);
        Assert.True(code == 0, text);
        (code, text) = CliRunner.Run("evaluate", "--model", corrected, "--data", fixture.Data, "--out", correctedRun, "--cache", _temp["cache"]);
        Assert.True(code == 0, text);
        Assert.Contains("prior correction", File.ReadAllText(Path.Combine(correctedRun, "report.md")), StringComparison.Ordinal);

        var (_, plainRows) = PredictionsCsvReader.Read(plainRun);
        var (_, correctedRows) = PredictionsCsvReader.Read(correctedRun);
        double[] order = [.. manifest.Classes.Select(c => shares[c])];
        for (int i = 0; i < plainRows.Count; i++)
        {
            Assert.Equal(plainRows[i].Path, correctedRows[i].Path);
            float[] expected = PriorCorrection.Apply(plainRows[i].Probabilities, order, 1);
            Assert.All(expected.Zip(correctedRows[i].Probabilities), x => Assert.Equal(x.First, x.Second, 1e-5));
            Assert.Equal(Array.IndexOf(expected, expected.Max()), correctedRows[i].Predicted);
        }

        // calibrating on the corrected model's run fits the network's own probabilities, as on the plain run
        (code, text) = CliRunner.Run("calibrate", "--model", ModelDir, "--run", correctedRun, "--out", _temp["from-corrected"]);
        Assert.True(code == 0, text);
        Assert.Contains("turned back into the network's own", text, StringComparison.Ordinal);
        Assert.Equal(TemperatureScaling.Fit(plainRows), ModelStore.ReadManifest(_temp["from-corrected"]).Calibration!.Temperature, 3);
    }

    [Fact]
    public void AnExistingOutputIsRefusedUnlessOverwrite()
    {
        string output = _temp["taken"];
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "mine.txt"), "keep me");

        var (code, text) = CliRunner.Run("calibrate", "--model", ModelDir, "--run", _run, "--out", output);
        Assert.Equal(2, code);
        Assert.Contains("exists and is not empty", text, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(output, "mine.txt")));

        (code, text) = CliRunner.Run("calibrate", "--model", ModelDir, "--run", _run, "--out", output, "--overwrite");
        Assert.True(code == 0, text);
        Assert.False(File.Exists(Path.Combine(output, "mine.txt")));
        Assert.NotNull(ModelStore.ReadManifest(output).Calibration);
    }

    [Fact]
    public void TheModelFolderItselfAndBadInputsAreRefused()
    {
        byte[] before = File.ReadAllBytes(Path.Combine(ModelDir, ModelStore.ManifestFile));
        var (code, text) = CliRunner.Run("calibrate", "--model", ModelDir, "--run", _run, "--out", ModelDir + "/", "--overwrite");
        Assert.Equal(2, code);
        Assert.Contains("another folder than the model itself", text, StringComparison.Ordinal);
        (code, text) = CliRunner.Run("calibrate", "--model", ModelDir, "--run", _run, "--out", _run, "--overwrite");
        Assert.Equal(2, code);
        Assert.Contains("holds the model folder", text, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(ModelDir, ModelStore.ManifestFile)));

        (code, text) = CliRunner.Run("calibrate", "--model", ModelDir, "--run", _run, "--out", _temp["x"], "--target-accuracy", "1.5");
        Assert.Equal(2, code);
        Assert.Contains("--target-accuracy", text, StringComparison.Ordinal);

        // a run of other classes
        string other = _temp["other-run"];
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, PredictionsCsvReader.FileName), "path,true,pred,p_a,p_b\nx.png,a,a,0.9,0.1\n");
        (code, text) = CliRunner.Run("calibrate", "--model", ModelDir, "--run", other, "--out", _temp["y"]);
        Assert.Equal(2, code);
        Assert.Contains(PredictionsCsvReader.FileName, text, StringComparison.Ordinal);
        Assert.Contains("are not the model's", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp["y"]));
    }

    // A copy of the trained model in a new folder, its model.json changed by edit.
    private string CopyModel(string name, Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        string folder = _temp[name];
        Directory.CreateDirectory(folder);
        foreach (string file in Directory.GetFiles(ModelDir))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder, ModelStore.ManifestFile)))!.AsObject();
        edit(json);
        File.WriteAllText(Path.Combine(folder, ModelStore.ManifestFile), json.ToJsonString());
        return folder;
    }
}
