using FaceMask.Data;
using FaceMask.Models;
using FaceMask.Training;
using SkiaSharp;
using static TorchSharp.torch;

namespace FaceMask.Inputs;

/// <summary>
/// Turns images into what a model's network takes: normalised pixels for the seed CNNs
/// (<see cref="PixelInputEncoder"/>), frozen-backbone features for resnet18 (<see cref="FeatureInputEncoder"/>).
/// The protocols and the image classifier go through it, so they do not depend on the kind of input.
/// </summary>
internal interface IInputEncoder
{
    /// <summary>The rows <paramref name="indices"/> of a loaded dataset, with their labels, as network inputs.</summary>
    /// <param name="data">The dataset, loaded the way the architecture needs (pixels or backbone features).</param>
    /// <param name="indices">Rows to take, in order.</param>
    /// <param name="normalization">Pixel normalisation (ignored by backbone models).</param>
    /// <exception cref="FaceMaskException">The dataset holds the other kind of input.</exception>
    TensorSet Encode(LoadedDataset data, int[] indices, Normalization normalization);

    /// <summary>
    /// Reads, decodes and encodes image files the way <paramref name="manifest"/>'s model was trained. An unusable file
    /// gets an error and no row; it does not stop the others.
    /// </summary>
    /// <exception cref="FaceMaskException">The model's backbone is missing or differs from the one it was trained on.</exception>
    EncodedFiles EncodeFiles(IReadOnlyList<string> files, ModelManifest manifest, CancellationToken cancellationToken = default);

    /// <summary>
    /// Encodes in-memory images (e.g. faces cropped from a photo, upright) the way <paramref name="manifest"/>'s model was
    /// trained, with the same resizing as files: one row per image, in order.
    /// </summary>
    /// <returns>The network inputs (N rows); the caller disposes the tensor.</returns>
    /// <exception cref="FaceMaskException">The model's backbone is missing or differs from the one it was trained on.</exception>
    Tensor EncodeImages(IReadOnlyList<SKBitmap> images, ModelManifest manifest, CancellationToken cancellationToken = default);

    /// <summary>The side, in pixels, of the square planar RGB images <see cref="EncodeResized"/> takes for <paramref name="manifest"/>'s model.</summary>
    int ResizedSide(ModelManifest manifest);

    /// <summary>
    /// Encodes images already resized as <see cref="EncodeImages"/> resizes them: <paramref name="count"/> planar RGB
    /// uint8 images of <see cref="ResizedSide"/> pixels a side, one after the other in <paramref name="pixels"/>. Gives
    /// the same rows as <see cref="EncodeImages"/> on the original images (batches of faces resized by their callers).
    /// </summary>
    /// <returns>The network inputs (N rows); the caller disposes the tensor.</returns>
    /// <exception cref="FaceMaskException">The model's backbone is missing or differs from the one it was trained on.</exception>
    Tensor EncodeResized(byte[] pixels, int count, ModelManifest manifest, CancellationToken cancellationToken = default);
}
