using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Inference;
using FaceMask.Models;
using SkiaSharp;

namespace FaceMask.Detection;

/// <summary>
/// Classifies image files the way the model was trained (the <c>predict</c> command): a model trained on whole images
/// gets whole images (<see cref="ImageClassifier.Classify"/>); a model trained on face crops
/// (<see cref="ModelManifest.FaceCrop"/>) gets each file's best-scoring face, cropped with the model's settings by
/// <see cref="FaceCropPreparer"/> (the step <c>evaluate</c> loads whole images with), and a file without a face whole
/// (as <c>data faces</c> copied such images whole). One answer per file.
/// </summary>
public static class FilePredictor
{
    /// <summary>
    /// Classifies every file; unreadable files get an error entry instead of stopping the batch. Answers are calibrated
    /// and flagged unsure as <see cref="ImageClassifier.Calibration"/> says.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="files">Image files.</param>
    /// <param name="unsureBelow">The unsure threshold in [0, 1] (0: never unsure); null uses the model's calibrated one.</param>
    /// <param name="cancellationToken">Stops between files (face-crop models).</param>
    /// <exception cref="FaceMaskException">The face detector (for a face-crop model) or a backbone file is missing, or <paramref name="unsureBelow"/> is outside [0, 1].</exception>
    public static IReadOnlyList<ImagePrediction> Classify(TrainedModel model, IReadOnlyList<string> files, double? unsureBelow = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(files);
        if (model.Manifest.FaceCrop is not { } settings)
        {
            using var wholeImages = new ImageClassifier(model, unsureBelow: unsureBelow);
            return wholeImages.Classify(files);
        }

        using var faces = new FaceCropPreparer(settings);
        using var classifier = new ImageClassifier(model, null, new ExtractionOptions { Workers = 1, ThreadsPerWorker = 1 }, unsureBelow);
        var results = new ImagePrediction[files.Count];
        for (int i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                byte[] bytes = ImageDecoder.ReadFile(files[i], files[i]);
                using SKBitmap photo = ImageDecoder.DecodeBitmap(bytes, files[i]);
                using SKBitmap? face = faces.Prepare(photo, files[i]);
                results[i] = classifier.ClassifyImages([face ?? photo], [files[i]], cancellationToken)[0];
            }
            catch (ImageDecodeException ex)
            {
                results[i] = new ImagePrediction(files[i], null, new Dictionary<string, float>(), ex.Message, Unsure: false);
            }
        }

        return results;
    }
}
