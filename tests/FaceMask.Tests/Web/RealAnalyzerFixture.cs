using FaceMask.Data;
using FaceMask.Detection;
using FaceMask.Features;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Tests.Support;
using FaceMask.Training;
using FaceMask.Web.Api;
using Xunit;

namespace FaceMask.Tests.Web;

/// <summary>
/// The real <see cref="PhotoAnalyzer"/> (BlazeFace + a classifier) for the real-photo tests: the default model shipped
/// under &lt;output&gt;/models/default when it is there, else a seed5 model trained in a second on generated images
/// (its classes are then class0…class2 — enough to check that boxes and labels come from the model).
/// </summary>
public sealed class RealAnalyzerFixture : IDisposable
{
    private readonly TempDirectory temp = new();

    public RealAnalyzerFixture()
    {
        if (RealPhotoFactAttribute.MissingReason() is not null)
        {
            return;
        }

        ModelDirectory = File.Exists(Path.Combine(ModelStore.DefaultModelDirectory, ModelStore.ManifestFile))
            ? ModelStore.DefaultModelDirectory
            : TrainSmallModel(temp);
        Analyzer = PhotoAnalyzer.Open(ModelDirectory);
        Model = ModelInfo.FromManifest(ModelStore.ReadManifest(ModelDirectory), Analyzer.ModelId, Analyzer.Calibration, Analyzer.Options.Engine);
    }

    public string? ModelDirectory { get; }

    public PhotoAnalyzer? Analyzer { get; }

    public ModelInfo? Model { get; }

    public void Dispose()
    {
        Analyzer?.Dispose();
        temp.Dispose();
    }

    private static string TrainSmallModel(TempDirectory temp)
    {
        string data = SyntheticDataset.Create(temp["data"], classes: 3, perClass: 12, side: 32, seed: 5);
        var loaded = DatasetLoader.Load(data, new DatasetLoadOptions { Size = 32, UseCache = false });
        var options = new ExperimentOptions { Training = new TrainingOptions { Epochs = 1, BatchSize = 16, Threads = 1, Seed = 1 } };
        using var result = HoldoutProtocol.Run(loaded, options, 0.3);
        ModelStore.Save(result.Model!, temp["model"]);
        return temp["model"];
    }
}

/// <summary>Tests sharing the real analyzer.</summary>
[CollectionDefinition(Name)]
public sealed class RealAnalyzerCollection : ICollectionFixture<RealAnalyzerFixture>
{
    public const string Name = "real photo analyzer";
}
