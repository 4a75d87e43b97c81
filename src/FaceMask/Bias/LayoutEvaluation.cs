using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Training;

namespace FaceMask.Bias;

/// <summary>Runs a saved model on the images of a folder layout <c>&lt;root&gt;/&lt;attribute&gt;/&lt;group&gt;/&lt;class&gt;/&lt;image&gt;</c>.</summary>
internal static class LayoutEvaluation
{
    /// <summary>
    /// Predicts every distinct image of the layout once (an image filed under several attributes, such as
    /// <c>gender/male/cloth/a.jpg</c> and <c>age/old/cloth/a.jpg</c>, is the same <c>cloth/a.jpg</c>; the first copy is used).
    /// Class folders are matched to the model's classes by name; a group need not have every class.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="layout">Attributes read with <see cref="GroupAttributes.FromFolderLayout"/>.</param>
    /// <param name="load">How to load images; the size and resize mode are taken from the model.</param>
    /// <param name="cancellationToken">Stops loading.</param>
    /// <exception cref="FaceMaskException">The attributes are not a folder layout, or a class folder is not one of the model's classes.</exception>
    public static LayoutPredictions Predict(TrainedModel model, GroupAttributes layout, DatasetLoadOptions load, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(load);
        if (!layout.IsFolderLayout)
        {
            throw new FaceMaskException($"{layout.Source}: is not a folder layout <root>/<attribute>/<group>/<class>/<image>; give the images with --data");
        }

        var manifest = model.Manifest;
        var calibration = Inference.CalibrationInEffect.For(manifest);
        var classIndex = manifest.Classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var options = load with { Size = manifest.InputSize, Resize = ResizeModeNames.Parse(manifest.Resize) };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<PredictionRow>();
        var skipped = new List<SkippedFile>();
        foreach (LayoutFolder folder in layout.LayoutFolders)
        {
            LoadedDataset data = DatasetLoader.Load(folder.Path, options, null, cancellationToken);
            string prefix = folder.Attribute + "/" + folder.Group + "/";
            skipped.AddRange(data.Skipped.Select(s => s with { Path = prefix + s.Path }));
            var mapped = new int[data.Classes.Count];
            for (int c = 0; c < mapped.Length; c++)
            {
                mapped[c] = classIndex.TryGetValue(data.Classes[c], out int i)
                    ? i
                    : throw new FaceMaskException(
                        $"{Path.Combine(folder.Path, data.Classes[c])}: class folder '{data.Classes[c]}' is not one of the model's classes [{string.Join(", ", manifest.Classes)}]");
            }

            int[] labels = data.Labels.Select(l => mapped[l]).ToArray();
            int[] todo = Enumerable.Range(0, data.Count).Where(i => seen.Add(data.Paths[i])).ToArray();
            if (todo.Length == 0)
            {
                continue;
            }

            using var set = TensorSet.FromPixels(data.Pixels, labels, data.Size, todo, manifest.Normalization);
            float[][] probabilities = Predictor.Probabilities(model.Network, set);
            for (int j = 0; j < todo.Length; j++)
            {
                int i = todo[j];
                rows.Add(calibration.Correct(new PredictionRow(data.Paths[i], labels[i], Predictor.ArgMax(probabilities[j]), probabilities[j])));
            }
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new LayoutPredictions(rows, skipped);
    }
}
