using FaceMask.Features;
using FaceMask.Inference;
using FaceMask.Models;

namespace FaceMask.Detection;

/// <summary>
/// Photo analysers that classify their faces together: <c>copies</c> loads of one model folder, each with its own
/// classifier as one worker of a shared <see cref="FaceBatcher"/>, and one <see cref="PhotoAnalyzer"/> (one face
/// detector) per copy feeding it. With the network (libtorch or ONNX Runtime, <see cref="PhotoAnalyzerOptions.Engine"/>) and the detector on one thread each, N copies keep about N cores
/// busy with classification and at most N photos in face detection. Owns and disposes all of it.
/// </summary>
public sealed class BatchedPhotoAnalyzers : IDisposable
{
    private readonly List<TrainedModel> models = [];
    private readonly List<ImageClassifier> classifiers = [];
    private readonly List<PhotoAnalyzer> analyzers = [];
    private FaceBatcher? batcher;

    private BatchedPhotoAnalyzers()
    {
    }

    /// <summary>The analysers, one per copy; they may be called at once, from any threads.</summary>
    public IReadOnlyList<PhotoAnalyzer> Analyzers => analyzers;

    /// <summary>The batcher their faces go through.</summary>
    public FaceBatcher Batcher => batcher!;

    /// <summary>Loads the model folder <paramref name="copies"/> times (null: the default model) and starts the batcher.</summary>
    /// <param name="modelDirectory">The model folder; null for the default model.</param>
    /// <param name="options">Face finding and unsure threshold, as for <see cref="PhotoAnalyzer.Open"/>.</param>
    /// <param name="batching">Batch size and window; null for the defaults.</param>
    /// <param name="copies">Model copies, batch workers and face detectors (e.g. one per core).</param>
    /// <exception cref="FaceMaskException">The model or the face detector is missing or unusable, or a setting is out of range.</exception>
    public static BatchedPhotoAnalyzers Open(string? modelDirectory, PhotoAnalyzerOptions? options, FaceBatcherOptions? batching, int copies)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        options ??= new PhotoAnalyzerOptions();
        options.Validate();
        string directory = ModelStore.ResolveDirectory(modelDirectory);
        var set = new BatchedPhotoAnalyzers();
        try
        {
            for (int i = 0; i < copies; i++)
            {
                TrainedModel model = ModelStore.Load(directory);
                set.models.Add(model);
                set.classifiers.Add(new ImageClassifier(model, options.BackboneDirectory, new ExtractionOptions { Workers = 1, ThreadsPerWorker = options.ModelThreads }, options.UnsureBelow, options.Engine));
            }

            set.batcher = new FaceBatcher(set.classifiers, batching);
            foreach (TrainedModel model in set.models)
            {
                set.analyzers.Add(new PhotoAnalyzer(model, options, set.batcher));
            }

            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>Stops the batcher (after the faces it holds) and disposes the analysers, classifiers and models.</summary>
    public void Dispose()
    {
        analyzers.ForEach(a => a.Dispose());
        batcher?.Dispose();
        classifiers.ForEach(c => c.Dispose());
        models.ForEach(m => m.Dispose());
        analyzers.Clear();
        classifiers.Clear();
        models.Clear();
    }
}
