using FaceMask.Data;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Training;
using static TorchSharp.torch;

namespace FaceMask.Inference;

/// <summary>Classifies image files with a trained model, decoding them the way the model was trained.</summary>
public sealed class ImageClassifier
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp", ".webp", ".gif"];
    private readonly TrainedModel model;
    private readonly ResizeMode resize;

    /// <summary>Wraps a loaded model.</summary>
    public ImageClassifier(TrainedModel model)
    {
        this.model = model;
        resize = ResizeModeNames.Parse(model.Manifest.Resize);
    }

    /// <summary>Expands folders (recursively, image extensions only, sorted) and keeps files as given.</summary>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths)
    {
        var result = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                result.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(System.IO.Path.GetExtension(f).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                result.Add(path);
            }
            else
            {
                throw new FaceMaskException($"{path}: no such file or folder");
            }
        }

        return result;
    }

    /// <summary>Classifies every file; unreadable files get an error entry instead of stopping the batch.</summary>
    public IReadOnlyList<ImagePrediction> Classify(IReadOnlyList<string> files)
    {
        int size = model.Manifest.InputSize;
        var pixels = new byte[files.Count][];
        var errors = new string?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try
            {
                pixels[i] = ImageDecoder.DecodeResized(files[i], size, resize);
            }
            catch (FaceMaskException ex)
            {
                errors[i] = ex.Message;
            }
        });

        int[] ok = Enumerable.Range(0, files.Count).Where(i => errors[i] is null).ToArray();
        var results = new ImagePrediction[files.Count];
        if (ok.Length > 0)
        {
            int per = 3 * size * size;
            var flat = new byte[ok.Length * per];
            for (int k = 0; k < ok.Length; k++)
            {
                Buffer.BlockCopy(pixels[ok[k]], 0, flat, k * per, per);
            }

            float[][] probs;
            using (var scope = NewDisposeScope())
            {
                var images = TensorSet.Normalize(tensor(flat, [ok.Length, 3, size, size]), model.Manifest.Normalization);
                probs = Predictor.Probabilities(model.Network, images);
            }

            for (int k = 0; k < ok.Length; k++)
            {
                results[ok[k]] = ToPrediction(files[ok[k]], probs[k]);
            }
        }

        for (int i = 0; i < files.Count; i++)
        {
            results[i] ??= new ImagePrediction(files[i], null, new Dictionary<string, float>(), errors[i]);
        }

        return results;
    }

    private ImagePrediction ToPrediction(string path, float[] probs)
    {
        var classes = model.Manifest.Classes;
        var map = new Dictionary<string, float>();
        for (int c = 0; c < classes.Count; c++)
        {
            map[classes[c]] = probs[c];
        }

        return new ImagePrediction(path, classes[Predictor.ArgMax(probs)], map, null);
    }
}
