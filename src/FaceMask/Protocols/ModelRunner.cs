using FaceMask.Data;
using FaceMask.Evaluation;
using FaceMask.Features;
using FaceMask.Inputs;
using FaceMask.Models;
using FaceMask.ResNet;
using FaceMask.Runtime;
using FaceMask.Training;

namespace FaceMask.Protocols;

/// <summary>
/// Steps the protocols share: build a network, turn dataset rows into its inputs (through the architecture's
/// <see cref="IInputEncoder"/>), predict a subset, describe it in a manifest.
/// </summary>
internal static class ModelRunner
{
    public static TrainedModel CreateModel(LoadedDataset data, ExperimentOptions options)
    {
        TorchRuntime.Configure(options.Training.Threads, options.Training.Seed);
        var network = ModelArchitectures.Create(options.Arch, data.Classes.Count, data.Size, options.Head, options.Tune);
        return new TrainedModel(network, Manifest(data, options, epochs: 0, metrics: null));
    }

    /// <summary>The rows <paramref name="indices"/> of <paramref name="data"/> as inputs of an <paramref name="arch"/> network.</summary>
    public static TensorSet Inputs(LoadedDataset data, string arch, int[] indices, Normalization normalization) =>
        InputEncoders.For(arch).Encode(data, indices, normalization);

    public static ModelManifest Manifest(LoadedDataset data, ExperimentOptions options, int epochs, ClassificationReport? metrics) => new()
    {
        Arch = options.Arch,
        Classes = data.Classes.ToArray(),
        InputSize = data.Size,
        Resize = ResizeModeNames.ToName(data.Resize),
        Head = ModelArchitectures.Defaults(options.Arch).Backbone is null ? null : options.Head ?? ModelArchitectures.Defaults(options.Arch).Head,
        Tune = ModelArchitectures.Defaults(options.Arch).TunedBackbone is null ? null : options.Tune ?? ModelArchitectures.Defaults(options.Arch).Tune,
        Backbone = ModelArchitectures.Defaults(options.Arch) switch
        {
            { Backbone: not null } => data.Features?.Backbone,
            { TunedBackbone: not null } => BackboneManifest.Of(ResNet18Backbone.Locate()),
            _ => null,
        },
        Normalization = ModelArchitectures.Defaults(options.Arch).Backbone is null ? options.Normalization : Normalization.Identity,
        FaceCrop = data.FaceCrop,
        Seed = options.Training.Seed,
        Epochs = epochs,
        DatasetFingerprint = data.Fingerprint,
        DatasetRoot = data.Root,
        Metrics = metrics is null ? new Dictionary<string, double>() : new Dictionary<string, double>
        {
            ["accuracy"] = metrics.Accuracy,
            ["macro_precision"] = metrics.Macro.Precision,
            ["macro_recall"] = metrics.Macro.Recall,
            ["macro_f1"] = metrics.Macro.F1,
        },
        Versions = ModelStore.CurrentVersions(),
    };

    public static List<PredictionRow> Predict(TrainedModel model, LoadedDataset data, int[] indices, int? fold)
    {
        using var set = Inputs(data, model.Manifest.Arch, indices, model.Manifest.Normalization);
        return Rows(data, indices, Predictor.Probabilities(model.Network, set), fold);
    }

    /// <summary>
    /// The rows <paramref name="indices"/> with probabilities already computed: the trainer's last validation pass, so
    /// a held-out set is not predicted twice; without them (no epoch completed), predicts.
    /// </summary>
    public static List<PredictionRow> Predict(TrainedModel model, LoadedDataset data, int[] indices, int? fold, IReadOnlyList<float[]>? computed) =>
        computed is null ? Predict(model, data, indices, fold) : Rows(data, indices, computed, fold);

    private static List<PredictionRow> Rows(LoadedDataset data, int[] indices, IReadOnlyList<float[]> probs, int? fold)
    {
        if (probs.Count != indices.Length)
        {
            throw new ArgumentException($"{probs.Count} probability rows for {indices.Length} images", nameof(probs));
        }

        var rows = new List<PredictionRow>(indices.Length);
        for (int i = 0; i < indices.Length; i++)
        {
            int k = indices[i];
            rows.Add(new PredictionRow(data.Paths[k], data.Labels[k], Predictor.ArgMax(probs[i]), probs[i], fold));
        }

        return rows;
    }

    public static ClassificationReport Report(IReadOnlyList<PredictionRow> rows, IReadOnlyList<string> labels) =>
        ClassificationReport.Compute(rows.Select(r => r.Truth).ToArray(), rows.Select(r => r.Predicted).ToArray(), labels);

    public static float[]? SubsetWeights(float[]? weights, int[] indices) => weights is null ? null : indices.Select(i => weights[i]).ToArray();
}
