using System.Globalization;
using FaceMask.ResNet;
using static TorchSharp.torch;

namespace FaceMask.Models;

/// <summary>
/// Averages the weights of fine-tuned ResNet18 models into one (a "model soup", Wortsman et al., 2022). Models
/// fine-tuned from the same ImageNet weights with the same classifier start stay close enough that their weight
/// average is a good network, often better on unseen data than each of them, at the cost of one network when it runs.
/// The result keeps the widest tuning of its sources (an average of a <c>layer4</c> and a <c>layer3</c> model trains, and
/// stores, layer3 and layer4), is stored as float32 and is uncalibrated: calibrate it on its own held-out predictions.
/// </summary>
public static class ModelAverager
{
    /// <summary>
    /// Writes the weighted average of <paramref name="models"/> (model folders) to <paramref name="output"/>,
    /// atomically; an existing folder is replaced only with <paramref name="overwrite"/>.
    /// </summary>
    /// <param name="models">Two or more fine-tuned ResNet18 model folders with the same classes, input, face crop and seed.</param>
    /// <param name="weights">Positive weights, one per model (null: equal); they are scaled to add up to 1.</param>
    /// <param name="output">The new model folder.</param>
    /// <param name="overwrite">Replace an existing folder at <paramref name="output"/>.</param>
    /// <exception cref="FaceMaskException">Fewer than two models, bad weights, an existing output, a model that cannot be loaded, or models that cannot be averaged; the message names the folder.</exception>
    public static AveragedModel Average(IReadOnlyList<string> models, IReadOnlyList<double>? weights, string output, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        if (models.Count < 2)
        {
            throw new FaceMaskException($"averaging needs at least two models, got {models.Count}");
        }

        double[] shares = Shares(weights, models.Count);
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !overwrite)
        {
            throw new FaceMaskException($"{output}: a model folder already exists there; choose another --out or pass --overwrite");
        }

        var manifests = models.Select(ModelStore.ReadManifest).ToArray();
        for (int k = 0; k < models.Count; k++)
        {
            EnsureAverageable(models[k], manifests[k], models[0], manifests[0]);
        }

