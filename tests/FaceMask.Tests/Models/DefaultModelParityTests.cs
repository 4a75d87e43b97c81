using System.Globalization;
using FaceMask.Detection;
using FaceMask.IO;
using FaceMask.Models;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Models;

/// <summary>
/// The shipped default model stores its tuned layers compactly (int8 differences from the ImageNet weights); this
/// checks that it answers as the full float32 network it was made from. <c>models/default/reference_predictions.csv</c>
/// holds that network's predictions (uncalibrated, as <c>facemask predict --csv</c> wrote them) for every seventh shared
/// image in path order; the stored model must give the same label on at least 99.5 % of them, with every probability
/// within <see cref="Tolerance"/>.
/// </summary>
public sealed class DefaultModelParityTests
{
    /// <summary>The largest difference allowed between a stored-model and a float32 probability.</summary>
    private const double Tolerance = 0.01;

    /// <summary>The reference predictions' file name inside models/default.</summary>
    private const string ReferenceFile = "reference_predictions.csv";

    [SharedDataFact(NeedsDetector = true)]
    public void StoredDefault_AnswersAsTheFullFloat32Network()
    {
        string directory = ModelStore.DefaultModelDirectory;
        var rows = ReadReference(Path.Combine(directory, ReferenceFile), out IReadOnlyList<string> classes);
        var present = rows.Where(r => File.Exists(Path.Combine(SharedData.ImagesRoot!, r.Path))).ToList();
        Assert.True(present.Count >= 0.95 * rows.Count, $"only {present.Count} of the {rows.Count} reference images are in the shared data");

        using var model = ModelStore.Load(directory);
        Assert.Equal(ModelManifest.Int8Delta, model.Manifest.WeightsDtype);
        Assert.Equal(classes, model.Manifest.Classes);
        model.Manifest = model.Manifest with { Calibration = null }; // the reference holds the network's own probabilities
        var predictions = FilePredictor.Classify(model, present.Select(r => Path.Combine(SharedData.ImagesRoot!, r.Path)).ToList());

        int same = 0;
        double largest = 0;
        for (int i = 0; i < present.Count; i++)
        {
            Assert.Null(predictions[i].Error);
            same += predictions[i].Label == present[i].Label ? 1 : 0;
            for (int c = 0; c < classes.Count; c++)
            {
                largest = Math.Max(largest, Math.Abs(predictions[i].Probabilities[classes[c]] - present[i].Probabilities[c]));
            }
        }

        double agreement = same / (double)present.Count;
        Assert.True(agreement >= 0.995, $"same label on {agreement:P2} of {present.Count} images");
        Assert.True(largest <= Tolerance, $"largest probability difference {largest:0.0000} on {present.Count} images");
    }

    private static List<(string Path, string Label, float[] Probabilities)> ReadReference(string path, out IReadOnlyList<string> classes)
    {
        using var reader = new StreamReader(path);
        var records = CsvTable.ReadRows(reader, path).ToList();
        string[] header = records[0];
        Assert.Equal("path", header[0]);
        Assert.Equal("pred", header[1]);
        int[] columns = Enumerable.Range(0, header.Length).Where(i => header[i].StartsWith("p_", StringComparison.Ordinal)).ToArray();
        classes = columns.Select(i => header[i][2..]).ToArray();
        return records.Skip(1)
            .Select(r => (r[0], r[1], columns.Select(i => float.Parse(r[i], CultureInfo.InvariantCulture)).ToArray()))
            .ToList();
    }
}
