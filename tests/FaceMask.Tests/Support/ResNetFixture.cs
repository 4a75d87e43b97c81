using FaceMask.Data;
using FaceMask.Features;
using FaceMask.ResNet;

namespace FaceMask.Tests.Support;

/// <summary>Shared helpers for the resnet18 tests: a small generated dataset and options that load it as features.</summary>
internal static class ResNetFixture
{
    /// <summary>Loads <paramref name="root"/> as resnet18 features, caching under <paramref name="cache"/> (null: no cache).</summary>
    /// <param name="extraction">Threads and batch size of the extraction; null uses the default.</param>
    public static LoadedDataset LoadFeatures(string root, string? cache, ResizeMode resize = ResizeMode.CenterCrop, bool strict = false, ExtractionOptions? extraction = null) =>
        FeatureLoadStep.Load(root, new DatasetLoadOptions
        {
            Size = ResNet18Backbone.InputSize,
            Resize = resize,
            Backbone = ResNet18Backbone.Name,
            CacheDirectory = cache,
            UseCache = cache is not null,
            Strict = strict,
        }, extraction ?? ExtractionOptions.Default, null, CancellationToken.None);

    /// <summary>Three classes of coloured shapes (square or circle on grey), <paramref name="perClass"/> PNGs each.</summary>
    public static string Dataset(TempDirectory temp, int perClass = 10, int classes = 3) =>
        SyntheticDataset.Create(temp["data"], classes, perClass, side: 40, seed: 5);
}