        int widest = Enumerable.Range(0, models.Count).MaxBy(k => ResNetTuning.TrainedStages(manifests[k].Tune ?? ResNetTuning.Layer4, int.MaxValue));
        var loaded = new List<TrainedModel>(models.Count);
        try
        {
            foreach (string model in models)
            {
                loaded.Add(ModelStore.Load(model));
            }

            TrainedModel target = loaded[widest];
            AverageInto(target, loaded, shares);
            var notes = new List<string>();
            for (int k = 0; k < models.Count; k++)
            {
                if (manifests[k].Calibration is not null)
                {
                    notes.Add($"{models[k]}: its calibration is not carried over; calibrate the average on held-out predictions (facemask calibrate)");
                }
            }

            bool sameData = manifests.All(m => m.DatasetFingerprint == manifests[0].DatasetFingerprint);
            if (!sameData)
            {
                notes.Add("the models were trained on different data (their dataset fingerprints differ)");
            }

            target.Manifest = target.Manifest with
            {
                Calibration = null,
                Metrics = new Dictionary<string, double>(),
                AveragedFrom = models.Select((m, k) => new AveragedSource(m, shares[k], manifests[k].Tune)).ToArray(),
                Epochs = manifests.Max(m => m.Epochs),
                DatasetFingerprint = sameData ? manifests[0].DatasetFingerprint : null,
                DatasetRoot = sameData ? manifests[0].DatasetRoot : null,
                TrainingCounts = sameData ? manifests[0].TrainingCounts : null,
                WeightsDtype = ModelManifest.Float32,
                WeightsSha256 = null,
                Versions = ModelStore.CurrentVersions(),
                CreatedUtc = DateTime.UtcNow,
            };
            var manifest = ModelStore.Save(target, output, overwrite);
            return new AveragedModel { Directory = Path.GetFullPath(output), Manifest = manifest, Notes = notes };
        }
        finally
        {
            foreach (var model in loaded)
            {
                model.Dispose();
            }
        }
    }

    private static double[] Shares(IReadOnlyList<double>? weights, int count)
    {
        if (weights is null)
        {
            return Enumerable.Repeat(1.0 / count, count).ToArray();
        }

        if (weights.Count != count)
        {
            throw new FaceMaskException($"--weights: {weights.Count} weights for {count} models");
        }

        if (weights.Any(w => !double.IsFinite(w) || w <= 0))
        {
            throw new FaceMaskException($"--weights: every weight must be a positive number, got {string.Join(", ", weights.Select(w => w.ToString(CultureInfo.InvariantCulture)))}");
        }

        double total = weights.Sum();
        return weights.Select(w => w / total).ToArray();
    }

    /// <summary>Throws unless <paramref name="manifest"/>'s model can be averaged with the first model's.</summary>
    private static void EnsureAverageable(string directory, ModelManifest manifest, string firstDirectory, ModelManifest first)
    {
        if (ModelArchitectures.Defaults(manifest.Arch).TunedBackbone is null)
        {
            throw new FaceMaskException(
                $"{directory}: a {manifest.Arch} model; only fine-tuned ResNet18 models ({ModelArchitectures.ResNet18FineTuned}), which all start from the same ImageNet weights, can be averaged");
        }

        string? difference =
            !manifest.Arch.Equals(first.Arch, StringComparison.Ordinal) ? $"architecture {manifest.Arch}, not {first.Arch}" :
            !manifest.Classes.SequenceEqual(first.Classes, StringComparer.Ordinal) ? $"classes [{string.Join(", ", manifest.Classes)}], not [{string.Join(", ", first.Classes)}]" :
            manifest.InputSize != first.InputSize ? $"input size {manifest.InputSize} px, not {first.InputSize}" :
            !manifest.Resize.Equals(first.Resize, StringComparison.Ordinal) ? $"resize {manifest.Resize}, not {first.Resize}" :
            !manifest.Normalization.Mean.SequenceEqual(first.Normalization.Mean) || !manifest.Normalization.Std.SequenceEqual(first.Normalization.Std) ? "another normalisation" :
            !SameBackbone(manifest.Backbone, first.Backbone) ? "other backbone files" :
            manifest.FaceCrop != first.FaceCrop ? $"face crop {Describe(manifest.FaceCrop)}, not {Describe(first.FaceCrop)}" :
            manifest.Seed != first.Seed ? $"seed {manifest.Seed}, not {first.Seed} (the classifiers started from different weights)" :
            null;
        if (difference is not null)
        {
            throw new FaceMaskException($"{directory}: cannot be averaged with {firstDirectory}: {difference}");
        }
    }

    private static bool SameBackbone(BackboneManifest? a, BackboneManifest? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.SameFilesAs(b);

    private static string Describe(Data.FaceCropSettings? crop) => crop?.ToString() ?? "none (whole images)";

    /// <summary>Sets every floating-point entry of <paramref name="target"/>'s state to the weighted mean over <paramref name="models"/>; integer entries (batch counts) keep the target's.</summary>
    private static void AverageInto(TrainedModel target, IReadOnlyList<TrainedModel> models, double[] shares)
    {
        var states = models.Select(m => m.Network.state_dict()).ToArray();
        using var noGrad = no_grad();
        foreach (var (name, tensor) in target.Network.state_dict())
        {
            if (!tensor.is_floating_point())
            {
                continue;
            }

            using var scope = NewDisposeScope();
            var sum = zeros_like(tensor, dtype: ScalarType.Float64);
            for (int k = 0; k < states.Length; k++)
            {
                sum.add_(states[k][name].to(ScalarType.Float64), alpha: shares[k]);
            }

            tensor.copy_(sum);
        }
    }
}
