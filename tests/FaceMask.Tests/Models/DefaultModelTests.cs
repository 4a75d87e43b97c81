using System.Text.Json;
using FaceMask.Data;
using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Models;

/// <summary>The model shipped in models/default and used when a command gets no --model.</summary>
public sealed class DefaultModelTests
{
    [Fact]
    public void ShippedModel_IsCopiedBesideTheProgram_LoadsAndIsSmall()
    {
        string directory = ModelStore.ResolveDirectory(null);

        Assert.Equal(ModelStore.DefaultModelDirectory, directory);
        using var model = ModelStore.Load(directory); // also checks the weights' SHA-256 against model.json
        Assert.True(model.Manifest.Classes.Count >= 2);

        // models/default may hold 20 MB in all: the fine-tuned ResNet18 stores only its tuned layer4 (as int8
        // differences from the ImageNet weights) and the classifier; the rest comes from the backbone package.
        long bytes = Directory.EnumerateFiles(directory).Sum(f => new FileInfo(f).Length);
        Assert.InRange(bytes, 1, 20 * 1024 * 1024);
    }

    [Fact]
    public void ShippedModel_HasAModelCardNamingTheCommandThatTrainedIt()
    {
        string card = File.ReadAllText(Path.Combine(ModelStore.DefaultModelDirectory, "MODEL_CARD.md"));
        var manifest = ModelStore.ReadManifest(ModelStore.DefaultModelDirectory);

        Assert.Contains("facemask train ", card, StringComparison.Ordinal);
        Assert.Contains($"--arch {manifest.Arch}", card, StringComparison.Ordinal);
        Assert.Contains(manifest.WeightsSha256!, card, StringComparison.Ordinal);
    }

    [DetectorFact] // the shipped model was trained on face crops, so predicting finds faces
    public void Predict_WithoutModel_UsesTheShippedModel()
    {
        using var temp = new TempDirectory();
        string root = SyntheticDataset.Create(temp["ds"], classes: 2, perClass: 1, side: 40);
        string image = Directory.EnumerateFiles(root, "*.png", SearchOption.AllDirectories).First();
        var classes = ModelStore.ReadManifest(ModelStore.DefaultModelDirectory).Classes;

        var (code, output) = CliRunner.Run("predict", "--json", image);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        string label = json.RootElement[0].GetProperty("label").GetString()!;
        Assert.Contains(label, classes);
    }

    [Fact]
    public void MissingDefaultModel_IsAClearError_WhenNoModelIsGiven()
    {
        using var temp = new TempDirectory();
        string missing = temp["models/default"];

        var ex = Assert.Throws<FaceMaskException>(() => ModelStore.ResolveDirectory(null, missing));

        Assert.StartsWith($"{missing}: no --model given and the default model is missing", ex.Message, StringComparison.Ordinal);
        Assert.Equal("given", ModelStore.ResolveDirectory("given", missing));
    }

    [SharedDataFact(NeedsDetector = true)] // the shipped model was trained on face crops, so predicting finds faces
    public void ShippedModel_ClassifiesSharedImages()
    {
        // A smoke check, not an accuracy figure: every one of these images was in its training data.
        ImageFolder folder = ImageFolder.Discover(SharedData.ImagesRoot!);
        var sample = folder.Entries.GroupBy(e => e.Label).SelectMany(g => g.Where((_, i) => i % 40 == 0)).ToList();
        using var model = ModelStore.Load(ModelStore.DefaultModelDirectory);

        var predictions = FilePredictor.Classify(model, sample.Select(e => Path.Combine(folder.Root, e.RelativePath)).ToList());

        double accuracy = sample.Zip(predictions).Count(p => p.Second.Label == folder.Classes[p.First.Label]) / (double)sample.Count;
        Assert.True(accuracy > 0.8, $"accuracy {accuracy:P1} on {sample.Count} shared images");
    }
}
